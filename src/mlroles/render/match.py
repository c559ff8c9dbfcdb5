"""Drawing a `MatchResult`: a ranked table that says in words why the top role fits, plain
lines, or a Markdown table.

Rich is imported only by the function that draws the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.queries.match import Fit, MatchResult, SkillGap, any_of
from mlroles.render.env import ASCII_FALLBACK, Environment
from mlroles.render.narrow import ByWidth
from mlroles.render.text import SKILL_LABELS, md_cell, md_code, md_table, scalar, skill_bar

if TYPE_CHECKING:
    from rich.console import RenderableType

#: The skills' names short enough for a table cell.
SHORT_WORDS = {
    "machine_learning": "ML",
    "software_engineering": "SWE",
    "communication": "communication",
}


def match_plain(result: MatchResult) -> str:
    """One role a line, best first: id, score, tools you have, tools missing (comma-separated).

    Every cell is flattened to one line, so that a tool's name cannot break a role's line.
    """
    lines = [
        "\t".join(
            (
                fit.role.id,
                f"{fit.score:.3f}",
                ",".join(map(scalar, fit.matched)),
                ",".join(map(scalar, fit.missing)),
            )
        )
        for fit in result.fits
    ]
    return "".join(line + "\n" for line in lines)


def match_markdown(result: MatchResult) -> str:
    """A GitHub-flavoured table: a row per role, best first, with what you have and lack."""
    rows = [
        [
            str(rank),
            md_code(fit.role.id),
            md_cell(fit.role.title),
            f"{fit.score:.2f}",
            md_cell(", ".join(fit.matched)),
            md_cell(_missing(fit, SKILL_LABELS)),
        ]
        for rank, fit in enumerate(result.fits, 1)
    ]
    return md_table(["#", "id", "title", "score", "you have", "missing"], rows)


def _missing(fit: Fit, words: dict[str, str] = SHORT_WORDS) -> list[str]:
    """The tools a role lists that you lack on one line, then each skill it asks more of."""
    tools = [", ".join(fit.missing)] if fit.missing else []
    return tools + [_more_of(gap, words) for gap in fit.skills if gap.short]


def match_table(result: MatchResult, env: Environment | None = None) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    ascii_only = env is not None and not env.takes(skill_bar(0.5))
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("#", justify="right")
    table.add_column("role", overflow="fold")
    table.add_column("score")
    table.add_column("you have", ratio=1, overflow="fold")
    table.add_column("missing", ratio=1, overflow="fold")
    for rank, fit in enumerate(result.fits, 1):
        missing = _missing(fit)
        table.add_row(
            str(rank),
            Text.assemble((fit.role.title, "bold"), "\n", (fit.role.id, "cyan")),
            f"{fit.score:.2f} {score_bar(fit.score, ascii_only)}",
            ", ".join(fit.matched) or "-",
            "\n".join(missing) or "-",
        )
    return Group(ByWidth(table, _blocks(result)), Text("\n".join(explain(result))))


def score_bar(score: float, ascii_only: bool = False) -> str:
    """`0.60` -> `███░░`, or `###--` for a stream that cannot write blocks."""
    bar = skill_bar(score, width=5)
    return bar.translate(ASCII_FALLBACK) if ascii_only else bar


def _blocks(result: MatchResult) -> RenderableType:
    """The table's rows as short blocks, for a narrow terminal."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    blocks: list[RenderableType] = []
    for rank, fit in enumerate(result.fits, 1):
        missing = [*fit.missing, *(_more_of(gap, SHORT_WORDS) for gap in fit.skills if gap.short)]
        details = "\n".join(
            (
                f"score {fit.score:.2f}",
                f"you have: {', '.join(fit.matched) or '-'}",
                f"missing: {', '.join(missing) or '-'}",
            )
        )
        heading = Text.assemble(
            f"{rank}. ", (fit.role.title, "bold"), " (", (fit.role.id, "cyan"), ")"
        )
        blocks += [heading, Padding(Text(details), (0, 0, 1, 3))]
    return Group(*blocks)


def explain(result: MatchResult) -> list[str]:
    """Why the top role fits and what to learn next for it, in a few sentences."""
    top = result.fits[0]
    if top.score == 0:
        return _nothing_fits(result)
    title = top.role.title
    lines = [f"Best fit: {title} (score {top.score:.2f})."]
    reasons = []
    if top.tool_fit is not None:
        reasons.append(_tools_reason(top))
    if top.skills:
        levels = ", ".join(
            f"{SKILL_LABELS.get(gap.skill, gap.skill)} {gap.you:.2f} (it asks {gap.role:.2f})"
            for gap in top.skills
        )
        fit = top.skill_fit or 0.0
        near = "close to" if fit >= 0.85 else "some way from" if fit >= 0.65 else "far from"
        reasons.append(f"your skill levels are {near} its (skill fit {fit:.2f}): {levels}")
    if reasons:
        lines.append(f"Why: {'; '.join(reasons)}.")
    learn = [*top.missing, *(_more(gap) for gap in top.skills if gap.short)]
    if learn:
        lines.append(f"To learn next for {title}: {', '.join(learn)}.")
    elif top.tool_fit is None:  # only --skills: nothing is known of the tools
        lines.append(
            f"Nothing to learn for {title} on the skills you gave: you have at least the level"
            " it asks on each."
        )
    else:
        skills = " and at least the level it asks on every skill you gave" if top.skills else ""
        lines.append(f"Nothing to learn for {title}: you have every tool it lists{skills}.")
    if top.tool_fit is None and top.role.tools:
        lines.append(f"Its tools: {', '.join(top.role.tools)} (give --have to compare yours).")
    return lines


def _nothing_fits(result: MatchResult) -> list[str]:
    """Every score is 0: no role comes first on its merits, so none is put forward."""
    reasons = []
    if result.have:
        reasons.append(f"no role lists {any_of(result.have)}")
    if result.fits[0].skills:
        reasons.append("your skill levels are as far from every role's as they can be")
    lines = [f"No role fits what you have: {' and '.join(reasons)}."]
    if result.common:
        tools = ", ".join(f"{tool} ({count} roles)" for tool, count in result.common)
        lines.append(f"The tools that the most roles list: {tools}.")
    return lines


def _tools_reason(fit: Fit) -> str:
    total = len(fit.role.tools)
    if not total:
        return "it lists no tools"
    if total == 1:
        if fit.matched:
            return f"you have the one tool it lists ({fit.matched[0]})"
        return f"you do not have the one tool it lists ({fit.missing[0]})"
    if not fit.matched:
        return f"you have none of its {total} tools"
    return f"you have {len(fit.matched)} of its {total} tools ({', '.join(fit.matched)})"


def _more(gap: SkillGap) -> str:
    name = SKILL_LABELS.get(gap.skill, gap.skill)
    return f"more {name} (it asks {gap.role:.2f}, you have {gap.you:.2f})"


def _more_of(gap: SkillGap, words: dict[str, str]) -> str:
    """For a cell: `more ML (0.70)` with `SHORT_WORDS`, `more machine learning (0.70)`."""
    return f"more {words[gap.skill]} ({gap.role:.2f})"
