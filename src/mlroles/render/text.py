"""Text helpers every renderer shares, and the formats drawn from `to_data()` alone.

- json and yaml: `to_data()` with the catalog's own keys, in the catalog's order.
- plain: tab-separated, no header, one record a line; lists inside a cell are joined with ","
  (names) or "; " (sentences). A single record is one `field<TAB>value` line per value, with
  the catalog's keys; a list repeats its key, a mapping's keys are dotted
  (`skills.communication`).
- markdown: GitHub-flavoured tables or a document; `|` and the other characters Markdown would
  act on are escaped (`md_*`).
- the skills' names and their bar, shared by the roles' and the match's renderers.

- `safe`: the one safe-text function on the way out (see its docstring); every format goes
  through it.

PyYAML is imported by `to_yaml` only; nothing here imports Rich or the models.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

# --- safe text -------------------------------------------------------------------------------

#: What a terminal or a page would act on rather than show: the C0 controls (ESC starts every
#: escape sequence), DEL, the C1 controls (U+009B is a one-character CSI, U+009D an OSC), the
#: line and paragraph separators, and the bidirectional overrides and isolates that reorder
#: what is shown.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


#: `UNSAFE` but for the line break and the tab, which a format of its own may write (JSON's and
#: YAML's indentation, a tab-separated line): what must never appear raw in any output.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str, keep: str = "") -> str:
    """Text from a catalog (or anything else not ours) made safe to show: every character in
    `UNSAFE` becomes visible as a Python-style escape (ESC is `\\x1b`, U+202E is `\\u202e`),
    except those in `keep` (a format that allows a newline or a tab keeps them).

    Every renderer and format calls it on the way out: a table's data before Rich lays it out
    (`safe_copy`), plain and Markdown output as a whole, stderr's lines; JSON and YAML escape
    these characters in their own syntax instead (`to_json`, `to_yaml`), so their data stays
    exact. Rich markup in catalog text is never interpreted: the console has markup off.
    """
    pattern = _unsafe_but(keep)
    if not pattern.search(text):
        return text
    return pattern.sub(_visible, text)


@functools.lru_cache(maxsize=8)
def _unsafe_but(keep: str) -> re.Pattern[str]:
    """`UNSAFE` without the characters of `keep` (a tab-separated line keeps its tabs)."""
    if not keep:
        return UNSAFE
    chars = [
        chr(code) for code in range(0x206A) if UNSAFE.match(chr(code)) and chr(code) not in keep
    ]
    return re.compile("[" + "".join(re.escape(char) for char in chars) + "]")


def safe_copy(value: Any) -> Any:
    """`value` with `safe` applied to every string inside it (dataclasses, catalog records,
    lists, tuples, dicts), newlines and tabs kept: what a table, plain lines and Markdown are
    drawn from. Unchanged parts are the same objects,
    so a catalog with nothing to escape costs one look at each string."""
    if isinstance(value, str):
        return safe(value, keep="\n\t")  # each renderer folds these or draws them as breaks
    if isinstance(value, list):
        items = [safe_copy(item) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, tuple):
        items = [safe_copy(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        pairs = [(safe_copy(k), safe_copy(v)) for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [item.name for item in dataclasses.fields(value) if item.init]
        rebuild: Callable[..., Any] = functools.partial(dataclasses.replace, value)
    elif hasattr(type(value), "_fields"):
        # A catalog record (entries.Record): a named tuple was copied above, as a tuple.
        names, rebuild = list(type(value)._fields), value.replace
    else:
        return value
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = safe_copy(old)
        if new is not old:
            changes[name] = new
    return rebuild(**changes) if changes else value


def to_json(data: Any, unicode: bool = True) -> str:
    """JSON, exact under any locale: characters beyond ASCII as they are where stdout takes
    Unicode, escaped (\\u00e9) where it does not, and always escaped where `safe` would act.
    Where stdout takes Unicode, orjson writes it when it writes the same bytes (`_orjson`)."""
    fast = _orjson(data) if unicode else None
    text = fast if fast is not None else json.dumps(data, indent=2, ensure_ascii=not unicode)
    if unicode and RAW_UNSAFE.search(text):  # C1, DEL, bidi: JSON leaves them as they are
        text = json.dumps(data, indent=2, ensure_ascii=True)
    return text + "\n"


#: Where orjson writes a number otherwise than `json.dumps` does: below 1e-4, json writes
#: `1e-05` where orjson writes `0.00001` or `1e-5`: `0.0000`, or a digit then `e-` and a digit.
#: Looked for from literals, which is fast (a pattern that starts with a digit class, or a
#: look-behind, took 0.07 s over 10,000 roles); found in a string (`lecture-8` is no number,
#: `10.00001` is), they only mean the slower path.
_ORJSON_SMALL = b"0.0000"
_ORJSON_EXPONENT = re.compile(rb"e-[0-9]")


def _orjson_differs(written: bytes) -> bool:
    if _ORJSON_SMALL in written:
        return True
    return any(
        written[m.start() - 1 : m.start()].isdigit() for m in _ORJSON_EXPONENT.finditer(written)
    )


def _orjson(data: Any) -> str | None:
    """`json.dumps(data, indent=2, ensure_ascii=False)`, byte for byte, written by orjson
    (twenty times faster: a tenth of a second on a list of 10,000 roles); None where orjson
    would write it otherwise (a tiny float; a key that is not a string, a huge int, a
    dataclass, a date, a subclass of str or int), so that json writes it, or refuses it, as
    before. (Our data is plain JSON data: no NaN, which orjson would write as null, and no
    enum or UUID, which orjson writes and json refuses.)"""
    import orjson

    def refuse(value: Any) -> Any:
        raise TypeError

    try:
        written = orjson.dumps(
            data,
            default=refuse,
            option=orjson.OPT_INDENT_2
            | orjson.OPT_PASSTHROUGH_DATACLASS
            | orjson.OPT_PASSTHROUGH_DATETIME
            | orjson.OPT_PASSTHROUGH_SUBCLASS,
        )
    except (orjson.JSONEncodeError, TypeError):
        return None
    if _orjson_differs(written):
        return None
    return written.decode()


# --- yaml ------------------------------------------------------------------------------------


def to_yaml(data: Any) -> str:
    """Block-style YAML, keys in the order given, non-ASCII kept as it is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    if RAW_UNSAFE.search(text):  # PyYAML leaves bidi controls as they are
        text = yaml.dump(
            data, Dumper=dumper, sort_keys=False, allow_unicode=False, default_flow_style=False
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


# --- markdown --------------------------------------------------------------------------------

#: Characters Markdown acts on inside a line; `_` only at a word's edge (GFM leaves
#: `work_product` alone).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<![^\W_])_|_(?![^\W_]))")
_BLOCK_START = re.compile(r"^([#+=-])|^(\d+)([.)])(?=\s|$)")


def md_text(text: str) -> str:
    """Text on one line, with every character Markdown would act on inside a line escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_paragraph(text: str) -> str:
    """`md_text` that cannot start a heading, a list or a rule either."""
    # A backslash goes before the punctuation: `2021. A year` is `2021\. A year`.
    return _BLOCK_START.sub(
        lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", md_text(text), count=1
    )


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


# --- skills ----------------------------------------------------------------------------------

SKILL_LABELS = {
    "machine_learning": "machine learning",
    "software_engineering": "software engineering",
    "communication": "communication",
}


def skill_bar(value: float, width: int = 10) -> str:
    filled = int(value * width + 0.5)  # half a block rounds up (round() would go to even)
    return "█" * filled + "░" * (width - filled)
