"""Drawing the archetypes: `org list`, `org show` and `org compare`, each in every format (a Rich
table for people, plain lines for programs, Markdown for documents), and the "relied on by"
lines that `show ROLE` adds.

Catalog text goes into Rich as `Text` objects, never as markup. Rich is imported only by the
functions that draw tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.catalog.entries import Archetype, Reliance, Role, Source
from mlroles.queries.org import ArchetypeComparison, ArchetypeDetail, ArchetypeList
from mlroles.render.text import md_cell, md_code, md_paragraph, md_table, md_text, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

#: The design choices, in the course's order, with the label each is shown under.
DESIGN_LABELS = {
    "engineering_vs_research": "Engineering vs research",
    "data_ownership": "Data ownership",
    "model_ownership": "Model ownership",
}
#: How the basis of a relied-on role is shown beside it.
BASIS_MARK = {"stated": "", "inferred": " *"}
INFERRED_NOTE = "* our reading: the course does not name this role for the archetype"
NO_DESIGN = "none: the course gives this archetype no design choices"


def _text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(value, style=style, overflow="fold")


def _marked(reliance: Reliance, mark: str = " *") -> str:
    return reliance.role + (mark if reliance.basis == "inferred" else "")


# --- org list -------------------------------------------------------------------------------


def list_plain(result: ArchetypeList) -> str:
    """One archetype a line, tab-separated: id, title, aliases, the roles it relies on, summary."""
    lines = [
        "\t".join(
            (
                archetype.id,
                scalar(archetype.title),
                ",".join(archetype.aliases),
                ",".join(r.role for r in archetype.relies_on),
                scalar(archetype.summary),
            )
        )
        for archetype in result.archetypes
    ]
    return "".join(line + "\n" for line in lines)


#: Below this width, `org list` leaves the summaries out: `org show` has them.
LIST_SUMMARY_WIDTH = 100


def list_view(result: ArchetypeList) -> RenderableType:
    """The table with the summaries where there is room for them, else without."""
    from rich.console import Group

    from mlroles.render.narrow import ByWidth

    wide, narrow = list_table(result), list_table(result, summary=False)
    note = _text(INFERRED_NOTE, "dim")
    return Group(ByWidth(wide, narrow, LIST_SUMMARY_WIDTH), note)


def list_table(result: ArchetypeList, summary: bool = True) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", overflow="fold", max_width=26)
    table.add_column("relies on", no_wrap=True)
    if summary:
        table.add_column("summary", overflow="fold", min_width=30)
    for archetype in result.archetypes:
        cells = [
            _text(archetype.id),
            _text(archetype.title),
            _text("\n".join(_marked(r) for r in archetype.relies_on) or "-"),
        ]
        if summary:
            cells.append(_text(archetype.summary))
        table.add_row(*cells)
    return table


def list_markdown(result: ArchetypeList) -> str:
    rows = [
        [
            md_code(archetype.id),
            md_cell(archetype.title),
            ", ".join(md_code(alias) for alias in archetype.aliases) or "-",
            ", ".join(
                md_code(r.role) + (" (inferred)" if r.basis == "inferred" else "")
                for r in archetype.relies_on
            )
            or "-",
            md_cell(archetype.summary),
        ]
        for archetype in result.archetypes
    ]
    return md_table(["id", "title", "aliases", "relies on", "summary"], rows)


# --- org show -------------------------------------------------------------------------------


def show_table(result: ArchetypeDetail) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    archetype = result.archetype
    heading = Text.assemble((archetype.title, "bold"), "  ", (archetype.id, "cyan"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")

    def label(name: str, shown: str) -> Text:
        return _text(shown + (" *" if name in archetype.inferred else ""))

    grid.add_row(label("summary", "Summary"), _text(archetype.summary))
    grid.add_row(label("aliases", "Aliases"), _text(", ".join(archetype.aliases) or "-"))
    grid.add_row(label("companies", "Companies"), _bullets(archetype.companies))
    grid.add_row(label("pros", "Pros"), _bullets(archetype.pros))
    grid.add_row(label("cons", "Cons"), _bullets(archetype.cons))
    if archetype.design is None:
        grid.add_row(label("design", "Design"), _text(NO_DESIGN, "italic"))
    else:
        for name, shown in DESIGN_LABELS.items():
            grid.add_row(label("design", shown), _text(getattr(archetype.design, name)))
    grid.add_row(label("relies_on", "Relies on"), _reliance_grid(archetype, result.roles))
    if archetype.inferred:
        notes = "\n".join(f"{name}: {scalar(note)}" for name, note in archetype.inferred.items())
        grid.add_row("Inferred *", _text(notes, "italic"))
    return Group(heading, "", grid, "", Text("Sources", style="bold"), _sources(archetype.sources))


def _reliance_grid(archetype: Archetype, roles: dict[str, Role]) -> RenderableType:
    from rich.table import Table

    if not archetype.relies_on:
        return _text("no particular role: the course names none", "italic")
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for reliance in archetype.relies_on:
        mark = "stated" if reliance.basis == "stated" else "our reading *"
        role = roles.get(reliance.role)
        title = f"{role.title} " if role else ""
        grid.add_row(_text(reliance.role), _text(f"{title}({mark}): {reliance.note}"))
    return grid


def _bullets(items: list[str]) -> RenderableType:
    from rich.table import Table

    if not items:
        return _text("-")
    bullets = Table.grid(padding=(0, 1, 0, 0))
    bullets.add_column(no_wrap=True)
    bullets.add_column(overflow="fold")
    for item in items:
        bullets.add_row("•", _text(item))
    return bullets


def _sources(sources: list[Source]) -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for number, source in enumerate(sources, 1):
        lines = source.title + (f"\n{source.url}" if source.url else "")
        grid.add_row(f"{number}.", _text(lines))
    return grid


def show_plain(result: ArchetypeDetail) -> str:
    """`field<TAB>value` lines with the catalog's keys; a relied-on role is one line of role,
    basis and note: `mlroles org show embedded --format plain | grep ^relies_on | cut -f2`."""
    from mlroles.render.text import plain_from_data

    return plain_from_data(result.to_data())


def show_markdown(result: ArchetypeDetail) -> str:
    archetype = result.archetype
    facts = [md_code(archetype.id)]
    if archetype.aliases:
        facts.append("aliases: " + ", ".join(md_code(alias) for alias in archetype.aliases))
    parts = [f"# {md_text(archetype.title)}", " · ".join(facts), md_paragraph(archetype.summary)]

    def section(name: str, heading: str, body: str) -> None:
        mark = " (inferred)" if name in archetype.inferred else ""
        parts.extend((f"## {heading}{mark}", body))

    section("companies", "Typical companies", _md_list(archetype.companies))
    section("pros", "Pros", _md_list(archetype.pros))
    section("cons", "Cons", _md_list(archetype.cons))
    if archetype.design is None:
        section("design", "Design choices", md_paragraph(NO_DESIGN))
    else:
        design = archetype.design
        section(
            "design",
            "Design choices",
            "\n".join(
                f"- **{shown}**: {md_text(getattr(design, name))}"
                for name, shown in DESIGN_LABELS.items()
            ),
        )
    section("relies_on", "Relies on", _md_reliance(archetype, result.roles))
    if archetype.inferred:
        notes = [f"**{md_text(k)}**: {md_text(v)}" for k, v in archetype.inferred.items()]
        parts.extend(("## Inferred", "\n".join(f"- {note}" for note in notes)))
    parts.extend(("## Sources", _md_sources(archetype.sources)))
    return "\n\n".join(parts) + "\n"


def _md_reliance(archetype: Archetype, roles: dict[str, Role]) -> str:
    if not archetype.relies_on:
        return "No particular role: the course names none."
    lines = []
    for reliance in archetype.relies_on:
        role = roles.get(reliance.role)
        title = f" ({md_text(role.title)})" if role else ""
        basis = "stated" if reliance.basis == "stated" else "our reading"
        lines.append(f"- {md_code(reliance.role)}{title}, {basis}: {md_text(reliance.note)}")
    return "\n".join(lines)


def _md_list(items: list[str]) -> str:
    return "\n".join(f"- {md_paragraph(item)}" for item in items) or "(none)"


def _md_sources(sources: list[Source]) -> str:
    return "\n".join(
        f"{n}. [{md_text(s.title)}]({_url(s.url)})" if s.url else f"{n}. {md_text(s.title)}"
        for n, s in enumerate(sources, 1)
    )


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


# --- org compare -----------------------------------------------------------------------------


def _compare_rows(result: ArchetypeComparison) -> list[tuple[str, list[list[str]]]]:
    """(label, one list of lines per archetype) for every row of the comparison."""
    archetypes = result.archetypes
    rows: list[tuple[str, list[list[str]]]] = [
        ("summary", [[a.summary] for a in archetypes]),
        ("companies", [a.companies for a in archetypes]),
        ("pros", [a.pros for a in archetypes]),
        ("cons", [a.cons for a in archetypes]),
    ]
    for name, shown in DESIGN_LABELS.items():
        cells = [[getattr(a.design, name)] if a.design else ["-"] for a in archetypes]
        rows.append((shown.lower(), cells))
    rows.append(("relies on", [[_marked(r) for r in a.relies_on] or ["-"] for a in archetypes]))
    return rows


def compare_table(result: ArchetypeComparison) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=False, show_edge=False)
    table.add_column("", style="bold", overflow="fold", max_width=16)
    for archetype in result.archetypes:
        header = Text.assemble((archetype.title, "bold"), "\n", (archetype.id, "cyan"))
        table.add_column(header, ratio=1, overflow="fold")
    for label, cells in _compare_rows(result):
        table.add_row(_text(label), *(_text("\n".join(lines)) for lines in cells))
    table.caption = _text(INFERRED_NOTE, "dim")
    return table


def compare_plain(result: ArchetypeComparison) -> str:
    """One line per field, the field first, then one cell per archetype in the order asked."""
    archetypes = result.archetypes
    rows: list[tuple[str, list[str]]] = [
        ("id", [a.id for a in archetypes]),
        ("title", [a.title for a in archetypes]),
        ("aliases", [",".join(a.aliases) for a in archetypes]),
        ("summary", [a.summary for a in archetypes]),
        ("companies", ["; ".join(a.companies) for a in archetypes]),
        ("pros", ["; ".join(a.pros) for a in archetypes]),
        ("cons", ["; ".join(a.cons) for a in archetypes]),
    ]
    for name in DESIGN_LABELS:
        rows.append(
            (f"design.{name}", [getattr(a.design, name) if a.design else "" for a in archetypes])
        )
    rows.append(
        ("relies_on", [",".join(r.role for r in a.relies_on) for a in archetypes]),
    )
    rows.append(
        (
            "relies_on.inferred",
            [",".join(r.role for r in a.relies_on if r.basis == "inferred") for a in archetypes],
        )
    )
    rows.append(("sources", [" ".join(s.url or s.title for s in a.sources) for a in archetypes]))
    return "".join("\t".join((name, *map(scalar, cells))) + "\n" for name, cells in rows)


def compare_markdown(result: ArchetypeComparison) -> str:
    header = [" ", *(f"{md_text(a.title)} ({md_code(a.id)})" for a in result.archetypes)]
    rows = [
        [md_text(label), *(md_cell(lines) for lines in cells)]
        for label, cells in _compare_rows(result)
        if label != "relies on"
    ]
    relied = [
        ", ".join(
            md_code(r.role) + (" (inferred)" if r.basis == "inferred" else "") for r in a.relies_on
        )
        or "-"
        for a in result.archetypes
    ]
    return md_table(header, [*rows, ["relies on", *relied]])


# --- show ROLE: the archetypes that rely on it ----------------------------------------------


def relied_on_by_row(archetypes: list[Archetype], role_id: str) -> Text:
    """What `show ROLE`'s table says under "Relied on by": `embedded, independent *`."""
    parts = []
    for archetype in archetypes:
        basis = next(r.basis for r in archetype.relies_on if r.role == role_id)
        parts.append(archetype.id + BASIS_MARK[basis])
    return _text(", ".join(parts) or "no archetype of the catalog")


def relied_on_by_plain(archetypes: list[Archetype], role_id: str) -> str:
    """`relied_on_by<TAB>archetype<TAB>basis` lines, one per archetype."""
    lines = []
    for archetype in archetypes:
        basis = next(r.basis for r in archetype.relies_on if r.role == role_id)
        lines.append(f"relied_on_by\t{archetype.id}\t{basis}\n")
    return "".join(lines)


def relied_on_by_markdown(archetypes: list[Archetype], role_id: str) -> str:
    """The "Relied on by" section of `show ROLE --format markdown`."""
    if not archetypes:
        return "No archetype of the catalog relies on this role."
    lines = []
    for archetype in archetypes:
        reliance = next(r for r in archetype.relies_on if r.role == role_id)
        basis = "stated" if reliance.basis == "stated" else "our reading"
        lines.append(
            f"- {md_text(archetype.title)} ({md_code(archetype.id)}), {basis}:"
            f" {md_text(reliance.note)}"
        )
    return "\n".join(lines)
