"""Drawing a `SearchResult`: a table with the matched words highlighted, plain lines, Markdown.

Rich is imported only by the function that draws the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.queries.search import FieldMatch, SearchResult
from mlroles.render.narrow import ByWidth
from mlroles.render.text import md_cell, md_code, md_table, md_text, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

#: How many matching fields the table shows for each role; the rest are counted.
SHOWN_MATCHES = 3
#: Bold and underlined as well as coloured, so that the words stand out under NO_COLOR too.
HIGHLIGHT = "bold underline yellow"


def search_plain(result: SearchResult) -> str:
    """One line per matching field, best entry first: kind, id, score, field, text,
    tab-separated (the kind first, since ids are unique only within a kind)."""
    lines = [
        "\t".join((hit.kind, hit.id, str(hit.score), match.field, scalar(match.text)))
        for hit in result.hits
        for match in hit.matches
    ]
    return "".join(line + "\n" for line in lines)


def search_markdown(result: SearchResult) -> str:
    """A GitHub-flavoured table: a row per entry, best first, each field it matched in a line."""
    rows = [
        [
            md_text(hit.kind),
            md_code(hit.id),
            md_cell(hit.title),
            str(hit.score),
            md_cell([f"{match.field}: {match.text}" for match in hit.matches]),
        ]
        for hit in result.hits
    ]
    return md_table(["kind", "id", "title", "score", "matched in"], rows)


def search_table(result: SearchResult) -> RenderableType:
    """A table on a wide terminal, blocks on a narrow one."""
    return ByWidth(_table(result), _blocks(result))


def _blocks(result: SearchResult) -> RenderableType:
    """The table's rows as short blocks, for a narrow terminal."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    blocks: list[RenderableType] = []
    for hit in result.hits:
        heading = Text.assemble(
            (hit.title, "bold"), " (", hit.kind, " ", (hit.id, "cyan"), ")", overflow="fold"
        )
        heading.append(f"  score {hit.score}")
        found = Text("\n").join(highlighted(match) for match in hit.matches[:SHOWN_MATCHES])
        hidden = len(hit.matches) - SHOWN_MATCHES
        if hidden > 0:
            found.append(f"\n(+{hidden} more)", style="dim")
        blocks += [heading, Padding(found, (0, 0, 1, 2))]
    return Group(*blocks)


def _table(result: SearchResult) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("entry", overflow="fold")
    table.add_column("score", justify="right")
    table.add_column("matched in", ratio=1, overflow="fold")
    for hit in result.hits:
        role = Text.assemble((hit.title, "bold"), "\n", (f"{hit.kind} ", "dim"), (hit.id, "cyan"))
        found = Text("\n").join(highlighted(match) for match in hit.matches[:SHOWN_MATCHES])
        hidden = len(hit.matches) - SHOWN_MATCHES
        if hidden > 0:
            found.append(f"\n(+{hidden} more)", style="dim")
        table.add_row(role, str(hit.score), found)
    return table


def highlighted(match: FieldMatch) -> Text:
    """`field: text`, with the query's words in the text highlighted."""
    from rich.text import Text

    text = Text.assemble((f"{match.field}: ", "dim"))
    offset = len(text)
    text.append(match.text)
    for start, end in match.spans:
        text.stylize(HIGHLIGHT, offset + start, offset + end)
    return text
