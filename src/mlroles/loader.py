"""Finding, reading, parsing and validating a catalog file, with errors that point to the line.

The happy path parses once with PyYAML's safe loader (the C one when available) and validates
once through the models. Only when validation fails is the file composed again with positions,
to map each Pydantic error location back to the YAML node it came from.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroles.errors import CatalogError, Problem

if TYPE_CHECKING:
    import yaml

    from mlroles.models import Catalog

#: The environment variable that names a catalog when `--data` is not given.
DATA_ENV = "MLROLES_DATA"
#: At most this many problems are reported for one file; the rest are counted.
MAX_PROBLEMS = 50

#: Smaller files parse faster than a cache entry can be found and read: they are not cached.
CACHE_MIN_BYTES = 64 * 1024

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_path() -> Path:
    """The catalog that ships with the package (or, in a source checkout, `data/roles.yaml`)."""
    packaged = _PACKAGE_DIR / "data" / "roles.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE_DIR.parent.parent / "data" / "roles.yaml"


def choose_path(option: str | Path | None) -> Path:
    """`--data` wins over `MLROLES_DATA`, which wins over the bundled catalog."""
    if option:
        return Path(option)
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    return bundled_path()


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate the catalog at `path`, or raise `CatalogError`.

    A large file that was valid before is not parsed again: its parsed data comes from the
    parse cache (keyed by the file's bytes) and is validated again through the models.
    """
    name = str(path)
    raw = read_bytes(path)
    entry = None
    if len(raw) >= CACHE_MIN_BYTES:
        from mlroles import cache
        from mlroles.models import FORMAT_VERSION

        entry = cache.key(raw, FORMAT_VERSION)
        stored = cache.read(entry)
        if stored is not None:
            catalog = _from_cache(stored)
            if catalog is not None:
                return catalog
    text = decode(raw, name)
    data = parse_yaml(text, name)
    catalog = validate(data, text, name)
    if entry is not None:
        _store(entry, data)
    return catalog


def _from_cache(stored: bytes) -> Catalog | None:
    from pydantic import ValidationError

    from mlroles.models import Catalog

    try:
        return Catalog.model_validate_json(stored)
    except ValidationError:  # a damaged entry, or models that changed: parse the file instead
        return None


def _store(entry: str, data: Any) -> None:
    import json

    from mlroles import cache

    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):  # pragma: no cover - a valid catalog is plain JSON data
        return
    cache.write(entry, payload)


def read_text(path: Path) -> str:
    """The file's text, or a `CatalogError` that says why it cannot be had."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a `CatalogError` that says why they cannot be had."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _error(name, "no such file") from None
    except IsADirectoryError:
        raise _error(name, "is a directory, not a catalog file") from None
    except PermissionError:
        raise _error(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise _error(name, f"cannot be read: {exc.strerror or exc}") from None
    return raw


def decode(raw: bytes, name: str) -> str:
    """The bytes as UTF-8 text, or a `CatalogError` that points at the first bad byte."""
    if b"\0" in raw:
        line, column = _position(raw, raw.index(b"\0"))
        raise _error(name, "looks like a binary file (NUL byte), not YAML text", line, column)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise _error(name, "is not UTF-8 text (invalid byte)", line, column) from None


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _error(
    file: str, message: str, line: int | None = None, column: int | None = None
) -> CatalogError:
    return CatalogError([Problem(file, message, line, column)])


# --- YAML ------------------------------------------------------------------------------------


def _strict_loader() -> type[yaml.SafeLoader]:
    """A safe loader that refuses duplicate keys and aliases; built once, on first use."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            # A node met a second time was reached through an alias. Aliases are refused
            # outright: they cannot then blow up ("billion laughs") in validation or output.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "YAML anchors and aliases (&name, *name) are not allowed in a catalog;"
                    " this value is reused through one",
                    node.start_mark,
                )
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) != len(node.value):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    key = self.constructed_objects.get(key_node)
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None,
                            None,
                            f"key {key!r} appears twice in this mapping; the first would be lost",
                            key_node.start_mark,
                        )
                    seen.add(key)
            return mapping

    _LOADER = StrictLoader
    return StrictLoader


_LOADER: type[yaml.SafeLoader] | None = None


def parse_yaml(text: str, file: str) -> Any:
    """Parse one YAML document with the strict safe loader."""
    import yaml

    try:
        return yaml.load(text, Loader=_strict_loader())  # a safe loader: see _strict_loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.context}, {exc.problem}"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise _error(file, f"YAML: {message}", line, column) from None
    except yaml.YAMLError as exc:
        raise _error(file, f"YAML: {exc}") from None
    except RecursionError:
        raise _error(file, "YAML: nested too deeply") from None


# --- validation ------------------------------------------------------------------------------


def validate(data: Any, text: str, file: str) -> Catalog:
    """Validate parsed data through the models; on failure, every problem with its place."""
    from pydantic import ValidationError

    from mlroles.models import Catalog

    if data is None:
        raise _error(file, "the file is empty; expected a mapping with 'version' and 'roles'")
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        raise locate_errors(exc, text, file) from None


def locate_errors(exc: Any, text: str, file: str) -> CatalogError:
    """Turn a Pydantic `ValidationError` into a `CatalogError` with lines and field paths."""
    from mlroles.models import CONSISTENCY_ERROR

    root = _compose(text)
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        if error["type"] == CONSISTENCY_ERROR:
            for loc, message in error["ctx"]["problems"]:
                problems.append(_problem(file, root, tuple(loc), message, point_at="value"))
            continue
        loc = tuple(error["loc"])
        problems.append(_problem(file, root, loc, *_describe(error, loc)))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return CatalogError(problems[:MAX_PROBLEMS], omitted=max(0, len(problems) - MAX_PROBLEMS))


def _compose(text: str) -> Any:
    import yaml

    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # pragma: no cover - the text parsed a moment ago
        return None


def _problem(file: str, root: Any, loc: tuple[Any, ...], message: str, point_at: str) -> Problem:
    node, key_node, exact = _find_node(root, loc)
    target = key_node if point_at == "key" and key_node is not None and exact else node
    line = column = None
    if target is not None:
        line, column = target.start_mark.line + 1, target.start_mark.column + 1
    return Problem(file, message, line, column, format_path(loc))


def _find_node(root: Any, loc: tuple[Any, ...]) -> tuple[Any, Any, bool]:
    """The deepest node on `loc`, the key node that led to it, and whether all of loc was found."""
    import yaml

    node, key_node = root, None
    for part in loc:
        if part == "[key]":
            return node, key_node, True
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    node, key_node = v, k
                    break
            else:
                return node, key_node, False
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node, key_node, False
            node, key_node = node.value[part], None
        else:
            return node, key_node, False
    return node, key_node, True


def format_path(loc: tuple[Any, ...]) -> str:
    """`("roles", 2, "skills", "communication")` -> `roles[2].skills.communication`."""
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _describe(error: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """A short message for one Pydantic error, and whether it points at the key or the value."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "required field is missing", "value"
    if kind == "extra_forbidden":
        return _unknown_field(loc), "key"
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
        return f"should be at most {ctx['le']}{_got(value)}", "value"
    if kind == "greater_than_equal":
        return f"should be at least {ctx['ge']}{_got(value)}", "value"
    if kind == "string_pattern_mismatch":
        return (
            "should be a lowercase slug: letters, digits and single hyphens"
            f" (like 'ml-engineer'){_got(value)}",
            "value",
        )
    if loc and loc[-1] == "[key]":
        message = str(error["msg"]).replace("Input should be", "should be one of the role fields:")
        return f"{message}{_got(value)}", "key"
    message = str(error["msg"])
    for prefix in ("Input should", "Value should", "String should", "List should"):
        if message.startswith(prefix):
            message = "should" + message[len(prefix) :]
            break
    return f"{message[:1].lower()}{message[1:]}{_got(value)}", "value"


def _unknown_field(loc: tuple[Any, ...]) -> str:
    import difflib

    name = str(loc[-1]) if loc else ""
    allowed = _fields_at(loc[:-1])
    message = f"unknown field {name!r}"
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {close[0]!r}?"
    elif allowed:
        message += f" (expected one of: {', '.join(allowed)})"
    return message


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    from pydantic import BaseModel

    from mlroles.models import Catalog, Role, Skills, Source

    shape = tuple(0 if isinstance(part, int) else part for part in loc)
    models: dict[tuple[Any, ...], type[BaseModel]] = {
        (): Catalog,
        ("roles", 0): Role,
        ("roles", 0, "skills"): Skills,
        ("roles", 0, "sources", 0): Source,
    }
    model = models.get(shape)
    return list(model.model_fields) if model else []


def _kind_of(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "nothing"
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def _got(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f" (got {_kind_of(value)})"
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f" (got {shown})"


def iter_role_names(path: Path) -> Iterator[tuple[str, str]]:
    """(name, role id) pairs from a catalog without validating it: for shell completion.

    Never raises: a broken catalog completes nothing.
    """
    try:
        data = parse_yaml(read_text(path), str(path))
        for role in data["roles"]:
            role_id = str(role["id"])
            yield role_id, role_id
            for alias in role.get("aliases") or ():
                yield str(alias), role_id
    except Exception:
        return
