"""Drawing the roles: `list`, `show` and `compare`, each in every format (a Rich table for
people, plain lines for programs, Markdown for documents).

Rich is imported only by the functions that draw tables, so that JSON and plain output never
pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.catalog.entries import Group, Role, Skill
from mlroles.queries.roles import Comparison, FilteredRoleList, RoleDetail, RoleList
from mlroles.render.text import (
    SKILL_LABELS,
    md_cell,
    md_code,
    md_paragraph,
    md_table,
    md_text,
    plain_from_data,
    scalar,
    skill_bar,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


# --- list ------------------------------------------------------------------------------------


def list_plain(result: RoleList) -> str:
    """One role a line, tab-separated, id first, no header: for `cut`, `awk` and `grep`."""
    lines = [
        "\t".join((role.id, scalar(role.title), ",".join(role.aliases), scalar(role.summary)))
        for role in result.roles
    ]
    return "".join(line + "\n" for line in lines)


def list_table(result: RoleList) -> Table:
    table = _table(title=None)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", overflow="fold")
    # Aliases are short names: a narrow column leaves the room to the summary, which is prose.
    table.add_column("aliases", style="dim", overflow="fold", max_width=25)
    table.add_column("summary", ratio=1, overflow="fold")
    for role in result.roles:
        table.add_row(role.id, role.title, ", ".join(role.aliases), role.summary)
    return table


def list_table_two_columns(result: RoleList) -> Table:
    """Two columns: the id with the title under it, then the summary with the aliases under
    it, so that at the common 72 to 109 columns the summary has room to read and an alias is
    never broken inside (a list of names wraps between them)."""
    from rich.text import Text

    table = _table(title=None)
    table.add_column("role", overflow="fold", min_width=max(len(r.id) for r in result.roles))
    table.add_column("summary", ratio=1, overflow="fold")
    for role in result.roles:
        name = Text.assemble((role.id, "bold cyan"), "\n", role.title)
        about = Text(role.summary)
        if role.aliases:
            about.append("\naliases: " + ", ".join(role.aliases), style="dim")
        table.add_row(name, about)
    return table


#: Below this width, `list` prints a block per role: three columns would be a few letters wide.
LIST_MIN_WIDTH = 72
#: From this width, the aliases get a column of their own.
LIST_ALIASES_COLUMN = 110


def list_view(result: RoleList) -> RenderableType:
    """Four columns on a wide terminal; two at the common 72 to 109 columns (the title under
    the id, the aliases under the summary), which leaves the summary room to read; a block
    per role when narrower; with `--group`, what the group is, above its roles."""
    from rich.console import Group as Stack
    from rich.text import Text

    from mlroles.render.narrow import ByWidth

    table = ByWidth(list_table(result), list_table_two_columns(result), LIST_ALIASES_COLUMN)
    view = ByWidth(table, _list_blocks(result), min_width=LIST_MIN_WIDTH)
    groups = _asked_groups(result)
    if not groups:
        return view
    # `list --group`: what the hiring group is, above its roles.
    about = [Text.assemble((g.title, "bold"), f" ({g.id}): ", g.summary) for g in groups]
    return Stack(*about, "", view)


def _asked_groups(result: RoleList) -> list[Group]:
    return result.asked_groups if isinstance(result, FilteredRoleList) else []


def _list_blocks(result: RoleList) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    blocks: list[RenderableType] = []
    for role in result.roles:
        blocks.append(Text.assemble((role.id, "bold cyan"), "  ", role.title, overflow="fold"))
        if role.aliases:
            aliases = Text(", ".join(role.aliases), style="dim", overflow="fold")
            blocks.append(Padding(aliases, (0, 0, 0, 2)))
        blocks.append(Padding(Text(role.summary, overflow="fold"), (0, 0, 1, 2)))
    return Group(*blocks)


def list_markdown(result: RoleList) -> str:
    about = "".join(
        f"**{md_text(g.title)}** ({md_code(g.id)}): {md_text(g.summary)}\n\n"
        for g in _asked_groups(result)
    )
    return about + _list_rows_markdown(result)


def _list_rows_markdown(result: RoleList) -> str:
    rows = [
        [
            md_code(role.id),
            md_cell(role.title),
            ", ".join(md_code(alias) for alias in role.aliases) or "-",
            md_cell(role.summary),
        ]
        for role in result.roles
    ]
    return md_table(["id", "title", "aliases", "summary"], rows)


# --- show -----------------------------------------------------------------------------------------


def show_table(result: RoleDetail) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    role = result.role
    heading = Text.assemble((role.title, "bold"), "  ", (role.id, "cyan"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")

    def label(field: str, text: str) -> str:
        return text + (" *" if field in role.inferred else "")

    grid.add_row("Summary", label("summary", role.summary))
    grid.add_row(label("aliases", "Aliases"), ", ".join(role.aliases) or "-")
    grid.add_row(label("group", "Group"), _group_text(result))
    grid.add_row(label("responsibilities", "Responsibilities"), _bullets(role.responsibilities))
    grid.add_row(label("work_product", "Work product"), _bullets(role.work_product))
    grid.add_row(label("tools", "Tools"), ", ".join(role.tools) or "-")
    grid.add_row(label("background", "Background"), role.background)
    grid.add_row(label("skills", "Skills"), _skills(role, result.skills))
    grid.add_row(label("works_with", "Works with"), ", ".join(role.works_with) or "-")
    if result.origin is not None:
        grid.add_row("From", result.origin)
    _closest_row(grid, result)
    _relied_on_by_row(grid, result)
    if role.inferred:
        notes = "\n".join(f"{field}: {scalar(note)}" for field, note in role.inferred.items())
        grid.add_row("Inferred *", Text(notes, style="italic"))
    return Group(heading, "", grid, "", Text("Sources", style="bold"), *_sources(role))


def _closest_row(grid: Table, result: RoleDetail) -> None:
    """The roles closest to this one by overlap (our reading): a row of show's table."""
    from rich.console import Group
    from rich.text import Text

    from mlroles.render.path import CLOSEST_NOTE, closest_text

    if result.closest:
        note = Text(f"({CLOSEST_NOTE} {result.role.id} ROLE)", style="italic")
        grid.add_row("Closest roles", Group(closest_text(result.closest), note))


def _relied_on_by_row(grid: Table, result: RoleDetail) -> None:
    """The archetypes that rely on the role: a row of show's table (* marks our reading)."""
    from mlroles.render.org import relied_on_by_row

    grid.add_row("Relied on by", relied_on_by_row(result.relied_on_by, result.role.id))


def _group_text(result: RoleDetail) -> str:
    """The role's group id, and what the group is (`list --group` answers it too)."""
    group = result.group
    if group is None:
        return result.role.group
    return f"{group.id}: {group.title}\n{group.summary}"


def skill_label(skill: Skill) -> str:
    """An axis as the tables name it: `machine learning`, or its title."""
    return SKILL_LABELS.get(skill.id, skill.title)


def _axes(role: Role, skills: list[Skill]) -> list[tuple[str, str]]:
    """(id, label) of every axis to show: the catalog's, else those of the role's levels."""
    if skills:
        return [(skill.id, skill_label(skill)) for skill in skills]
    return [(name, SKILL_LABELS.get(name, name)) for name in role.skills]


def _skills(role: Role, skills: list[Skill]) -> str:
    axes = _axes(role, skills)
    width = max(len(label) for _, label in axes)
    return "\n".join(
        f"{label:<{width}}  {skill_bar(role.skills[name])} {role.skills[name]:.2f}"
        for name, label in axes
    )


def _sources(role: Role) -> list[RenderableType]:
    """Each source's title, then its URL on a line of its own: whole wherever it fits, folded
    (never cut) only where the terminal is narrower than the URL."""
    from rich.table import Table
    from rich.text import Text

    # A grid, so that a title or URL that wraps stays under its own text, not under the number.
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for number, source in enumerate(role.sources, 1):
        where = f"\n{source.url}" if source.url else ""
        grid.add_row(f"{number}.", Text(f"{source.title}{where}", overflow="fold"))
    return [grid]


def _bullets(items: list[str]) -> RenderableType:
    """A bulleted list whose items wrap under their own text, not under the bullet."""
    from rich.table import Table

    if not items:
        return "-"
    bullets = Table.grid(padding=(0, 1, 0, 0))
    bullets.add_column(no_wrap=True)
    bullets.add_column(overflow="fold")
    for item in items:
        bullets.add_row("•", item)
    return bullets


def show_plain(result: RoleDetail) -> str:
    """`field<TAB>value` lines; `mlroles show mle --format plain | grep ^tools | cut -f2`.
    After the catalog's fields, `closest<TAB>id<TAB>overlap` lines, then
    `relied_on_by<TAB>archetype<TAB>basis` lines."""
    from mlroles.render.org import relied_on_by_plain
    from mlroles.render.path import closest_plain

    return (
        plain_from_data(result.to_data())
        + closest_plain(result.closest)
        + relied_on_by_plain(result.relied_on_by, result.role.id)
    )


def show_markdown(result: RoleDetail) -> str:
    """A document: title, one line of facts, the summary, then a section per field."""
    role = result.role
    facts = [md_code(role.id), f"group: {md_text(role.group)}"]
    if role.aliases:
        facts.insert(1, "aliases: " + ", ".join(md_code(alias) for alias in role.aliases))
    parts = [f"# {md_text(role.title)}", " · ".join(facts), md_paragraph(role.summary)]
    if result.group is not None:
        group = result.group
        parts.append(f"Hiring group: **{md_text(group.title)}**: {md_text(group.summary)}")
    if result.origin is not None:
        parts.append(f"From {md_code(result.origin)}")

    def section(field: str, heading: str, body: str) -> None:
        mark = " (inferred)" if field in role.inferred else ""
        parts.extend((f"## {heading}{mark}", body))

    section("responsibilities", "Responsibilities", _md_list(role.responsibilities))
    section("work_product", "Work product", _md_list(role.work_product))
    section("tools", "Tools", ", ".join(md_text(tool) for tool in role.tools) or "(none)")
    section("background", "Background", md_paragraph(role.background))
    section("skills", "Skills", _md_skills(role, result.skills))
    section("works_with", "Works with", ", ".join(map(md_code, role.works_with)) or "(none)")
    parts.extend(_md_closest(result))
    parts.extend(_md_relied_on_by(result))
    if role.inferred:
        notes = [f"**{md_text(field)}**: {md_text(note)}" for field, note in role.inferred.items()]
        parts.extend(("## Inferred", "\n".join(f"- {note}" for note in notes)))
    sources = [
        f"{n}. [{md_text(source.title)}]({_url(source.url)})"
        if source.url
        else f"{n}. {md_text(source.title)}"
        for n, source in enumerate(role.sources, 1)
    ]
    parts.extend(("## Sources", "\n".join(sources)))
    return "\n\n".join(parts) + "\n"


def _md_closest(result: RoleDetail) -> list[str]:
    """The "Closest roles" section: the roles nearest to this one by overlap."""
    from mlroles.render.path import closest_markdown

    return closest_markdown(result.closest, result.role)


def _md_relied_on_by(result: RoleDetail) -> list[str]:
    """The "Relied on by" section: the archetypes that rely on the role."""
    from mlroles.render.org import relied_on_by_markdown

    return ["## Relied on by", relied_on_by_markdown(result.relied_on_by, result.role.id)]


def _md_list(items: list[str]) -> str:
    return "\n".join(f"- {md_paragraph(item)}" for item in items) or "(none)"


def _md_skills(role: Role, skills: list[Skill]) -> str:
    rows = [[shown, f"{role.skills[name]:.2f}"] for name, shown in _axes(role, skills)]
    return md_table(["skill", "score (0 to 1)"], rows).rstrip("\n")


def _url(url: str) -> str:
    """A link destination: characters that would end it early, percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


# --- compare ---------------------------------------------------------------------------------


_COMPARE_LABELS = ("responsibilities", "work product", "works with", *SKILL_LABELS.values())
_COMPARE_LABEL_WIDTH = max(len(word) for label in _COMPARE_LABELS for word in label.split())


def compare_table(result: Comparison) -> Table:
    from rich.text import Text

    roles = result.roles
    # No blank column at either edge: every character of width goes to the roles' columns.
    table = _table(title=None, show_lines=True, edge=False)
    # As wide as the longest word of a label, so that labels wrap between words, never inside.
    table.add_column("", style="bold", width=_COMPARE_LABEL_WIDTH)
    for role in roles:
        header = Text.assemble(role.title, "\n", (f"({role.id})", "cyan"))
        table.add_column(header, ratio=1, overflow="fold")

    def row(name: str, values: list[RenderableType]) -> None:
        table.add_row(name, *values)

    row("aliases", [", ".join(role.aliases) or "-" for role in roles])
    row("summary", [role.summary for role in roles])
    row("group", [role.group for role in roles])
    row("responsibilities", [_bullets(role.responsibilities) for role in roles])
    row("work product", [_bullets(role.work_product) for role in roles])
    row("tools", [_compared_tools(result, role) for role in roles])
    row("background", [role.background for role in roles])
    for name, shown in _axes(roles[0], result.skills):
        values = [role.skills[name] for role in roles]
        row(shown, [f"{skill_bar(v)} {v:.2f}" for v in values])
    row("works with", ["\n".join(role.works_with) or "-" for role in roles])
    row("inferred", [", ".join(role.inferred) or "-" for role in roles])
    row("sources", [str(len(role.sources)) for role in roles])
    return table


def _compared_tools(result: Comparison, role: Role) -> str:
    lines = []
    everyone = len(result.roles)
    for tool in role.tools:
        users = result.users.get(tool.casefold(), [])
        if len(users) == everyone:
            lines.append(f"{tool} (shared)")
        elif len(users) > 1:
            others = ", ".join(user for user in users if user != role.id)
            lines.append(f"{tool} (also {others})")
        else:
            lines.append(tool)
    return "\n".join(lines) or "-"


#: Below this many columns of text for each role, `compare` stacks the roles under each field.
COMPARE_MIN_COLUMN = 14


def compare_view(result: Comparison) -> RenderableType:
    """The compare table where each role gets a readable column; else one block per field."""
    return _CompareView(result)


class _CompareView:
    def __init__(self, result: Comparison) -> None:
        self.result = result

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = compare_table(self.result)
        roles = len(self.result.roles)
        # The label column is _COMPARE_LABEL_WIDTH wide; every column has one blank either
        # side, and one more stands between two columns (no edges: see compare_table).
        spacing = 2 * (roles + 1) + roles
        per_role = (options.max_width - _COMPARE_LABEL_WIDTH - spacing) // roles
        yield table if per_role >= COMPARE_MIN_COLUMN else _stacked(self.result, table)


def _stacked(result: Comparison, table: Table) -> RenderableType:
    """The compare table turned on its side: a heading per field, then a line per role."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    label, *columns = table.columns
    values = [list(column.cells) for column in columns]
    blocks: list[RenderableType] = []
    names = ["title", *(str(cell) for cell in label.cells)]
    for row, name in enumerate(names):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="cyan", overflow="fold")
        grid.add_column(ratio=1, overflow="fold")
        for role, cells in zip(result.roles, values, strict=True):
            grid.add_row(role.id, role.title if row == 0 else cells[row - 1])
        blocks += [Text(name, style="bold"), Padding(grid, (0, 0, 1, 2))]
    return Group(*blocks)


def _table(title: str | None, show_lines: bool = False, edge: bool = True) -> Table:
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_lines=show_lines,
        expand=False,
        show_edge=edge,
        pad_edge=edge,
    )


def compare_plain(result: Comparison) -> str:
    """One line per field, the field first, then one cell per role in the order asked."""
    roles = result.roles
    rows: list[tuple[str, list[str]]] = [
        ("id", [role.id for role in roles]),
        ("title", [role.title for role in roles]),
        ("aliases", [",".join(role.aliases) for role in roles]),
        ("group", [role.group for role in roles]),
        ("summary", [role.summary for role in roles]),
        ("responsibilities", ["; ".join(role.responsibilities) for role in roles]),
        ("work_product", ["; ".join(role.work_product) for role in roles]),
        ("tools", [",".join(role.tools) for role in roles]),
        ("background", [role.background for role in roles]),
    ]
    for name, _ in _axes(roles[0], result.skills):
        rows.append((f"skills.{name}", [str(role.skills[name]) for role in roles]))
    rows += [
        ("works_with", [",".join(role.works_with) for role in roles]),
        (
            "sources",
            [" ".join(source.url or source.title for source in role.sources) for role in roles],
        ),
        ("inferred", [",".join(role.inferred) for role in roles]),
    ]
    return "".join("\t".join((name, *map(scalar, cells))) + "\n" for name, cells in rows)


def compare_markdown(result: Comparison) -> str:
    roles = result.roles
    header = [" ", *(f"{md_text(role.title)} ({md_code(role.id)})" for role in roles)]
    rows = [
        ["summary", *(md_cell(role.summary) for role in roles)],
        ["group", *(md_cell(role.group) for role in roles)],
        ["responsibilities", *(md_cell(role.responsibilities) for role in roles)],
        ["work product", *(md_cell(role.work_product) for role in roles)],
        ["tools", *(md_cell(_compared_tools(result, role).splitlines()) for role in roles)],
        ["background", *(md_cell(role.background) for role in roles)],
    ]
    for name, shown in _axes(roles[0], result.skills):
        rows.append([shown, *(f"{role.skills[name]:.2f}" for role in roles)])
    rows += [
        ["works with", *(", ".join(map(md_code, role.works_with)) or "-" for role in roles)],
        ["inferred", *(md_cell(", ".join(role.inferred)) for role in roles)],
        ["sources", *(str(len(role.sources)) for role in roles)],
    ]
    return md_table(header, rows)
