"""Finding, reading, parsing and validating a catalog file, with errors that point to the line.

`load_catalog` is the one entry point: `read_text`, then `parse_yaml` (PyYAML's safe loader, the C
one when available, made stricter), then `validate` (the models). The happy path parses once and
validates once. Only when something fails is the text looked at again, with positions, to give
each problem its line, column and field path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroles.errors import CatalogError, Problem, UsageProblem

if TYPE_CHECKING:
    import yaml

    from mlroles.models import Catalog

#: The environment variable that names a catalog when `--data` is not given.
DATA_ENV = "MLROLES_DATA"
#: At most this many problems are reported for one file; the rest are counted.
MAX_PROBLEMS = 50
#: A catalog is a text file of at most a few megabytes (10,000 roles take about 7 MB); anything
#: much larger (or endless, like /dev/zero) is refused before it is read whole.
MAX_BYTES = 64 * 1024 * 1024

#: Smaller files parse faster than a cache entry can be found and read: they are not cached.
CACHE_MIN_BYTES = 64 * 1024

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The only YAML types a catalog may hold: plain data. Anything else (`!!python/...`, `!!binary`,
#: `!!set`, custom `!tags`) is refused before it is constructed.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)

Location = tuple[str | int, ...]


def bundled_path() -> Path:
    """The catalog that ships with the package (or, in a source checkout, `data/roles.yaml`)."""
    packaged = _PACKAGE_DIR / "data" / "roles.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE_DIR.parent.parent / "data" / "roles.yaml"


def choose_path(option: str | Path | None) -> Path:
    """`--data` wins over `MLROLES_DATA`, which wins over the bundled catalog.

    A leading `~` is the home folder, also where no shell expanded it (`--data=~/team.yaml`).
    """
    if option is not None:
        if not str(option):
            raise UsageProblem("--data needs the path of a catalog file (got an empty one)")
        return Path(option).expanduser()
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return bundled_path()


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate the catalog at `path`, or raise `CatalogError`.

    A large file that was valid before is not parsed again: its parsed data comes from the
    parse cache (keyed by the file's bytes) and is validated again through the models.
    """
    name = str(path)
    raw = read_bytes(path)
    entry = _cache_entry(raw)
    if entry is not None:
        from mlroles import cache

        stored = cache.read(entry)
        if stored is not None:
            catalog = _from_cache(stored)
            if catalog is not None:
                return catalog
    text = decode(raw, name)
    try:
        data = parse_yaml(text, name)
    except DuplicateKeys as exc:
        # The rest of the file parsed: report what validation finds in it in the same run.
        try:
            validate(exc.data, text, name)
        except CatalogError as more:
            raise collect([*exc.problems, *more.problems], more.omitted) from None
        raise
    catalog = validate(data, text, name)
    if entry is not None:
        _store(entry, data)
    return catalog


def _cache_entry(raw: bytes) -> str | None:
    """The parse cache's key for a file's bytes, or None for a file too small to cache."""
    if len(raw) < CACHE_MIN_BYTES:
        return None
    from mlroles import FORMAT_VERSION, cache

    return cache.key(raw, FORMAT_VERSION)


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


def collect(problems: list[Problem], omitted: int = 0) -> CatalogError:
    """One `CatalogError` for many problems: in file order, at most `MAX_PROBLEMS` of them."""
    problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    extra = max(0, len(problems) - MAX_PROBLEMS)
    return CatalogError(problems[:MAX_PROBLEMS], omitted=omitted + extra)


def _error(
    file: str, message: str, line: int | None = None, column: int | None = None, path: str = ""
) -> CatalogError:
    return CatalogError([Problem(file, message, line, column, path)])


# --- reading ---------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, or a `CatalogError` that says why it cannot be had."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a `CatalogError` that says why they cannot be had."""
    name = str(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _error(name, "no such file") from None
    except IsADirectoryError:
        raise _error(name, "is a directory, not a catalog file") from None
    except PermissionError:
        if path.is_dir():  # how some systems refuse to open a directory
            raise _error(name, "is a directory, not a catalog file") from None
        raise _error(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise _error(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise _error(name, f"is larger than {limit} MB; a catalog is a small text file")
    return raw


def decode(raw: bytes, name: str) -> str:
    """The bytes as UTF-8 text, or a `CatalogError` that points at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff")):
        raise _error(name, "is UTF-16 or UTF-32 text; save it as UTF-8", 1, 1)
    if b"\0" in raw:
        line, column = _position(raw, raw.index(b"\0"))
        raise _error(name, "looks like a binary file (NUL byte), not YAML text", line, column)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise _error(name, message, line, column) from None


def _position(data: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in text, or in bytes (a column counts bytes)."""
    head = data[:offset]
    if isinstance(head, bytes):
        head = head.decode("latin-1")  # one character per byte: offsets stay as they are
    return head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1


# --- YAML ------------------------------------------------------------------------------------


class DuplicateKeys(CatalogError):
    """Keys written twice in one mapping. Carries what the file parsed to, to validate it too."""

    def __init__(self, problems: list[Problem], data: Any) -> None:
        super().__init__(problems)
        self.data = data


class _AliasRefused(Exception):
    """Raised inside the loader; `parse_yaml` reports every alias of the file instead."""


class _TagRefused(Exception):
    """Raised inside the loader; `parse_yaml` reports every refused tag of the file instead."""

    def __init__(self, node: Any) -> None:
        super().__init__(node.tag)
        self.node = node


def _strict_loader() -> type[yaml.SafeLoader]:
    """A safe loader that allows plain data only and records keys written twice.

    Built once, on first use. It refuses aliases (so that no "billion laughs" can expand), merge
    keys, and any tag outside `ALLOWED_TAGS` (so that nothing but plain data is constructed).
    """
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    refuse = yaml.constructor.ConstructorError

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            #: (key, first key's mark, second key's mark) for each key written twice.
            self.duplicates: list[tuple[Any, Any, Any]] = []

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            # A node met a second time was reached through an alias.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _AliasRefused
            if node.tag not in ALLOWED_TAGS:
                raise _TagRefused(node)
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
                # A value that cannot be what its tag says, like `!!int abc` or `!!bool maybe`.
                shown = _shorten(repr(node.value), 40)
                message = f"cannot read {shown} as {_short_tag(node.tag)} ({type(exc).__name__})"
                raise refuse(None, None, message, node.start_mark) from None

        def flatten_mapping(self, node: yaml.MappingNode) -> None:
            for key_node, _ in node.value:
                if key_node.tag == _CORE + "merge":
                    message = "merge keys (<<) are not allowed in a catalog; write the keys out"
                    raise refuse(None, None, message, key_node.start_mark)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) != len(node.value):
                first: dict[Any, Any] = {}
                for key_node, _ in node.value:
                    key = self.constructed_objects.get(key_node)
                    if key in first:
                        self.duplicates.append((key, first[key], key_node.start_mark))
                    else:
                        first[key] = key_node.start_mark
            return mapping

    _LOADER = StrictLoader
    return StrictLoader


_LOADER: type[yaml.SafeLoader] | None = None


def parse_yaml(text: str, file: str) -> Any:
    """Parse one YAML document with the strict safe loader, or raise `CatalogError`.

    Keys written twice raise `DuplicateKeys`, which carries the parsed data (the last value of
    each key, as PyYAML keeps it) so that the caller can validate the rest of the file.
    """
    import gc

    import yaml

    loader: Any = None
    collecting = gc.isenabled()
    try:
        loader = _strict_loader()(text)  # a safe loader: see _strict_loader
        # Parsing builds millions of objects and no cycles worth collecting; the cyclic
        # collector, left on, keeps rescanning them all and makes a large parse several times
        # slower (and slower per role as the file grows).
        gc.disable()
        data = loader.get_single_data()
    except yaml.reader.ReaderError:
        raise _character_problems(text, file) from None
    except _AliasRefused:
        raise _alias_problems(text, file) from None
    except _TagRefused as exc:
        raise _tag_problems(exc.node, text, file) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, text, file) from None
    except yaml.YAMLError as exc:
        raise _error(file, f"YAML: {exc}") from None
    except RecursionError:
        raise _error(file, "YAML: nested too deeply") from None
    finally:
        if collecting:
            gc.enable()
        if loader is not None:
            loader.dispose()
    if loader.duplicates:
        raise DuplicateKeys(_duplicate_problems(loader.duplicates, text, file), data)
    return data


def _yaml_problem(exc: Any, text: str, file: str) -> CatalogError:
    """A YAML syntax error, or a value the loader cannot read, with its place."""
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        message = f"{exc.context}, {exc.problem}"
        start = exc.context_mark
        opened = exc.context.startswith("while ") and start is not None and mark is not None
        if opened and start.line != mark.line:
            message += f" (opened at line {start.line + 1}, column {start.column + 1})"
    if mark is None:
        return _error(file, f"YAML: {message}")
    path = _path_at(text, mark.line, mark.column)
    return CatalogError([_problem_at(file, f"YAML: {message}", mark, path, text)])


def _problem_at(
    file: str, message: str, mark: Any, path: Location, text: str | None = None
) -> Problem:
    line, column = mark.line + 1, mark.column + 1
    if text is not None:
        # The end of a text without a final newline is reported a line past it: point at the
        # end of the last line instead.
        last = text.count("\n") + 1
        if line > last:
            line, column = last, len(text.rsplit("\n", 1)[-1]) + 1
    return Problem(file, message, line, column, format_path(path))


def _character_problems(text: str, file: str) -> CatalogError:
    """Every character that YAML does not allow in a text (control characters and the like)."""
    import yaml

    problems = []
    for match in yaml.reader.Reader.NON_PRINTABLE.finditer(text):
        line, column = _position(text, match.start())
        code = f"U+{ord(match.group()):04X}"
        message = f"YAML: the character {code} is not allowed in YAML text"
        problems.append(Problem(file, message, line, column))
    return collect(problems or [Problem(file, "YAML: the text holds a character YAML refuses")])


def _alias_problems(text: str, file: str) -> CatalogError:
    import yaml

    message = "YAML: alias {} is not allowed in a catalog; write the value out in full"
    problems = [
        _problem_at(file, message.format(f"'*{event.anchor}'"), event.start_mark, path)
        for event, path in _Walk(text)
        if isinstance(event, yaml.AliasEvent)
    ]
    return collect(problems or [Problem(file, message.format("(*name)"))])


def _tag_problems(node: Any, text: str, file: str) -> CatalogError:
    """Every tag of the file that is not allowed; at least the one the loader met."""
    fine = {None, "!", *ALLOWED_TAGS}  # no tag, the non-specific one, or an allowed one
    problems = [
        _problem_at(file, _tag_message(event.tag, ""), event.start_mark, path)
        for event, path in _Walk(text)
        if getattr(event, "tag", None) not in fine
    ]
    if not problems:  # a tag that comes from the value itself, like a plain `=`
        path = _path_at(text, node.start_mark.line, node.start_mark.column)
        problems = [_problem_at(file, _tag_message(node.tag, node.value), node.start_mark, path)]
    return collect(problems)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _tag_message(tag: str, value: Any) -> str:
    if tag == _CORE + "value":  # what a plain `=` resolves to in YAML 1.1
        return f"YAML: a plain {value!r} has a special meaning in YAML; write it in quotes"
    return (
        f"YAML: the tag {_short_tag(tag)!r} is not allowed in a catalog; only plain data"
        " (mappings, lists, text, numbers, booleans, null) is read"
    )


def _duplicate_problems(
    duplicates: list[tuple[Any, Any, Any]], text: str, file: str
) -> list[Problem]:
    return [
        _problem_at(
            file,
            f"key {key!r} is written twice in this mapping (first at line {first.line + 1});"
            " only one can be kept",
            second,
            _path_at(text, second.line, second.column),
        )
        for key, first, second in duplicates
    ]


# --- positions -------------------------------------------------------------------------------


class _Walk:
    """The node events of a text, each with the field path of its node (a key has its value's).

    Used only to explain a failure. Reads events, not nodes, so that aliases are never
    expanded; stops quietly at the first syntax error.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # One frame per open collection: [its path, is a mapping, next index or current key,
        # the next node is a key].
        self.frames: list[list[Any]] = []

    def __iter__(self) -> Iterator[tuple[Any, Location]]:
        import yaml

        frames = self.frames
        events = yaml.parse(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        try:
            for event in events:
                if isinstance(event, yaml.CollectionEndEvent):
                    frames.pop()
                    continue
                if not isinstance(event, yaml.NodeEvent):
                    continue
                path: Location = ()
                if frames:
                    frame = frames[-1]
                    if not frame[1]:
                        path = (*frame[0], frame[2])
                        frame[2] += 1
                    else:
                        if frame[3]:
                            frame[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                        path = (*frame[0], frame[2])
                        frame[3] = not frame[3]
                yield event, path
                if isinstance(event, yaml.MappingStartEvent):
                    frames.append([path, True, "?", True])
                elif isinstance(event, yaml.SequenceStartEvent):
                    frames.append([path, False, 0, False])
        except yaml.YAMLError:
            return

    def open_path(self) -> Location:
        """Where the walk stands: the innermost open collection, or the key awaiting a value."""
        if not self.frames:
            return ()
        path, is_mapping, key, expecting_key = self.frames[-1]
        return (*path, key) if is_mapping and not expecting_key else tuple(path)


def _path_at(text: str, line: int, column: int) -> Location:
    """The field path of the node at (0-based) `line`, `column`; for a place between nodes
    (where a syntax error is found), the collection or key open there."""
    walk = _Walk(text)
    for event, path in walk:
        mark = event.start_mark
        if (mark.line, mark.column) == (line, column):
            return path
        if (mark.line, mark.column) > (line, column):
            break
    return walk.open_path()


# --- validation ------------------------------------------------------------------------------


def validate(data: Any, text: str, file: str) -> Catalog:
    """Validate parsed data through the models; on failure, every problem with its place."""
    from pydantic import ValidationError

    from mlroles.models import Catalog

    if data is None:
        raise _error(
            file,
            "the file holds no data (it is empty or only comments); expected a mapping"
            " with 'version' and 'roles'",
        )
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        raise locate_errors(exc, text, file, data) from None


def locate_errors(exc: Any, text: str, file: str, data: Any = None) -> CatalogError:
    """Turn a Pydantic `ValidationError` into a `CatalogError` with lines and field paths."""
    from mlroles.models import CONSISTENCY_ERROR

    root = _compose(text)
    problems: list[Problem] = []
    located: set[Location] = set()
    consistency_checked = False
    for error in exc.errors(include_url=False):
        if error["type"] == CONSISTENCY_ERROR:
            consistency_checked = True
            for loc, message in error["ctx"]["problems"]:
                problems.append(_problem(file, root, tuple(loc), message, point_at="value"))
            continue
        loc = tuple(error["loc"])
        located.add(loc)
        problems.append(_problem(file, root, loc, *_describe(error, loc)))
    if not consistency_checked:
        # The models stop before the cross-record check when a role is invalid; run it on what
        # there is, so that a dangling `works_with` shows up beside a value out of range.
        for loc, message in _partial_consistency(data):
            if not any(loc[: len(other)] == other for other in located):
                problems.append(_problem(file, root, loc, message, point_at="value"))
    return collect(problems)


def _partial_consistency(data: Any) -> list[tuple[Location, str]]:
    """`consistency_problems` of raw role data, with values that are not text left out."""
    from mlroles.models import Role, consistency_problems

    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, list):
        return []

    def text_or_blank(value: Any) -> Any:
        # A value that is not text gets a stand-in that matches nothing.
        return value if isinstance(value, str) else object()

    def texts(value: Any) -> list[Any]:
        return [text_or_blank(item) for item in value] if isinstance(value, list) else []

    stand_ins = []
    for raw in roles:
        raw = raw if isinstance(raw, dict) else {}
        stand_ins.append(
            Role.model_construct(
                id=text_or_blank(raw.get("id")),
                aliases=texts(raw.get("aliases")),
                works_with=texts(raw.get("works_with")),
            )
        )
    found = consistency_problems(stand_ins)
    return [(loc, message) for loc, message in found if _is_text_at(data, loc)]


def _is_text_at(data: Any, loc: Location) -> bool:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, str)


def _compose(text: str) -> Any:
    import yaml

    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # pragma: no cover - the text parsed a moment ago
        return None


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
    return _shorten(out, 100)


def _shorten(text: str, limit: int) -> str:
    """Long text with its middle cut out, so that a message stays on one readable line."""
    if len(text) <= limit:
        return text
    keep = (limit - 3) // 2
    return text[:keep] + "..." + text[-keep:]


def _describe(error: Any, loc: Location) -> tuple[str, str]:
    """A short message for one Pydantic error, and whether it points at the key or the value."""
    from mlroles.models import SLUG_PATTERN

    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "required field is missing", "value"
    if kind == "extra_forbidden":
        return _unknown_field(loc), "key"
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
    if kind.startswith("url_") or (kind == "string_pattern_mismatch" and loc[-1:] == ("url",)):
        return f"should be a web address like https://example.org/page{_got(value)}", "value"
    if loc and loc[-1] == "[key]":
        message = str(error["msg"]).replace("Input should be", "should be one of the role fields:")
        return f"{message}{_got(value)}", "key"
    message = str(error["msg"])
    for prefix in ("Input should", "Value should", "String should", "List should"):
        if message.startswith(prefix):
            message = "should" + message[len(prefix) :]
            break
    return f"{message[:1].lower()}{message[1:]}{_got(value)}", "value"


def _unknown_field(loc: Location) -> str:
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


def _fields_at(loc: Location) -> list[str]:
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
    return f" (got {_shorten(repr(value), 60)})"


def raw_data(path: Path) -> Any:
    """A catalog's parsed data, not validated: from the parse cache when the file has an entry
    there (no YAML parse, no Pydantic), else parsed from the file. For shell completion, which
    runs on every Tab and only needs names; raises `CatalogError` like `parse_yaml`."""
    name = str(path)
    raw = read_bytes(path)
    entry = _cache_entry(raw)
    if entry is not None:
        import json

        from mlroles import cache

        stored = cache.read(entry)
        if stored is not None:
            try:
                return json.loads(stored)
            except ValueError:  # a damaged entry: read the file instead
                pass
    return parse_yaml(decode(raw, name), name)


def iter_role_names(path: Path) -> Iterator[tuple[str, str]]:
    """(name, role id) pairs from a catalog without validating it: for shell completion.

    Never raises: a broken catalog completes nothing.
    """
    try:
        data = raw_data(path)
        for role in data["roles"]:
            role_id = str(role["id"])
            yield role_id, role_id
            for alias in role.get("aliases") or ():
                yield str(alias), role_id
    except Exception:
        return
