"""Drawing `mlroles team`: a report in sections on a terminal, keyed tab-separated lines in a
pipe, a Markdown document. Every format ends by saying which answers are our reading.

Roster and catalog text goes into Rich as `Text` objects, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mlroles.queries.team import OUR_READING, TeamReport
from mlroles.render.text import md_code, md_paragraph, md_table, md_text, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

CHOSEN = {
    "option": "as asked",
    "roster": "from the roster",
    "resembles": "the one the team most resembles",
}


def _text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(value, style=style, overflow="fold")


def _level(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def heading(report: TeamReport, named: bool = True) -> str:
    """`Acme ML: 3 people, held against embedded (from the roster)`; for a plan from nobody,
    `Hiring from nobody yet, for embedded (as asked)`."""
    if report.archetype is None:
        against = "no archetype: the catalog has none" if not report.has_archetypes else "none"
    else:
        against = f"{report.archetype.id} ({CHOSEN[report.chosen or 'option']})"
    if not report.people:
        return f"Hiring from nobody yet, for {against}"
    count = len(report.people)
    who = f"{report.team}: " if report.team and named else ""
    return f"{who}{count} {'person' if count == 1 else 'people'}, held against {against}"


def role_rows(report: TeamReport) -> list[tuple[str, str, str]]:
    """(role id, who covers it, a remark): the roles the archetype relies on, in its order,
    then the other covered roles, in catalog order."""
    relied = {r.role: r.basis for r in report.archetype.relies_on} if report.archetype else {}
    rows = []
    shown = [*relied, *(role_id for role_id in report.covered if role_id not in relied)]
    for role_id in shown:
        names = report.covered.get(role_id)
        remarks = []
        if not names:
            remarks.append(
                "missing (the course names it)"
                if relied[role_id] == "stated"
                else "missing (our reading)"
            )
        elif len(names) == 1:
            remarks.append("single point of failure")
        if names and role_id not in relied and report.archetype is not None:
            remarks.append("not relied on by this archetype")
        rows.append((role_id, ", ".join(names) if names else "nobody", "; ".join(remarks)))
    return rows


def skill_remark(level_gap: float | None, best: float | None, asked: float | None) -> str:
    if asked is None:
        return "no role on the team yet"
    if best is None:
        return "nobody on the roster gives a level"
    if level_gap is not None and level_gap < 0:
        return f"short by {-level_gap:.2f}"
    return "met"


# --- table ----------------------------------------------------------------------------------


def team_table(report: TeamReport) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [_text(heading(report), "bold"), ""]

    def section(title: str, body: RenderableType) -> None:
        parts.extend((Text(title, style="bold"), body, ""))

    def grid(*styles: str) -> Table:
        table = Table.grid(padding=(0, 2))
        for n, style in enumerate(styles):
            table.add_column(style=style, overflow="fold", no_wrap=n == 0, ratio=1 if n else None)
        return table

    rows = role_rows(report)
    if rows:
        roles = grid("cyan", "", "dim")
        for role_id, who, remark in rows:
            roles.add_row(_text(role_id), _text(who), _text(remark))
        section("Roles", roles)
    if report.people:
        _tools_and_skills(report, section, grid)
    if report.resembles is not None:
        like = report.resembles
        body = Text.assemble((like.archetype.id, "cyan"), f" ({like.score:.2f}): {like.why()}")
        section("Resembles *", body)
    hire = report.next_hire
    if report.archetype is not None:
        if hire is None:
            body = _text(_nothing_missing(report))
        else:
            body = Text.assemble((hire.role, "cyan"), f": {hire.reason}")
        section("Next hire *", body)
    if len(report.order) > 1 or (report.order and not report.people):
        order = grid("", "cyan", "")
        for number, step in enumerate(report.order, 1):
            order.add_row(f"{number}.", _text(step.role), _text(step.reason))
        section("Hiring order *", order)
    parts.append(_text(f"* {OUR_READING}", "italic"))
    return Group(*parts)


def _tools_and_skills(
    report: TeamReport, section: Callable[[str, RenderableType], None], grid: Callable[..., Table]
) -> None:
    from rich.text import Text

    if report.uncovered_tools is None:
        section("Tools", _text("nobody on the roster lists tools", "italic"))
    elif report.uncovered_tools:
        tools = grid("", "dim")
        for gap in report.uncovered_tools:
            tools.add_row(_text(gap.tool), _text(", ".join(gap.roles)))
        section("Tools of the covered roles that nobody lists", tools)
    else:
        section("Tools", _text("someone lists every tool of the covered roles"))
    skills = grid("", "", "", "dim")
    skills.add_row(Text("axis", style="dim"), Text("best on the team", style="dim"),
                   Text("most a role asks", style="dim"), "")  # fmt: skip
    for level in report.skills:
        best = _level(level.best) + (f" {', '.join(level.best_by)}" if level.best_by else "")
        asked = _level(level.asked) + (f" {', '.join(level.asked_by)}" if level.asked_by else "")
        remark = skill_remark(level.gap, level.best, level.asked)
        skills.add_row(_text(level.title), _text(best), _text(asked), _text(remark))
    section("Skills", skills)


def _nothing_missing(report: TeamReport) -> str:
    if report.archetype is not None and not report.archetype.relies_on:
        return "none: the course names no role this archetype relies on"
    text = "none: someone covers every role the archetype relies on"
    if report.single_points:
        second = ", ".join(report.single_points)
        text += f"; a second person for {second} would remove a single point of failure"
    return text


# --- plain ----------------------------------------------------------------------------------


def team_plain(report: TeamReport) -> str:
    """Tab-separated lines, each led by what it says: `covered`, `missing`, `single_point`,
    `tool`, `skill`, `resembles`, `next_hire`, `order`, `note`; for grep and cut."""
    lines = [
        ("team", report.team or ""),
        ("archetype", report.archetype.id if report.archetype else "", report.chosen or ""),
        ("people", str(len(report.people))),
    ]
    lines += [("covered", role_id, ",".join(names)) for role_id, names in report.covered.items()]
    lines += [("missing", role_id) for role_id in report.missing]
    lines += [("single_point", role_id) for role_id in report.single_points]
    for gap in report.uncovered_tools or []:
        lines.append(("tool", gap.tool, ",".join(gap.roles)))
    for level in report.skills if report.people else []:
        lines.append(
            (
                "skill",
                level.skill,
                _level(level.best),
                ",".join(level.best_by),
                _level(level.asked),
                ",".join(level.asked_by),
            )
        )
    if report.resembles is not None:
        like = report.resembles
        lines.append(("resembles", like.archetype.id, f"{like.score:.2f}", like.why()))
    hire = report.next_hire
    lines.append(("next_hire", hire.role if hire else "", hire.reason if hire else ""))
    for number, step in enumerate(report.order, 1):
        lines.append(("order", str(number), step.role, step.basis, step.reason))
    lines.append(("note", OUR_READING))
    return "".join("\t".join(scalar(cell) for cell in line) + "\n" for line in lines)


# --- markdown -------------------------------------------------------------------------------


def team_markdown(report: TeamReport) -> str:
    title = report.team or ("Team" if report.people else "Hiring plan")
    parts = [f"# {md_text(title)}", md_paragraph(heading(report, named=False) + ".")]
    rows = role_rows(report)
    if rows:
        parts += [
            "## Roles",
            md_table(
                ["role", "covered by", "remark"],
                [[md_code(r), md_text(who), md_text(remark) or "-"] for r, who, remark in rows],
            ).rstrip("\n"),
        ]
    if report.people:
        parts += _md_tools_and_skills(report)
    if report.resembles is not None:
        like = report.resembles
        parts += [
            "## Resembles (our reading)",
            f"{md_code(like.archetype.id)} ({like.score:.2f}): {md_text(like.why())}",
        ]
    if report.archetype is not None:
        hire = report.next_hire
        body = (
            md_paragraph(_nothing_missing(report))
            if hire is None
            else f"{md_code(hire.role)}: {md_text(hire.reason)}"
        )
        parts += ["## Next hire (our reading)", body]
    if report.order:
        parts += [
            "## Hiring order (our reading)",
            "\n".join(
                f"{n}. {md_code(step.role)}: {md_text(step.reason)}"
                for n, step in enumerate(report.order, 1)
            ),
        ]
    parts.append(f"_{md_text(OUR_READING)}_")
    return "\n\n".join(parts) + "\n"


def _md_tools_and_skills(report: TeamReport) -> list[str]:
    parts: list[str] = []
    if report.uncovered_tools is None:
        parts += ["## Tools", "Nobody on the roster lists tools."]
    elif report.uncovered_tools:
        parts += [
            "## Tools of the covered roles that nobody lists",
            "\n".join(
                f"- {md_text(gap.tool)} ({', '.join(map(md_code, gap.roles))})"
                for gap in report.uncovered_tools
            ),
        ]
    skill_rows = [
        [
            md_text(level.title),
            _level(level.best)
            + (f" ({md_text(', '.join(level.best_by))})" if level.best_by else ""),
            _level(level.asked)
            + (f" ({', '.join(map(md_code, level.asked_by))})" if level.asked_by else ""),
            md_text(skill_remark(level.gap, level.best, level.asked)),
        ]
        for level in report.skills
    ]
    parts += [
        "## Skills",
        md_table(["axis", "best on the team", "most a role asks", "remark"], skill_rows).rstrip(
            "\n"
        ),
    ]
    return parts
