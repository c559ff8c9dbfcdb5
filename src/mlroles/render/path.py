"""Drawing a `PathResult`: a page on a terminal, `field<TAB>value` lines, a Markdown document;
and the "closest roles" section of `show`.

Catalog text goes into Rich `Text` objects (never into markup); Rich is imported only by the
functions that draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlroles.catalog.entries import Guidance, Role
from mlroles.queries.path import Nearby, PathResult, SkillChange
from mlroles.render.text import md_code, md_paragraph, md_text, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

#: Said wherever the overlap figure is shown: the figure is ours, not the course's.
OVERLAP_NOTE = (
    "our reading, not the course's: the mean of the tool overlap (tools both list / tools"
    " either lists) and the skill closeness (1 - mean level difference); see docs/paths.md"
)
ARROW = "->"


def _from_name(result: PathResult) -> str:
    return "you" if result.source is None else f"{result.source.title} ({result.source.id})"


def _level(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _change(change: SkillChange) -> str:
    if change.change is None:
        return "(you gave no level)"
    if change.change == 0:
        return "same"
    return f"{change.change:+.2f}"


def overlap_parts(result: PathResult) -> str:
    """`tools 0.14, skills 0.80`: the parts the overlap is the mean of."""
    parts = []
    if result.overlap.tools is not None:
        parts.append(f"tools {result.overlap.tools:.2f}")
    if result.overlap.skills is not None:
        parts.append(f"skills {result.overlap.skills:.2f}")
    return ", ".join(parts)


def group_line(result: PathResult) -> str:
    """The change of hiring group in words."""
    to = result.group_to.title if result.group_to else result.target.group
    if result.source is None:
        return f"{to} ({result.target.group})"
    was = result.group_from.title if result.group_from else result.source.group
    if result.changes_group:
        return f"{was} {ARROW} {to}: a different hiring group"
    return f"{to}: the same hiring group"


def tools_lines(result: PathResult) -> list[tuple[str, str]]:
    """(label, tools) for keep, learn and leave; from you without --have, one line on that."""
    if result.source is None and result.have is None:
        tools = ", ".join(result.target.tools) or "none"
        return [("tools", f"you named none (give --have); {result.target.title} lists: {tools}")]
    return [
        ("keep", ", ".join(result.keep) or "-"),
        ("learn", ", ".join(result.learn) or "-"),
        ("leave", ", ".join(result.leave) or "-"),
    ]


def _cite(result: PathResult, item: Guidance) -> str:
    numbers = result.source_numbers(item.sources)
    return f" [{', '.join(map(str, numbers))}]" if numbers else ""


def _our_reading(item: Guidance) -> str:
    notes = " ".join(item.inferred.values())
    return f" (our reading: {notes})" if notes else ""


def look_for_heading(result: PathResult) -> str:
    group = result.group_to.title if result.group_to else result.target.group
    return f"What employers look for in {group}"


def stand_out_heading(result: PathResult) -> str:
    year = f"the {result.stand_out_year} lecture" if result.stand_out_year else "the course"
    heading = f"How people stand out ({year}, least to most impressive)"
    return heading


def other_years_note(result: PathResult) -> str:
    """How the other years order the same steps, by this list's numbers where every step is
    the same: `The 2021 lecture orders them 2, 1, 3, 4, 5.`"""
    notes = []
    for year, order in result.other_years.items():
        if order is None:
            notes.append(f"The {year} lecture ranks its steps in another order.")
        else:
            notes.append(f"The {year} lecture orders them {', '.join(map(str, order))}.")
    return " ".join(notes)


# --- terminal -----------------------------------------------------------------------------------


def path_table(result: PathResult) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    target = result.target
    heading = Text.assemble(
        ("From ", "bold"),
        (_from_name(result), "bold"),
        (f" {ARROW} ", "bold"),
        (f"{target.title} ({target.id})", "bold"),
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    overlap = Text(f"{result.overlap.value:.2f} ({overlap_parts(result)})\n")
    overlap.append(OVERLAP_NOTE, style="italic")
    grid.add_row("Overlap", overlap)
    for label, tools in tools_lines(result):
        grid.add_row(f"Tools: {label}" if label != "tools" else "Tools", Text(tools))
    grid.add_row("Skills", _skills_grid(result))
    grid.add_row("Hiring group", Text(group_line(result)))
    parts: list[RenderableType] = [heading, "", grid]
    parts += _advice_block(look_for_heading(result), [("•", line) for line in _look_for(result)])
    steps = [
        (f"{n}.", Text(f"{item.text}{_cite(result, item)}"))
        for n, item in _ranked(result.stand_out)
    ]
    if result.other_years:
        steps.append(("", Text(other_years_note(result), style="italic")))
    parts += _advice_block(stand_out_heading(result), steps)
    parts += ["", Text(f"Background of the {target.title}", style="bold")]
    parts += [Padding(Text(target.background), (0, 0, 0, 2))]
    parts += ["", Text("Sources", style="bold"), _sources_grid(result)]
    return Group(*parts)


def _ranked(items: Sequence[Guidance]) -> list[tuple[int, Guidance]]:
    return [(item.rank or n, item) for n, item in enumerate(items, 1)]


def _look_for(result: PathResult) -> list[Text]:
    from rich.text import Text

    lines = []
    for item in result.look_for:
        who = "" if item.scope == "group" else f"For the {result.target.title}: "
        line = Text(f"{who}{item.text}{_cite(result, item)}")
        reading = _our_reading(item)
        if reading:
            line.append(reading, style="italic")
        lines.append(line)
    return lines


def _advice_block(heading: str, items: Sequence[tuple[str, Text]]) -> list[RenderableType]:
    """A heading, then the items under it, each wrapping under its own text, not its mark."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    if not items:
        return []
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in items:
        grid.add_row(mark, text)
    return ["", Text(heading, style="bold"), Padding(grid, (0, 0, 0, 2))]


def _skills_grid(result: PathResult) -> RenderableType:
    """A line per axis, `title  from -> to  change`, aligned; a line wraps on a narrow terminal
    rather than losing its figures."""
    from rich.text import Text

    width = max((len(change.title) for change in result.skills), default=0)
    lines = [
        f"{change.title:<{width}}  {_level(change.source):>4} {ARROW} {change.target:.2f}"
        f"  {_change(change)}"
        for change in result.skills
    ]
    return Text("\n".join(lines), overflow="fold")


def _sources_grid(result: PathResult) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for number, source in enumerate(result.sources, 1):
        lines = source.title if source.url is None else f"{source.title}\n{source.url}"
        grid.add_row(f"{number}.", Text(lines, overflow="fold"))
    return grid


# --- plain --------------------------------------------------------------------------------------


def path_plain(result: PathResult) -> str:
    """`field<TAB>value...` lines: from, to, overlap, keep/learn/leave (tools joined with ","),
    skill (id, from, to, change), group (from, to), look_for, stand_out (year, rank, text),
    background, source (title, url)."""
    rows: list[list[str]] = [
        ["from", "" if result.source is None else result.source.id],
        ["to", result.target.id],
        ["overlap", f"{result.overlap.value:.3f}"],
        ["keep", ",".join(map(scalar, result.keep))],
        ["learn", ",".join(map(scalar, result.learn))],
        ["leave", ",".join(map(scalar, result.leave))],
    ]
    for change in result.skills:
        rows.append(
            [
                "skill",
                change.skill,
                scalar(change.source),
                str(change.target),
                scalar(change.change),
            ]
        )
    rows.append(
        ["group", "" if result.source is None else result.source.group, result.target.group]
    )
    rows += [["look_for", scalar(item.text)] for item in result.look_for]
    rows += [
        ["stand_out", scalar(item.year), str(rank), scalar(item.text)]
        for rank, item in _ranked(result.stand_out)
    ]
    rows.append(["background", scalar(result.target.background)])
    rows += [["source", scalar(s.title), scalar(s.url)] for s in result.sources]
    return "".join("\t".join(row) + "\n" for row in rows)


# --- markdown -----------------------------------------------------------------------------------


def path_markdown(result: PathResult) -> str:
    """A document: the two roles, the overlap, tools, skills, group, advice, background, sources."""
    target = result.target
    source = "you" if result.source is None else md_text(result.source.title)
    parts = [
        f"# From {source} to {md_text(target.title)}",
        f"Overlap: **{result.overlap.value:.2f}** ({md_text(overlap_parts(result))}); "
        + md_text(OVERLAP_NOTE)
        + ".",
        "## Tools",
        "\n".join(f"- {label}: {md_text(tools)}" for label, tools in tools_lines(result)),
        "## Skills",
        _md_skills(result),
        "## Hiring group",
        md_paragraph(group_line(result)),
    ]
    if result.look_for:
        lines = []
        for item in result.look_for:
            who = "" if item.scope == "group" else f"For the {target.title}: "
            lines.append(
                f"- {md_text(who + item.text + _cite(result, item))}"
                + (f" *{md_text(_our_reading(item).strip())}*" if _our_reading(item) else "")
            )
        parts += [f"## {md_text(look_for_heading(result))}", "\n".join(lines)]
    if result.stand_out:
        steps = [
            f"{rank}. {md_text(item.text + _cite(result, item))}"
            for rank, item in _ranked(result.stand_out)
        ]
        parts += [f"## {md_text(stand_out_heading(result))}", "\n".join(steps)]
        if result.other_years:
            parts.append(md_paragraph(other_years_note(result)))
    parts += ["## Background", md_paragraph(target.background)]
    sources = [
        f"{n}. [{md_text(s.title)}]({_url(str(s.url))})" if s.url else f"{n}. {md_text(s.title)}"
        for n, s in enumerate(result.sources, 1)
    ]
    parts += ["## Sources", "\n".join(sources)]
    return "\n\n".join(parts) + "\n"


def _md_skills(result: PathResult) -> str:
    rows = [
        f"| {md_text(c.title)} | {_level(c.source)} | {c.target:.2f} | {md_text(_change(c))} |"
        for c in result.skills
    ]
    return "\n".join(["| skill | from | to | change |", "| --- | --- | --- | --- |", *rows])


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


# --- show's closest roles -----------------------------------------------------------------------


def closest_text(closest: Sequence[Nearby]) -> Text:
    """The closest roles, one a line: `ML Researcher (ml-researcher) 0.62`."""
    from rich.text import Text

    text = Text()
    for n, near in enumerate(closest):
        if n:
            text.append("\n")
        text.append(near.role.title)
        text.append(f" ({near.role.id}) ", style="cyan")
        text.append(f"{near.overlap.value:.2f}")
    return text


CLOSEST_NOTE = "by overlap, our reading: see mlroles path"


def closest_plain(closest: Sequence[Nearby]) -> str:
    """`closest<TAB>id<TAB>overlap` lines."""
    return "".join(f"closest\t{near.role.id}\t{near.overlap.value:.3f}\n" for near in closest)


def closest_markdown(closest: Sequence[Nearby], role: Role) -> list[str]:
    """The "Closest roles" section of show's document (nothing when there is none)."""
    if not closest:
        return []
    lines = [
        f"- {md_text(near.role.title)} ({md_code(near.role.id)}): overlap"
        f" {near.overlap.value:.2f}; `mlroles path {role.id} {near.role.id}`"
        for near in closest
    ]
    return [
        "## Closest roles",
        md_paragraph(f"By overlap ({OVERLAP_NOTE}).") + "\n\n" + "\n".join(lines),
    ]
