"""The text formats besides the table: plain lines for programs, Markdown for documents, YAML.

- plain: tab-separated, no header, one record a line; lists inside a cell are joined with ","
  (names) or "; " (sentences). A single record (show) is one `field<TAB>value` line per value,
  with the catalog's keys; a list repeats its key, a mapping's keys are dotted
  (`skills.communication`).
- markdown: GitHub-flavoured tables (list, compare; search and match in their `render_*`
  modules) or a document (show); `|` and the other characters Markdown would act on are escaped.
- yaml: `to_data()` with the catalog's own keys, in the catalog's order.

PyYAML is imported by `to_yaml` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from mlroles.models import Role
from mlroles.queries import Comparison, RoleDetail, RoleList
from mlroles.render import SKILL_LABELS, _compared_tools

# --- yaml ------------------------------------------------------------------------------------


def to_yaml(data: Any) -> str:
    """Block-style YAML, keys in the order given, non-ASCII kept as it is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text


# --- plain -----------------------------------------------------------------------------------


def scalar(value: Any) -> str:
    """One value as one cell: no tab, no newline; booleans and nothing as JSON spells them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return " ".join(str(value).split())


def fields(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """(field, cells) for one record: lists repeat their field, mappings dot their keys."""
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from fields(value, name)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield name, [scalar(v) for v in item.values()]
                else:
                    yield name, [scalar(item)]
        else:
            yield name, [scalar(value)]


def plain_from_data(data: Any) -> str:
    """The plain form of any `to_data()`: a list is one line per item, a mapping one per field."""
    if isinstance(data, list):
        lines = [
            "\t".join(_joined(v) for v in item.values()) if isinstance(item, dict) else scalar(item)
            for item in data
        ]
    elif isinstance(data, dict):
        lines = ["\t".join((name, *cells)) for name, cells in fields(data)]
    else:
        lines = [scalar(data)]
    return "".join(line + "\n" for line in lines)


def _joined(value: Any) -> str:
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ",".join(scalar(v) for v in value)
    return scalar(value)


def show_plain(result: RoleDetail) -> str:
    """`field<TAB>value` lines; `mlroles show mle --format plain | grep ^tools | cut -f2`."""
    return plain_from_data(result.to_data())


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
    for name in SKILL_LABELS:
        rows.append((f"skills.{name}", [str(getattr(role.skills, name)) for role in roles]))
    rows += [
        ("works_with", [",".join(role.works_with) for role in roles]),
        ("sources", [" ".join(str(source.url) for source in role.sources) for role in roles]),
        ("inferred", [",".join(role.inferred) for role in roles]),
    ]
    return "".join("\t".join((name, *map(scalar, cells))) + "\n" for name, cells in rows)


# --- markdown --------------------------------------------------------------------------------

#: Characters Markdown acts on inside a line; `_` only at a word's edge (GFM leaves
#: `work_product` alone).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<![^\W_])_|_(?![^\W_]))")
_BLOCK_START = re.compile(r"^(#|[-+=]|\d+[.)])")


def md_text(text: str) -> str:
    """Text on one line, with every character Markdown would act on inside a line escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_paragraph(text: str) -> str:
    """`md_text` that cannot start a heading, a list or a rule either."""
    return _BLOCK_START.sub(r"\\\1", md_text(text))


def md_cell(lines: list[str] | str) -> str:
    """A table cell: escaped text, several lines joined with <br>."""
    if isinstance(lines, str):
        lines = [lines]
    return "<br>".join(md_text(line) for line in lines) or "-"


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured table of cells already escaped with `md_cell`."""
    lines = [header, ["---"] * len(header), *rows]
    return "".join("| " + " | ".join(cells) + " |\n" for cells in lines)


def md_code(text: str) -> str:
    """An id or a name as inline code; escaped text when it holds a backtick itself."""
    return f"`{text}`" if text and "`" not in text else md_text(text)


def list_markdown(result: RoleList) -> str:
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
    for name, shown in SKILL_LABELS.items():
        rows.append([shown, *(f"{getattr(role.skills, name):.2f}" for role in roles)])
    rows += [
        ["works with", *(", ".join(map(md_code, role.works_with)) or "-" for role in roles)],
        ["inferred", *(md_cell(", ".join(role.inferred)) for role in roles)],
        ["sources", *(str(len(role.sources)) for role in roles)],
    ]
    return md_table(header, rows)


def show_markdown(result: RoleDetail) -> str:
    """A document: title, one line of facts, the summary, then a section per field."""
    role = result.role
    facts = [md_code(role.id), f"group: {md_text(role.group)}"]
    if role.aliases:
        facts.insert(1, "aliases: " + ", ".join(md_code(alias) for alias in role.aliases))
    parts = [f"# {md_text(role.title)}", " · ".join(facts), md_paragraph(role.summary)]

    def section(field: str, heading: str, body: str) -> None:
        mark = " (inferred)" if field in role.inferred else ""
        parts.extend((f"## {heading}{mark}", body))

    section("responsibilities", "Responsibilities", _md_list(role.responsibilities))
    section("work_product", "Work product", _md_list(role.work_product))
    section("tools", "Tools", ", ".join(md_text(tool) for tool in role.tools) or "(none)")
    section("background", "Background", md_paragraph(role.background))
    section("skills", "Skills", _md_skills(role))
    section("works_with", "Works with", ", ".join(map(md_code, role.works_with)) or "(none)")
    if role.inferred:
        notes = [f"**{md_text(field)}**: {md_text(note)}" for field, note in role.inferred.items()]
        parts.extend(("## Inferred", "\n".join(f"- {note}" for note in notes)))
    sources = [
        f"{n}. [{md_text(source.title)}]({_url(str(source.url))})"
        for n, source in enumerate(role.sources, 1)
    ]
    parts.extend(("## Sources", "\n".join(sources)))
    return "\n\n".join(parts) + "\n"


def _md_list(items: list[str]) -> str:
    return "\n".join(f"- {md_paragraph(item)}" for item in items) or "(none)"


def _md_skills(role: Role) -> str:
    rows = [[shown, f"{getattr(role.skills, name):.2f}"] for name, shown in SKILL_LABELS.items()]
    return md_table(["skill", "score (0 to 1)"], rows).rstrip("\n")


def _url(url: str) -> str:
    """A link destination: characters that would end it early, percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def markdown_from_data(data: Any) -> str:
    """The Markdown form of any `to_data()`: a list of records is a table, a record a list."""
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        header = list(dict.fromkeys(key for item in data for key in item))
        rows = [[md_cell(_joined(item.get(key))) for key in header] for item in data]
        return md_table([md_text(key) for key in header], rows)
    if isinstance(data, dict):
        lines = [
            f"- **{md_text(name)}**: {md_text(' '.join(cells))}" for name, cells in fields(data)
        ]
        return "\n".join(lines) + "\n"
    return plain_from_data(data)
