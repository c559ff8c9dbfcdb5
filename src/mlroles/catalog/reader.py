"""The strict YAML reader: plain data only (no tags, aliases or merge keys), keys written twice
found, and every problem placed at its line, column and field path.

Plain values are read with the YAML 1.2 core schema, not PyYAML's YAML 1.1 one: a value means
what it looks like. `010` is ten (YAML 1.1: eight, in octal), `1:30` is text (YAML 1.1: ninety,
in base 60), `yes`, `no`, `on` and `off` are text (YAML 1.1: booleans; only `true` and `false`
are), and a date is text. This is also how editors' YAML language servers read the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from mlroles.catalog.files import Positions
from mlroles.catalog.messages import MAX_PROBLEMS, catalog_error, collect, format_path, shorten
from mlroles.errors import CatalogError, Problem

if TYPE_CHECKING:
    import yaml

    from mlroles.catalog.entries import Location

#: The only YAML types a catalog may hold: plain data. Anything else (`!!python/...`, `!!binary`,
#: `!!set`, custom `!tags`) is refused before it is constructed.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)


class DuplicateKeys(CatalogError):
    """Keys written twice in one mapping. Carries what the file parsed to, to validate it too."""

    def __init__(self, problems: list[Problem], data: Any, omitted: int = 0) -> None:
        super().__init__(problems, omitted)
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
        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = _core_schema_resolvers()
        yaml_constructors: ClassVar[dict[Any, Any]] = {
            **base.yaml_constructors,
            **_CORE_SCHEMA_CONSTRUCTORS,
        }

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
                shown = shorten(repr(node.value), 40)
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


def strict_loader() -> type[yaml.SafeLoader]:
    """The loader `parse_yaml` reads with; composing nodes with it resolves plain values the
    same way (the YAML 1.2 core schema)."""
    return _strict_loader()


# --- the YAML 1.2 core schema ----------------------------------------------------------------

#: (tag, pattern, first characters), in the order they are tried: the core schema's plain
#: scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution), and `<<` so that a merge key is
#: found and refused with its own message.
_CORE_SCHEMA = (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    ("merge", r"<<", "<"),
)


def _core_schema_resolvers() -> dict[Any, list[tuple[str, Any]]]:
    import re

    resolvers: dict[Any, list[tuple[str, Any]]] = {}
    for name, pattern, first in _CORE_SCHEMA:
        compiled = re.compile(f"^(?:{pattern})$")
        for char in [*first, ""] if name == "null" else first:
            resolvers.setdefault(char or None, []).append((_CORE + name, compiled))
    return resolvers


def _construct_bool(loader: Any, node: Any) -> bool:
    return {"true": True, "false": False}[loader.construct_scalar(node).lower()]


def _construct_int(loader: Any, node: Any) -> int:
    value = str(loader.construct_scalar(node))
    sign, digits = (-1, value[1:]) if value[:1] == "-" else (1, value.lstrip("+"))
    if digits[:2] in ("0o", "0x"):
        return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
    return sign * int(digits, 10)


def _construct_float(loader: Any, node: Any) -> float:
    value = str(loader.construct_scalar(node))
    lowered = value.lower()
    if lowered.lstrip("+-") in (".inf", ".nan"):
        return float(lowered.replace(".", ""))
    return float(value)


_CORE_SCHEMA_CONSTRUCTORS = {
    _CORE + "bool": _construct_bool,
    _CORE + "int": _construct_int,
    _CORE + "float": _construct_float,
}


# --- parsing ---------------------------------------------------------------------------------


def parse_yaml(text: str, file: str, *, explain: bool = True) -> Any:
    """Parse one YAML document with the strict safe loader, or raise `CatalogError`.

    Keys written twice raise `DuplicateKeys`, which carries the parsed data (the last value of
    each key, as PyYAML keeps it) so that the caller can validate the rest of the file.
    With `explain` false (for shell completion, which shows no error), a failure is a
    `CatalogError` of one problem, found without reading the text again.
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
    except (yaml.YAMLError, _AliasRefused, _TagRefused, RecursionError) as exc:
        if not explain:
            raise catalog_error(file, f"YAML: cannot be read ({type(exc).__name__})") from None
        raise _explained(exc, text, file) from None
    finally:
        if collecting:
            gc.enable()
        if loader is not None:
            loader.dispose()
    if loader.duplicates:
        if not explain:
            raise DuplicateKeys([Problem(file, "keys written twice")], data)
        found = collect(_duplicate_problems(loader.duplicates, text, file))
        raise DuplicateKeys(found.problems, data, found.omitted)
    return data


def _explained(exc: BaseException, text: str, file: str) -> CatalogError:
    """Every problem of the kind that stopped the parse, each with its place."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        return _character_problems(text, file)
    if isinstance(exc, _AliasRefused):
        return _alias_problems(text, file)
    if isinstance(exc, _TagRefused):
        return _tag_problems(exc.node, text, file)
    if isinstance(exc, yaml.MarkedYAMLError):
        return _yaml_problem(exc, text, file)
    if isinstance(exc, RecursionError):
        return catalog_error(file, "YAML: nested too deeply")
    return catalog_error(file, f"YAML: {exc}")


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
        return catalog_error(file, f"YAML: {message}")
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
    found = 0
    positions = Positions(text)
    for match in yaml.reader.Reader.NON_PRINTABLE.finditer(text):
        found += 1
        if found > MAX_PROBLEMS:  # only counted from here on: collect keeps the first ones
            continue
        line, column = positions.at(match.start())
        code = f"U+{ord(match.group()):04X}"
        message = f"YAML: the character {code} is not allowed in YAML text"
        problems.append(Problem(file, message, line, column))
    omitted = max(0, found - MAX_PROBLEMS)
    return collect(
        problems or [Problem(file, "YAML: the text holds a character YAML refuses")], omitted
    )


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
    # Every key's path from one walk over the file (one walk per key would take time in the
    # square of the file's size).
    paths = _paths_at(text, {(second.line, second.column) for _, _, second in duplicates})
    return [
        _problem_at(
            file,
            f"key {key!r} is written twice in this mapping (first at line {first.line + 1});"
            " only one can be kept",
            second,
            paths.get((second.line, second.column), ()),
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


def _paths_at(text: str, places: set[tuple[int, int]]) -> dict[tuple[int, int], Location]:
    """The field path of the node that starts at each (0-based) line and column of `places`."""
    paths: dict[tuple[int, int], Location] = {}
    last = max(places, default=(-1, -1))
    for event, path in _Walk(text):
        mark = event.start_mark
        place = (mark.line, mark.column)
        if place in places:
            paths.setdefault(place, path)
        if place >= last:
            break
    return paths


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
