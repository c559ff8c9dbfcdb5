"""Drawing a `Handbook` as one document: a self-contained HTML page, or Markdown.

Both come from Jinja2 templates shipped in the package (`render/templates/`). The HTML one is
rendered with autoescaping, so that every value from the catalog is text, whatever it holds; the
chart is the one piece of markup handed to it whole, an SVG that `render/svg.py` escaped itself.
The Markdown one escapes every value for Markdown (the `md_paragraph` of the other Markdown
renderers) in the environment's `finalize` step, and builds its links here. A source's URL
becomes a link only when it is http or https.

Jinja2 is imported here only, and this module only by `export`: no other command pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mlroles.catalog.entries import Source
from mlroles.queries.export import Advice, Handbook, Saved
from mlroles.render.registry import ExportFormat
from mlroles.render.text import md_cell, md_paragraph, md_table, safe

if TYPE_CHECKING:
    import jinja2


TITLE = "The roles on a machine-learning team"
#: What each guidance topic is called in the document.
TOPIC_TITLES = {
    "talent-gap": "The talent gap",
    "hire-for": "What to hire for",
    "avoid": "What to avoid",
    "find-candidates": "Where to find candidates",
    "practitioners-want": "What practitioners want, and how to stand out to them",
    "interview": "Interviews",
    "employers-look-for": "What employers look for",
    "get-hired": "How to get hired",
    "stand-out": "How candidates stand out",
}
ASSESSMENT_SCOPES = {
    "general": "every industry ML role (general advice)",
    "role": "tied by the course to the {subject}",
    "inferred": "the {subject} (our reading)",
}
DESIGN_TITLES = {
    "engineering_vs_research": "Software engineering vs research",
    "data_ownership": "Data ownership",
    "model_ownership": "Model ownership",
}


def render(result: Handbook, fmt: ExportFormat) -> str:
    """The whole document in `fmt`."""
    if fmt is ExportFormat.HTML:
        return (
            _environment(html=True)
            .get_template("handbook.html.j2")
            .render(doc=_html_context(result))
        )
    text = (
        _environment(html=False)
        .get_template("handbook.md.j2")
        .render(doc=_markdown_context(result))
    )
    # The template's blocks leave runs of blank lines; Markdown reads one as many.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def document(result: Handbook, fmt: ExportFormat) -> str:
    """The document as it is written, to stdout or to a file: escaped by its own rules (the
    templates'), then what those leave as it is (a C1 control, a bidi override) made visible by
    `text.safe`, as in every other format."""
    return safe(render(result, fmt), keep="\n\t" if fmt is ExportFormat.HTML else "\n")


def save(result: Handbook, fmt: ExportFormat, path: Path, *, force: bool) -> Saved:
    """The document written to `path` as `init` writes (atomically, never over an existing file
    without `force`, never onto a link or a device); what was written, for stdout to say."""
    from mlroles.queries.starter import write_atomically

    write_atomically(path, document(result, fmt).encode("utf-8"), force=force)
    return Saved(path, fmt.value, len(result.roles), result.origin)


# --- the templates' data ---------------------------------------------------------------------


def _environment(*, html: bool) -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("mlroles.render", "templates"),
        autoescape=html,
        finalize=None if html else _markdown_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class _Markdown(str):
    """Markdown built here (a link, a table, a code block): not escaped again."""


def _markdown_value(value: Any) -> str:
    from markupsafe import Markup

    if isinstance(value, (_Markdown, Markup)):  # Markup: a macro's output through `| safe`
        return str(value)
    return md_paragraph(str(value))


def safe_href(url: str | None) -> str | None:
    """`url` as a link target when it is http or https; anything else is shown as text."""
    if url and re.match(r"https?://", url, re.IGNORECASE):
        return url
    return None


def _sources(sources: list[Source]) -> list[dict[str, Any]]:
    return [
        {"title": source.title, "url": source.url, "href": safe_href(source.url)}
        for source in sources
    ]


def _inferred(notes: Mapping[Any, str]) -> list[dict[str, str]]:
    return [{"field": field.replace("_", " "), "note": note} for field, note in notes.items()]


def _levels(result: Handbook, skills: dict[str, float]) -> list[dict[str, str]]:
    return [
        {"title": skill.title, "level": f"{skills[skill.id]:.2f}"}
        for skill in result.catalog.skills
    ]


def _common(result: Handbook) -> dict[str, Any]:
    """What both formats show, as plain values for the templates."""
    catalog = result.catalog
    inferred_levels = sum("skills" in entry.role.inferred for entry in result.roles)
    roles = [
        {
            "id": entry.role.id,
            "title": entry.role.title,
            "summary": entry.role.summary,
            "fields": [
                (name, value)
                for name, value in (
                    ("Also called", entry.role.aliases),
                    ("Responsibilities", entry.role.responsibilities),
                    ("Work product", entry.role.work_product),
                    ("Tools", entry.role.tools),
                    ("Background", entry.role.background),
                )
                if value
            ],
            "group": {"id": entry.group.id, "title": entry.group.title},
            "skills": _levels(result, entry.role.skills),
            "tools": entry.role.tools,
            "works_with": [{"id": r.id, "title": r.title} for r in entry.works_with],
            "archetypes": [{"id": a.id, "title": a.title} for a in entry.archetypes],
            "origin": entry.origin,
            "sources": _sources(entry.role.sources),
            "inferred": _inferred(entry.role.inferred),
        }
        for entry in result.roles
    ]
    notes = []
    if inferred_levels:
        which = (
            f"all {inferred_levels:,}"
            if inferred_levels == len(result.roles)
            else f"{inferred_levels:,} of the {len(result.roles):,}"
        )
        notes.append(
            f"The catalog marks the skill levels of {which} roles as inferred: approximate"
            " readings, not published numbers. Every value that no source states is marked"
            " \u201cour reading\u201d."
        )
    return {
        "title": TITLE,
        "subtitle": (
            f"{len(roles):,} roles, {len(catalog.archetypes):,} organisation archetypes and"
            f" {len(catalog.guidance):,} pieces of hiring advice, from {result.origin}."
        ),
        "notes": notes,
        "skills": [{"id": s.id, "title": s.title, "summary": s.summary} for s in catalog.skills],
        "roles": roles,
        "comparison_notes": [
            "Skills: " + " ".join(f"{skill.title}: {skill.summary}" for skill in catalog.skills)
        ],
        "groups_intro": (
            "A hiring group is a set of roles that the course treats together when it talks"
            " about hiring."
        ),
        "groups": [
            {
                "id": entry.group.id,
                "title": entry.group.title,
                "summary": entry.group.summary,
                "roles": [{"id": r.id, "title": r.title} for r in entry.roles],
                "sources": _sources(entry.group.sources),
                "inferred": _inferred(entry.group.inferred),
            }
            for entry in result.groups
        ],
        "archetypes": [
            {
                "id": entry.archetype.id,
                "title": entry.archetype.title,
                "summary": entry.archetype.summary,
                "fields": _archetype_fields(entry.archetype),
                "relies_on": [
                    {
                        "id": role.id,
                        "title": role.title,
                        "basis": "stated" if need.basis == "stated" else "our reading",
                        "note": need.note,
                    }
                    for need, role in entry.relies_on
                ],
                "sources": _sources(entry.archetype.sources),
                "inferred": _inferred(entry.archetype.inferred),
            }
            for entry in result.archetypes
        ],
        "guidance": [_advice(part) for part in result.advice],
        "assessments": [
            {
                "title": item.title,
                "summary": item.summary,
                "scope": _assessment_scope(result, item.scope, item.role, item.group),
                "sources": _sources(item.sources),
            }
            for item in result.assessments
        ],
        "footer": (
            f"Made by mlroles from {result.origin}. The facts come from the sources"
            " each entry cites, in our own words; the orders and readings marked as ours are"
            " ours, not the sources'."
        ),
    }


def _archetype_fields(archetype: Any) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = [
        ("Also called", archetype.aliases),
        ("Typical companies", archetype.companies),
        ("Pros", archetype.pros),
        ("Cons", archetype.cons),
    ]
    if archetype.design is not None:
        fields += [
            (title, getattr(archetype.design, name)) for name, title in DESIGN_TITLES.items()
        ]
    return [(name, value) for name, value in fields if value]


def _advice(part: Advice) -> dict[str, Any]:
    title = (
        "For every industry ML role" if part.subject is None else f"For the {part.subject.title}"
    )
    return {
        "id": part.key,
        "title": title,
        "topics": [
            {
                "title": TOPIC_TITLES.get(topic, topic),
                "entries": [
                    {
                        "text": item.text,
                        "year": item.year,
                        "sources": _sources(item.sources),
                        "inferred": _inferred(item.inferred),
                    }
                    for item in items
                ],
            }
            for topic, items in part.topics
        ],
    }


def _assessment_scope(result: Handbook, scope: str, role: str | None, group: str | None) -> str:
    subject = ""
    if role is not None:
        subject = next((e.role.title for e in result.roles if e.role.id == role), role)
    elif group is not None:
        subject = next((e.group.title for e in result.groups if e.group.id == group), group)
    return ASSESSMENT_SCOPES.get(scope, scope).format(subject=subject)


def _html_context(result: Handbook) -> dict[str, Any]:
    from markupsafe import Markup

    from mlroles.render.skillmap import map_svg

    doc = _common(result)
    doc["chart"] = Markup(map_svg(result.chart, standalone=False, id_prefix="handbook-chart"))
    chart = result.chart
    axes = [axis.title.lower() for axis in (chart.x_axis, chart.y_axis, chart.size_axis) if axis]
    caption = f"Each bubble is a role: across, its level of {axes[0]}; up, of {axes[1]}"
    if len(axes) > 2:
        caption += f"; its area, of {axes[2]}"
    doc["chart_caption"] = caption + ". The same chart as mlroles map --format svg draws."
    return doc


def _markdown_context(result: Handbook) -> dict[str, Any]:
    from mlroles.render.skillmap import UNICODE, map_plain

    doc = _common(result)
    chart = map_plain(result.chart, 100, UNICODE)
    fence = "```" if "```" not in chart else "~~~~"
    doc["chart"] = _Markdown(f"{fence}text\n{chart}{fence}")
    doc["chart_caption"] = _Markdown(
        "The chart in characters, as `mlroles map` draws it; `mlroles map --format svg` draws"
        " it as a picture."
    )
    doc["links"] = {
        key: _Markdown(f"[{title}](#{_anchor(title)})")
        for key, title in (
            ("chart", "The skills chart"),
            ("roles", "Roles"),
            ("comparison", "All roles compared"),
            ("groups", "Hiring groups"),
            ("archetypes", "Organisation archetypes"),
            ("hiring", "Hiring guidance"),
        )
    }
    for role in doc["roles"]:
        role["link"] = _Markdown(f"[{md_paragraph(role['title'])}](#{_anchor(role['title'])})")
    for archetype in doc["archetypes"]:
        archetype["link"] = _Markdown(
            f"[{md_paragraph(archetype['title'])}](#{_anchor(archetype['title'])})"
        )
    for entry in [*doc["roles"], *doc["groups"], *doc["archetypes"]]:
        for source in entry["sources"]:
            source["markdown"] = _markdown_link(source)
    for part in doc["guidance"]:
        for topic in part["topics"]:
            for item in topic["entries"]:
                item["sources_markdown"] = _Markdown(
                    "; ".join(_markdown_link(source) for source in item["sources"])
                )
    skills = doc["skills"]
    doc["comparison_table"] = _Markdown(
        md_table(
            ["Role", "Hiring group", *(md_cell(s["title"]) for s in skills), "Tools"],
            [
                [
                    md_cell(role["title"]),
                    md_cell(role["group"]["title"]),
                    *(level["level"] for level in role["skills"]),
                    md_cell(", ".join(role["tools"])),
                ]
                for role in doc["roles"]
            ],
        ).rstrip("\n")
    )
    doc["assessments_table"] = _Markdown(
        md_table(
            ["Assessment", "What it is", "For"],
            [
                [md_cell(a["title"]), md_cell(a["summary"]), md_cell(a["scope"])]
                for a in doc["assessments"]
            ],
        ).rstrip("\n")
    )
    return doc


def _markdown_link(source: dict[str, Any]) -> _Markdown:
    title = md_paragraph(source["title"])
    if source["href"]:
        # An angle-bracket destination takes any URL but `<`, `>` and line breaks: quote those.
        target = quote(source["href"], safe=":/?#[]@!$&'()*+,;=%~-._")
        return _Markdown(f"[{title}](<{target}>)")
    if source["url"]:
        return _Markdown(f"{title} ({md_paragraph(source['url'])})")
    return _Markdown(title)


def _anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", " ".join(title.split()).lower()).replace(" ", "-")
