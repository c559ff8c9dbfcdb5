"""Drawing a hiring brief (`mlroles hire ROLE`) and a job ad (`--ad`) in every format.

- table: the ad, then a section per topic of advice, the interview, the sources, numbered;
  each item says whom it is for and cites the sources by number.
- markdown: a document for a hiring doc (the brief) or a job board (`--ad`): headings and
  lists, the ad's part with nothing in it but the ad.
- plain: tab-separated lines, the record's kind first (`ad.duties`, `advice`, `interview`,
  `source`), for `grep` and `cut`.

Catalog text reaches Rich only as `Text` (never as markup) and Markdown only through the
`md_*` escapes; its control characters are made visible (`render.text.safe`) in every format, so
that no escape sequence of a catalog's reaches the terminal. Rich is imported only by the
functions that draw tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mlroles.queries.hire import SECTIONS, Advice, HiringBrief, InterviewStep, JobAd
from mlroles.render.text import fields, md_paragraph, md_text, plain_from_data, safe, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

#: The ad's headings, as a candidate reads them.
AD_HEADINGS = {
    "duties": "What you will do",
    "deliverables": "What you will deliver",
    "tools": "Tools you will use",
    "background": "Background we look for",
}
EVERY_ROLE = "every industry ML role"
NOTHING = "The catalog has no advice of this kind for this role or its hiring group."
INTERVIEW = "Interview: assessment types"
ARRANGEMENT = (
    "The sections and their order are our arrangement; each item is the catalog's, with its"
    " sources."
)


# --- words shared by every format ------------------------------------------------------------


def advice_scope(brief: HiringBrief, advice: Advice) -> str:
    """Whom a piece of advice is for, in words; and whether that, or the item, is our reading."""
    item = advice.item
    if item.scope == "role":
        words = "for this role"
    elif item.scope == "group":
        words = f"for its hiring group, {brief.group.title if brief.group else item.group}"
    else:
        words = f"for {EVERY_ROLE}"
    if item.year is not None:
        words += f", {item.year}"
    return words


def step_scope(step: InterviewStep) -> str:
    """How an assessment is tied to the role, in words."""
    item = step.item
    if item.scope == "role":
        return "tied to this role by its sources"
    if item.scope == "general":
        return f"for {EVERY_ROLE}"
    return "our reading"


def reading_notes(inferred: Mapping[Any, str]) -> list[tuple[str, str]]:
    """The item's inferred notes (a value no source states): (label, note) pairs."""
    return [(f"inferred {name}", " ".join(note.split())) for name, note in inferred.items()]


def cites(numbers: list[int]) -> str:
    return ("source " if len(numbers) == 1 else "sources ") + ", ".join(map(str, numbers))


# --- table -----------------------------------------------------------------------------------


def brief_table(brief: HiringBrief) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    role = brief.role
    group = brief.group.title if brief.group else role.group
    parts: list[RenderableType] = [
        Text.assemble(
            ("Hiring brief: ", "bold"), (safe(role.title), "bold"), "  ", (role.id, "cyan")
        ),
        Text(f"Hiring group: {safe(group)}", style="dim"),
        "",
        Text("Job ad", style="bold underline"),
        Padding(ad_table(brief.ad), (1, 0, 0, 2)),
    ]
    if brief.ad.inferred:
        notes = [f"{key}: {' '.join(note.split())}" for key, note in brief.ad.inferred.items()]
        parts += ["", Text("Not in the ad: inferred, not stated by a source", style="italic")]
        parts.append(_bullets([Text(safe(note), style="italic") for note in notes]))
    for heading, topics in SECTIONS:
        advice = brief.section(topics)
        parts += ["", Text(heading, style="bold underline")]
        if advice:
            parts.append(_bullets([_advice_text(brief, item) for item in advice]))
        else:
            parts.append(Text(NOTHING, style="dim"))
        if topics == ("interview",):
            parts += ["", Text(INTERVIEW, style="bold underline")]
            parts.append(_bullets([_step_text(step) for step in brief.interview]))
    parts += ["", Text("Sources", style="bold underline"), _sources(brief)]
    parts += ["", Text(ARRANGEMENT, style="dim")]
    return Group(*parts)


def ad_table(ad: JobAd) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    return Group(Text(safe(ad.title), style="bold"), "", _ad_body(ad))


def _ad_body(ad: JobAd) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(safe(ad.summary))]
    for key, items in (("duties", ad.duties), ("deliverables", ad.deliverables)):
        parts += [
            "",
            Text(AD_HEADINGS[key], style="bold"),
            _bullets([Text(safe(i)) for i in items]),
        ]
    if ad.tools:
        parts += ["", Text(AD_HEADINGS["tools"], style="bold"), Text(safe(", ".join(ad.tools)))]
    parts += ["", Text(AD_HEADINGS["background"], style="bold"), Text(safe(ad.background))]
    return Group(*parts)


def _advice_text(brief: HiringBrief, advice: Advice) -> Text:
    from rich.text import Text

    text = Text(safe(" ".join(advice.item.text.split())))
    text.append(f"\n{safe(advice_scope(brief, advice))} · {cites(advice.cites)}", style="dim")
    for label, note in reading_notes(advice.item.inferred):
        text.append(f"\n{label}: {safe(note)}", style="italic")
    return text


def _step_text(step: InterviewStep) -> Text:
    from rich.text import Text

    item = step.item
    text = Text.assemble((safe(item.title), "bold"), ": ", safe(" ".join(item.summary.split())))
    text.append(f"\n{step_scope(step)} · {cites(step.cites)}", style="dim")
    for label, note in reading_notes(item.inferred):
        text.append(f"\n{label}: {safe(note)}", style="italic")
    return text


def _bullets(items: list[Text]) -> RenderableType:
    """A bulleted list whose items wrap under their own text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", item)
    return grid


def _sources(brief: HiringBrief) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for number, source in enumerate(brief.sources, 1):
        lines = source.title + (f"\n{source.url}" if source.url else "")
        grid.add_row(f"{number}.", Text("\n".join(map(safe, lines.split("\n"))), overflow="fold"))
    return grid


# --- markdown --------------------------------------------------------------------------------


def ad_markdown_lines(ad: JobAd, level: int) -> list[str]:
    """The ad as Markdown blocks, its title a heading of `level`."""
    sub = "#" * (level + 1)
    blocks = [f"{'#' * level} {md_text(ad.title)}", md_paragraph(ad.summary)]
    for key, items in (("duties", ad.duties), ("deliverables", ad.deliverables)):
        blocks += [f"{sub} {AD_HEADINGS[key]}", _md_list(items)]
    if ad.tools:
        blocks += [f"{sub} {AD_HEADINGS['tools']}", _md_list(ad.tools)]
    blocks += [f"{sub} {AD_HEADINGS['background']}", md_paragraph(ad.background)]
    return blocks


def ad_markdown(ad: JobAd) -> str:
    """The job ad alone: a document to paste into a job board."""
    return _shown_lines("\n\n".join(ad_markdown_lines(ad, 1)) + "\n")


def brief_markdown(brief: HiringBrief) -> str:
    """The brief as a hiring document: the ad, the advice by topic, the interview, sources."""
    role = brief.role
    group = brief.group.title if brief.group else role.group
    blocks = [
        f"# Hiring brief: {md_text(role.title)}",
        f"`{role.id}` · hiring group: {md_text(group)}",
        "## Job ad",
        *ad_markdown_lines(brief.ad, 3),
    ]
    if brief.ad.inferred:
        notes = [
            f"- **{md_text(key)}**: {md_text(note)}" for key, note in brief.ad.inferred.items()
        ]
        blocks += ["## Not in the ad: inferred, not stated by a source", "\n".join(notes)]
    for heading, topics in SECTIONS:
        advice = brief.section(topics)
        blocks.append(f"## {heading}")
        blocks.append(
            "\n".join(f"- {_md_advice(brief, item)}" for item in advice) if advice else NOTHING
        )
        if topics == ("interview",):
            blocks += [f"## {INTERVIEW}", "\n".join(f"- {_md_step(s)}" for s in brief.interview)]
    sources = [
        f"{n}. [{md_text(source.title)}]({_url(source.url)})"
        if source.url
        else f"{n}. {md_text(source.title)}"
        for n, source in enumerate(brief.sources, 1)
    ]
    blocks += ["## Sources", "\n".join(sources), f"*{md_text(ARRANGEMENT)}*"]
    return _shown_lines("\n\n".join(blocks) + "\n")


def _md_advice(brief: HiringBrief, advice: Advice) -> str:
    notes = _md_notes(advice.item.inferred)
    scope = md_text(f"{advice_scope(brief, advice)}; {cites(advice.cites)}")
    return f"{md_text(advice.item.text)} *({scope})*{notes}"


def _md_step(step: InterviewStep) -> str:
    item = step.item
    notes = _md_notes(item.inferred)
    scope = md_text(f"{step_scope(step)}; {cites(step.cites)}")
    return f"**{md_text(item.title)}**: {md_text(item.summary)} *({scope})*{notes}"


def _md_notes(inferred: Mapping[Any, str]) -> str:
    return "".join(
        f" *{md_text(label)}*: {md_text(note)}" for label, note in reading_notes(inferred)
    )


def _md_list(items: list[str]) -> str:
    return "\n".join(f"- {md_paragraph(item)}" for item in items) or "(none)"


def _url(url: str) -> str:
    """A link destination: characters that would end it early, percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _shown_lines(text: str) -> str:
    """Each line of `text` with its control characters made visible (`render.text.safe`)."""
    return "\n".join(map(safe, text.split("\n")))


# --- plain -----------------------------------------------------------------------------------


def brief_plain(brief: HiringBrief) -> str:
    """Tab-separated lines: `role`, `title`, `group`, `ad.FIELD`, `ad.inferred`, then
    `advice TOPIC SCOPE YEAR TEXT SOURCES`, `interview SCOPE ASSESSMENT SUMMARY SOURCES` and
    `source N TITLE URL` (SOURCES: the sources' numbers, comma-separated)."""
    rows: list[list[str]] = [
        ["role", brief.role.id],
        ["title", brief.role.title],
        ["group", brief.role.group],
    ]
    rows += [[name, *cells] for name, cells in fields(brief.ad.to_data(), "ad")]
    rows += [["ad.inferred", key, note] for key, note in brief.ad.inferred.items()]
    for advice in brief.advice:
        item = advice.item
        year = "" if item.year is None else str(item.year)
        rows.append(["advice", item.topic, item.scope, year, item.text, _numbers(advice.cites)])
    for step in brief.interview:
        rows.append(
            ["interview", step.item.scope, step.item.title, step.item.summary, _numbers(step.cites)]
        )
    for number, source in enumerate(brief.sources, 1):
        rows.append(["source", str(number), source.title, source.url or ""])
    return "".join("\t".join(safe(scalar(cell)) for cell in row) + "\n" for row in rows)


def _numbers(numbers: list[int]) -> str:
    return ",".join(map(str, numbers))


def ad_plain(ad: JobAd) -> str:
    """`field<TAB>value` lines of the ad; a list repeats its field."""
    lines = plain_from_data(ad.to_data()).splitlines()
    return "".join("\t".join(map(safe, line.split("\t"))) + "\n" for line in lines)
