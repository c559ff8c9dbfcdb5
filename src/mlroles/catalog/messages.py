"""Problems with a catalog in words a person can act on: Pydantic's errors placed at their line
and field path, the rules across roles checked on what there is, many problems in one error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlroles.errors import CatalogError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pydantic import BaseModel

    from mlroles.catalog.entries import Location

    #: The model at each place of a file (`("people", 0)`: a list's items), for the fields it
    #: allows.
    Fields = Mapping[tuple[Any, ...], type[BaseModel]]
    #: A file's rules across entries, checked on its raw data: (place, message) pairs.
    Rules = Callable[[Any], list[tuple[Location, str]]]

#: At most this many problems are reported for one file; the rest are counted.
MAX_PROBLEMS = 50


def collect(problems: list[Problem], omitted: int = 0, sort: bool = True) -> CatalogError:
    """One `CatalogError` for many problems: in file order (unless `sort` is false: as given),
    at most `MAX_PROBLEMS` of them."""
    if sort:
        problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    extra = max(0, len(problems) - MAX_PROBLEMS)
    return CatalogError(problems[:MAX_PROBLEMS], omitted=omitted + extra)


def catalog_error(
    file: str, message: str, line: int | None = None, column: int | None = None, path: str = ""
) -> CatalogError:
    """A `CatalogError` of one problem."""
    return CatalogError([Problem(file, message, line, column, path)])


def locate_errors(
    exc: Any,
    text: str,
    file: str,
    data: Any = None,
    version: int = 1,
    fields: Fields | None = None,
    rules: Rules | None = None,
) -> CatalogError:
    """Turn a Pydantic `ValidationError` into a `CatalogError` with lines and field paths.

    For a file that is not a catalog (a roster), `fields` maps each place of the file to its
    model (for "unknown field; did you mean"), and `rules` gives the problems of its rules
    across entries, checked on the raw data beside the broken fields.
    """
    import gc

    # Thousands of errors over a large file build many objects beside the millions of the
    # parsed data; the cyclic collector, left on, keeps rescanning them all (see parse_yaml).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _locate_errors(exc, text, file, data, version, fields, rules)
    finally:
        if collecting:
            gc.enable()


def _locate_errors(
    exc: Any,
    text: str,
    file: str,
    data: Any,
    version: int,
    fields: Fields | None,
    rules: Rules | None,
) -> CatalogError:
    from mlroles.catalog.models import CONSISTENCY_ERROR

    root = _compose(text)
    problems: list[Problem] = []
    located: set[Location] = set()
    consistency_checked = False
    for error in exc.errors(include_url=False):
        if error["type"] == CONSISTENCY_ERROR:
            consistency_checked = True
            for loc, message in error["ctx"]["problems"]:
                point_at = "key" if tuple(loc)[-1:] == ("[key]",) else "value"
                problems.append(_problem(file, root, tuple(loc), message, point_at=point_at))
            continue
        loc = tuple(error["loc"])
        located.add(loc)
        problems.append(_problem(file, root, loc, *_describe(error, loc, version, fields)))
    if not consistency_checked:
        # The models stop before the cross-record check when an entry is invalid; run it on
        # what there is, so that a dangling `works_with` shows up beside a value out of range.
        # (A problem under a place already reported is left out: its prefixes are looked up,
        # not compared with every place, which took time in the square of the errors.)
        if rules is not None:
            partial = rules(data)
        else:
            partial = _partial_consistency(data) if version == 1 else _partial_v2(data)
        for loc, message in partial:
            if not any(loc[:depth] in located for depth in range(len(loc) + 1)):
                point_at = "key" if loc[-1:] == ("[key]",) else "value"
                problems.append(_problem(file, root, loc, message, point_at=point_at))
    return collect(problems)


def place(file: str, text: str, loc: Location, message: str) -> Problem:
    """A problem at the field `loc` of a file's text, with its line and column (a loc ending
    in `[key]` points at the key)."""
    point_at = "key" if loc[-1:] == ("[key]",) else "value"
    return _problem(file, _compose(text), loc, message, point_at=point_at)


def _partial_consistency(data: Any) -> list[tuple[Location, str]]:
    """`role_problems` of raw role data, with values that are not text left out."""
    from types import SimpleNamespace

    from mlroles.catalog.entries import role_problems

    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, list):
        return []

    stand_ins = []
    for raw in roles:
        raw = raw if isinstance(raw, dict) else {}
        stand_ins.append(
            SimpleNamespace(
                id=_text_or_blank(raw.get("id")),
                aliases=_texts(raw.get("aliases")),
                works_with=_texts(raw.get("works_with")),
            )
        )
    found = role_problems(stand_ins)
    return [(loc, message) for loc, message in found if _is_text_at(data, loc)]


def _text_or_blank(value: Any) -> Any:
    # A value that is not text gets a stand-in that matches nothing.
    return value if isinstance(value, str) else object()


def _texts(value: Any) -> list[Any]:
    return [_text_or_blank(item) for item in value] if isinstance(value, list) else []


def _partial_v2(data: Any) -> list[tuple[Location, str]]:
    """The rules of a version 2 file checked on its raw data, beside its broken fields: only
    the rules of the file alone when it extends another (the rest needs the base)."""
    from types import SimpleNamespace

    from mlroles.catalog.entries import KINDS, catalog_problems, file_problems

    if not isinstance(data, dict):
        return []
    fields: dict[str, Callable[[Any], Any]] = {
        "id": _text_or_blank,
        "aliases": _texts,
        "works_with": _texts,
        "group": _text_or_blank,
        "role": _text_or_blank,
        "scope": _text_or_blank,
        "topic": _text_or_blank,
        "year": lambda value: value if isinstance(value, int) else None,
        "rank": lambda value: value if isinstance(value, int) and value >= 1 else None,
        "skills": lambda value: value if isinstance(value, dict) else None,
        "inferred": lambda value: value if isinstance(value, dict) else None,
        "relies_on": lambda value: (
            [
                SimpleNamespace(role=_text_or_blank(item.get("role")))
                for item in value
                if isinstance(item, dict)
            ]
            if isinstance(value, list)
            else []
        ),
    }

    def stand_in(raw: Any) -> Any:
        raw = raw if isinstance(raw, dict) else {}
        values = {name: convert(raw.get(name)) for name, convert in fields.items()}
        for optional in ("role", "group"):  # absent stays absent
            if raw.get(optional) is None:
                values[optional] = None
        return SimpleNamespace(**values)

    lists = {
        kind: [stand_in(raw) for raw in data.get(kind) or [] if isinstance(data.get(kind), list)]
        if isinstance(data.get(kind), list)
        else []
        for kind in KINDS
    }
    extends = data.get("extends")
    remove = data.get("remove") if isinstance(data.get("remove"), list) else []
    namespace = SimpleNamespace(**lists, extends=extends, remove=remove)
    found = file_problems(namespace)
    if extends is None:
        found += [p for p in catalog_problems(namespace) if p not in found]
    return [(loc, message) for loc, message in found if _exists_at(data, loc)]


def _exists_at(data: Any, loc: Location) -> bool:
    for part in loc:
        if part == "[key]":
            return True
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _is_text_at(data: Any, loc: Location) -> bool:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, str)


def _compose(text: str) -> Any:
    import gc

    import yaml

    from mlroles.catalog.reader import strict_loader

    # As for the parse: the cyclic collector, left on, rescans every node built so far, over
    # and over, and makes this slower per role the larger the file.
    collecting = gc.isenabled()
    gc.disable()
    try:  # the nodes, with plain values resolved as the file was read (YAML 1.2 core schema)
        return yaml.compose(text, Loader=strict_loader())
    except yaml.YAMLError:  # pragma: no cover - the text parsed a moment ago
        return None
    finally:
        if collecting:
            gc.enable()


def _problem(file: str, root: Any, loc: Location, message: str, point_at: str) -> Problem:
    node, key_node, exact, written = _find_node(root, loc)
    target = key_node if point_at == "key" and key_node is not None and exact else node
    line = column = None
    if target is not None:
        line, column = target.start_mark.line + 1, target.start_mark.column + 1
    return Problem(file, message, line, column, format_path(written))


def _find_node(root: Any, loc: Location) -> tuple[Any, Any, bool, Location]:
    """The deepest node on `loc`, the key node that led to it, whether all of loc was found,
    and `loc` as the file writes it (a number used as a mapping key becomes its text)."""
    import yaml

    node, key_node = root, None
    for depth, part in enumerate(loc):
        if part == "[key]":
            return node, key_node, True, loc
        if isinstance(node, yaml.MappingNode):
            # The last of keys written twice: the one whose value was kept.
            matches = [
                (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and _key_is(k, part)
            ]
            if not matches:
                return node, key_node, False, loc
            key_node, node = matches[-1]
            if isinstance(part, int):  # a number or a boolean (`yes:`): as the file writes it
                loc = (*loc[:depth], str(key_node.value), *loc[depth + 1 :])
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node, key_node, False, loc
            node, key_node = node.value[part], None
        else:
            return node, key_node, False, loc
    return node, key_node, True, loc


_YAML_BOOLEANS = {
    True: {"y", "yes", "true", "on"},
    False: {"n", "no", "false", "off"},
}


def _key_is(key_node: Any, part: Any) -> bool:
    """Whether the mapping key written as `key_node` is the key `part` that validation saw."""
    # YAML 1.1 reads `yes`, `on`, `true` (any case) as true; to Python (and so in Pydantic's
    # error locations) the key true is the same as the key 1.
    if key_node.tag.endswith(":bool") and isinstance(part, int) and part in (0, 1):
        return key_node.value.lower() in _YAML_BOOLEANS[bool(part)]
    return bool(key_node.value == str(part))


def format_path(loc: Location) -> str:
    """`("roles", 2, "skills", "communication")` -> `roles[2].skills.communication`.

    A key that is not a plain name is quoted: `roles[0]["two words"]`.
    """
    import json
    import re

    out = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[\w-]+", part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part)}]"
    return shorten(out, 100)


def shorten(text: str, limit: int) -> str:
    """Long text with its middle cut out, so that a message stays on one readable line."""
    if len(text) <= limit:
        return text
    keep = (limit - 3) // 2
    return text[:keep] + "..." + text[-keep:]


def _describe(
    error: Any, loc: Location, version: int = 1, fields: Fields | None = None
) -> tuple[str, str]:
    """A short message for one Pydantic error, and whether it points at the key or the value."""
    from mlroles import SKILL_PATTERN, SLUG_PATTERN

    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "required field is missing", "value"
    if kind == "extra_forbidden":
        return _unknown_field(loc, version, fields), "key"
    if kind == "invalid_key":
        hint = "; put it in quotes to mean the word" if isinstance(value, bool) else ""
        return f"field names should be text{_got(value)}{hint}", "key"
    if not loc and kind in {"model_type", "dict_type"}:
        return (
            f"the top level should be a mapping with 'version' and 'roles' (got {_kind_of(value)})",
            "value",
        )
    if kind in {"model_type", "dict_type"}:
        return f"should be a mapping (got {_kind_of(value)})", "value"
    if kind == "list_type":
        return f"should be a list (got {_kind_of(value)})", "value"
    if kind == "less_than_equal":
        return f"should be at most {_number(ctx['le'])}{_got(value)}", "value"
    if kind == "greater_than_equal":
        return f"should be at least {_number(ctx['ge'])}{_got(value)}", "value"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing"}:
        return f"should be a number{_got(value)}", "value"
    if kind == "too_short":
        return f"should have at least {_items(ctx['min_length'])} (got {_count(value)})", "value"
    if kind == "too_long":
        return f"should have at most {_items(ctx['max_length'])} (got {_count(value)})", "value"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "should not be empty", "value"
    if kind == "string_too_long":
        limit = ctx["max_length"]
        return f"should be at most {limit} characters long (got {len(value)})", "value"
    if kind == "string_type" and (isinstance(value, (bool, int, float)) or _is_date(value)):
        return f"should be text{_got(value)}; put it in quotes to keep it as text", "value"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
        return (
            "should be a lowercase slug: letters, digits and single hyphens"
            f" (like 'ml-engineer'){_got(value)}",
            "value",
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SKILL_PATTERN:
        return (
            "should be a skill id: lowercase letters, digits and single underscores"
            f" (like 'machine_learning'){_got(value)}",
            "key" if loc[-1:] == ("[key]",) else "value",
        )
    if kind.startswith("url_") or (kind == "string_pattern_mismatch" and loc[-1:] == ("url",)):
        return f"should be a web address like https://example.org/page{_got(value)}", "value"
    if loc and loc[-1] == "[key]":
        noun = "the role fields" if loc[0] == "roles" else "the fields"
        message = str(error["msg"]).replace("Input should be", f"should be one of {noun}:")
        return f"{message}{_got(value)}", "key"
    message = str(error["msg"])
    for prefix in ("Input should", "Value should", "String should", "List should"):
        if message.startswith(prefix):
            message = "should" + message[len(prefix) :]
            break
    return f"{message[:1].lower()}{message[1:]}{_got(value)}", "value"


def _unknown_field(loc: Location, version: int = 1, fields: Fields | None = None) -> str:
    import difflib

    name = str(loc[-1]) if loc else ""
    allowed = _fields_at(loc[:-1], version, fields)
    message = f"unknown field {name!r}"
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {close[0]!r}?"
    elif allowed:
        message += f" (expected one of: {', '.join(allowed)})"
    return message


def _fields_at(loc: Location, version: int = 1, fields: Fields | None = None) -> list[str]:
    from mlroles.catalog import models as m

    shape = tuple(0 if isinstance(part, int) else part for part in loc)
    table: dict[tuple[Any, ...], type[BaseModel]]
    if fields is not None:
        table = dict(fields)
    elif version == 1:
        table = {
            (): m.CatalogFileV1,
            ("roles", 0): m.RoleV1,
            ("roles", 0, "skills"): m.SkillsV1,
            ("roles", 0, "sources", 0): m.SourceV1,
        }
    else:
        entries: dict[str, type[BaseModel]] = {
            "groups": m.Group,
            "skills": m.Skill,
            "roles": m.Role,
            "archetypes": m.Archetype,
            "guidance": m.Guidance,
            "assessments": m.Assessment,
        }
        table = {(): m.CatalogFileV2}
        for kind, model in entries.items():
            table[(kind, 0)] = model
            table[(kind, 0, "sources", 0)] = m.Source
        table[("archetypes", 0, "design")] = m.DesignChoices
        table[("archetypes", 0, "relies_on", 0)] = m.Reliance
    found = table.get(shape)
    return list(found.model_fields) if found else []


def _number(value: Any) -> str:
    """`1.0` -> `1`: limits read the way they are written in the file."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _items(count: int) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


def _count(value: Any) -> str:
    return str(len(value)) if isinstance(value, (list, dict, str)) else _kind_of(value)


def _is_date(value: Any) -> bool:
    import datetime

    return isinstance(value, datetime.date)


def _kind_of(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "a boolean"}
    if value is None:
        return "nothing"
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if isinstance(value, (int, float)):
        return "a number"
    if _is_date(value):
        return "a date"
    return type(value).__name__


def _got(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f" (got {_kind_of(value)})"
    if _is_date(value):
        return f" (got the date {value.isoformat()})"
    if value is None:
        return " (got nothing)"
    if isinstance(value, bool):  # yes/no/on/off are booleans to YAML
        return f" (got the boolean {str(value).lower()})"
    return f" (got {shorten(repr(value), 60)})"
