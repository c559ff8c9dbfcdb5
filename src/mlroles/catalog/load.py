"""Finding, reading, parsing and validating a catalog file, with errors that point to the line.

`load_catalog` is the one entry point: `read_bytes` and `decode` (files.py), then `parse_yaml`
(reader.py: PyYAML's safe loader, the C one when available, made stricter), then `validate_file`
(the Pydantic models of models.py), then the records of entries.py made from the valid data. The
happy path parses once and validates once; a warm run reads a proven cache entry and validates
nothing (and imports no Pydantic). Only when something fails is the text looked at again, with
positions, to give each problem its line, column and field path (messages.py).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroles.catalog.files import decode, expand_home, read_bytes
from mlroles.catalog.messages import catalog_error, collect, locate_errors
from mlroles.catalog.reader import DuplicateKeys, parse_yaml
from mlroles.errors import CatalogError, Problem, UsageProblem

if TYPE_CHECKING:
    from mlroles.catalog import cache
    from mlroles.catalog.entries import Catalog, FileEntries, Location, Role
    from mlroles.catalog.models import CatalogFile

#: The environment variable that names a catalog when `--data` is not given.
DATA_ENV = "MLROLES_DATA"

#: Smaller files parse faster than a cache entry can be found and read: they are not cached.
#: (The bundled catalog, about 50 KB, is above it: its entry saves every command a few ms.)
CACHE_MIN_BYTES = 32 * 1024

#: The installed package's folder (this module is in its `catalog/`).
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_path() -> Path:
    """The catalog that ships with the package (or, in a source checkout, `data/roles.yaml`)."""
    packaged = _PACKAGE_DIR / "data" / "roles.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE_DIR.parent.parent / "data" / "roles.yaml"


def choose_path(option: str | Path | None) -> Path:
    """`--data` wins over `MLROLES_DATA`, which wins over the bundled catalog.

    A leading `~` is the home folder, also where no shell expanded it (`--data=~/team.yaml`);
    one that names no home folder is a `CatalogError`.
    """
    if option is not None:
        if not str(option):
            raise UsageProblem("--data needs the path of a catalog file (got an empty one)")
        return expand_home(str(option))
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return expand_home(from_env)
    return bundled_path()


#: An `extends` chain holds at most this many files, the first one included.
MAX_CHAIN = 8


@dataclass
class _Link:
    """One file of an `extends` chain, read and valid on its own."""

    name: str  # the file as messages name it
    path: Path
    raw: bytes
    entries: FileEntries | None  # None: the file is not valid on its own
    data: Any = None  # what it parsed to, when `entries` is None
    data_problems: list[Problem] = field(default_factory=list)
    omitted: int = 0  # problems beyond those kept

    def text(self) -> str:
        return decode(self.raw, self.name)

    @property
    def extends(self) -> str | None:
        if self.entries is not None:
            return self.entries.extends
        value = self.data.get("extends") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) and value else None


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate the catalog at `path` (and the files it extends), or raise
    `CatalogError` with every problem of every file of the chain, each placed in its file.

    A large file that was valid before is not parsed again: its parsed data comes from the
    parse cache (keyed by the file's bytes, so every file of a chain by its own content),
    where a proven entry holds what this version validated: it is made into the records
    without validating it twice (`_from_cache`). The rules across the files' entries are
    checked on every load. A file too large for the memory there is (under a `ulimit -v`,
    say) is a `CatalogError` too.
    """
    collecting = gc.isenabled()
    gc.disable()  # the collector would rescan the many objects a large catalog is made of
    try:
        links, problems, omitted = _read_chain(path)
        if problems:
            raise _collect_chain(problems, links, omitted)
        catalog = _join(links)
    except MemoryError:
        raise catalog_error(str(path), "is too large to read in the memory available") from None
    finally:
        if collecting:
            gc.enable()
    if collecting:
        # The catalog is kept for the rest of the run: out of the collector's sight, the work
        # on it (a dump of 10,000 roles) does not pay for rescanning it again and again.
        gc.freeze()
    return catalog


def _read_chain(path: Path) -> tuple[list[_Link], list[Problem], int]:
    """The files of the chain that starts at `path`, the file itself first; the problems of
    those that cannot be read or parsed, and how many more there are (beyond those kept)."""
    links: list[_Link] = []
    problems: list[Problem] = []
    omitted = 0
    seen: dict[str, str] = {}
    current, name = path, str(path)
    while True:
        try:
            link = _read_one(current, name)
        except CatalogError as exc:
            problems += exc.problems
            omitted += exc.omitted
            break
        links.append(link)
        if link.entries is None:
            problems += link.data_problems
        seen[os.path.realpath(current)] = name
        extends = link.extends
        if extends is None:
            break
        if extends == "bundled":
            base = bundled_path()
            base_name = str(base)
        else:
            base = current.parent / expand_home(extends)
            base_name = os.path.normpath(os.path.join(os.path.dirname(name), extends))
        where = ("extends",)
        if os.path.realpath(base) in seen:
            cycle = " -> ".join([*(link.name for link in links), base_name])
            problems.append(_place(link, where, f"makes a cycle: {cycle}"))
            break
        if len(links) >= MAX_CHAIN:
            message = f"the chain of catalogs is deeper than {MAX_CHAIN} files"
            problems.append(_place(link, where, message))
            break
        if not base.exists():
            looked = f" (looked for {base_name})" if base_name != extends else ""
            message = f"the base catalog {extends!r} does not exist{looked}"
            problems.append(_place(link, where, message))
            break
        current, name = base, base_name
    return links, problems, omitted


def _read_one(path: Path, name: str) -> _Link:
    """One file, parsed and validated on its own (the parse cache first, for a large file).

    A file that parses but is not valid comes back with `entries` None and its problems."""
    raw = read_bytes(path)
    entry = _cache_entry(raw)
    if entry is not None:
        from mlroles.catalog import cache

        stored = cache.read(entry)
        if stored is not None:
            entries = _from_cache(stored)
            if entries is not None:
                return _Link(name, path, raw, entries)
    text = decode(raw, name)
    try:
        data = parse_yaml(text, name)
    except DuplicateKeys as exc:
        # The rest of the file parsed: report what validation finds in it in the same run.
        found = list(exc.problems)
        try:
            validate_file(exc.data, text, name)
        except CatalogError as more:
            found += more.problems
            omitted = exc.omitted + more.omitted
        else:
            omitted = exc.omitted
        link = _Link(name, path, raw, None, exc.data)
        link.data_problems, link.omitted = found, omitted
        return link
    try:
        valid, as_stored = valid_entries(data, text, name)
    except CatalogError as exc:
        link = _Link(name, path, raw, None, data)
        link.data_problems, link.omitted = list(exc.problems), exc.omitted
        return link
    if entry is not None:
        _store(entry, as_stored)
    return _Link(name, path, raw, valid)


def valid_entries(data: Any, text: str, file: str) -> tuple[FileEntries, dict[str, Any]]:
    """A file's entries, once its data is valid (`validate_file`), and the version 2 data they
    are made from: what the parse cache stores (a version 1 file comes to the version 2 file
    that declares the course's groups and skills, so that an entry needs no conversion)."""
    from mlroles.catalog.entries import as_version_2, file_from_data

    model = validate_file(data, text, file)
    stored = as_version_2(data) if model.version == 1 else data
    return file_from_data(stored), stored


def _cache_entry(raw: bytes) -> cache.Entry | None:
    """The parse cache's key for a file's bytes, or None for a file too small to cache."""
    if len(raw) < CACHE_MIN_BYTES:
        return None
    from mlroles import FORMAT_VERSION
    from mlroles.catalog import cache

    return cache.entry_for(raw, format_version=FORMAT_VERSION)


def _from_cache(stored: bytes) -> FileEntries | None:
    """A proven cache entry's file entries (every entry is version 2 data: a version 1 file is
    stored as the version 2 file it amounts to), or None for data that is no entry of ours.

    A proven entry holds exactly the JSON that this version of mlroles wrote after validating
    those bytes (its header says which version, and the hashes of the source and of the JSON),
    so it is not validated a second time: `file_from_data` makes the records from it, as it
    does after validation. Data it cannot make a file of is a miss: the file is parsed and
    validated, and the entry written anew."""
    import json

    from mlroles.catalog.entries import file_from_data

    try:
        return file_from_data(json.loads(stored))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _store(entry: cache.Entry, data: Any) -> None:
    import json

    from mlroles.catalog import cache

    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError):  # pragma: no cover - a valid catalog is plain JSON data
        return
    except MemoryError:  # the catalog was read; only the cache goes without
        return
    cache.write(entry, payload)


def validate(data: Any, text: str, file: str) -> Catalog:
    """Validate one file's parsed data as a whole catalog (its `extends` is not followed)."""
    entries, _ = valid_entries(data, text, file)
    link = _Link(file, Path(file), text.encode(), entries)
    return _join([link])


def validate_file(data: Any, text: str, file: str) -> CatalogFile:
    """Validate parsed data through the file models of its version; on failure, every
    problem with its place."""
    from pydantic import ValidationError

    from mlroles.catalog.models import CatalogFileV1, CatalogFileV2

    if data is None:
        raise catalog_error(
            file,
            "the file holds no data (it is empty or only comments); expected a mapping"
            " with 'version' and 'roles'",
        )
    version = data.get("version") if isinstance(data, dict) else None
    model: type[CatalogFileV1] | type[CatalogFileV2] = CatalogFileV1
    if version == 2 and not isinstance(version, bool):
        model = CatalogFileV2
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        version_of = 2 if model is CatalogFileV2 else 1
        raise locate_errors(exc, text, file, data, version=version_of) from None


# --- joining the files of a chain ------------------------------------------------------------


def _join(links: list[_Link]) -> Catalog:
    """The catalog in use: the base's entries, then each file's changes, the rules checked on
    the result and every problem placed in the file and at the line it comes from."""
    from mlroles.catalog.entries import (
        KIND_NOUNS,
        KIND_PREFIXES,
        KINDS,
        catalog_problems,
        make_catalog,
    )

    chain = list(reversed(links))  # the base first
    base = chain[0]
    assert base.entries is not None
    start = base.entries.to_catalog(base.name)
    #: Per kind, the entries in order, each with the link it came from and its index there.
    #: (A version 1 base's groups and skills, which it implies, count as its own.)
    entries: dict[str, list[tuple[Any, _Link | None, int]]] = {
        kind: [(item, base, index) for index, item in enumerate(getattr(start, kind))]
        for kind in KINDS
    }
    problems: list[Problem] = []
    removed: dict[tuple[str, str], str] = {}
    for link in chain[1:]:
        own = link.entries
        assert own is not None
        for index, ref in enumerate(own.remove):
            kind_given, _, plain = ref.rpartition(":")
            kinds = [KIND_PREFIXES[kind_given]] if kind_given in KIND_PREFIXES else list(KINDS)
            if kind_given and kind_given not in KIND_PREFIXES:
                prefixes = ", ".join(f"{p}:" for p in KIND_PREFIXES)
                message = f"unknown kind {kind_given!r} (expected one of: {prefixes})"
                problems.append(_place(link, ("remove", index), message))
                continue
            found = [k for k in kinds if any(e[0].id == plain for e in entries[k])]
            if not found:
                message = f"no entry of the base catalog has the id {plain!r}"
                problems.append(_place(link, ("remove", index), message))
                continue
            if len(found) > 1:
                named = " and ".join(f"{KIND_NOUNS[k]}:{plain}" for k in found)
                message = f"{plain!r} names entries of several kinds: write {named}"
                problems.append(_place(link, ("remove", index), message))
                continue
            kind = found[0]
            entries[kind] = [e for e in entries[kind] if e[0].id != plain]
            removed[(kind, plain)] = _where(link, ("remove", index))
            if kind == "skills":
                entries["roles"] = [
                    (_without_level(role, plain), origin, at)
                    for role, origin, at in entries["roles"]
                ]
        for kind in KINDS:
            positions = {entry[0].id: n for n, entry in enumerate(entries[kind])}
            for index, item in enumerate(getattr(own, kind)):
                if item.id in positions:
                    entries[kind][positions[item.id]] = (item, link, index)
                else:
                    entries[kind].append((item, link, index))
    top = links[0]
    catalog = make_catalog(
        {kind: [entry[0] for entry in entries[kind]] for kind in KINDS},
        [link.name for link in chain],
        {
            kind: {entry[0].id: entry[1].name for entry in entries[kind] if entry[1] is not None}
            for kind in KINDS
        },
    )

    for kind in ("groups", "skills", "roles"):
        if not entries[kind]:
            noun = {"groups": "hiring group", "skills": "skill axis", "roles": "role"}[kind]
            message = f"the catalog has no {noun}: declare at least one"
            if top.extends:
                message += ", or extend a catalog that has one"
            problems.append(_place(top, (kind,), message))
    for loc, message in catalog_problems(catalog, unique_ids=True):
        listed, index = str(loc[0]), int(loc[1])
        _, origin, at = entries[listed][index]
        message = _removed_message(message, loc, removed)
        if origin is None:  # pragma: no cover - the course's groups and skills are sound
            problems.append(Problem(base.name, message))
            continue
        problems.append(_place(origin, (listed, at, *loc[2:]), message))
    if problems:
        raise _collect_chain(problems, links)
    return catalog


def _without_level(role: Role, skill: str) -> Role:
    if skill not in role.skills:
        return role
    levels = {name: value for name, value in role.skills.items() if name != skill}
    return role.replace(skills=levels)


def _removed_message(message: str, loc: Location, removed: dict[tuple[str, str], str]) -> str:
    """`no role has the id 'x'` says so when a file of the chain removed 'x'."""
    for noun, kind in (("role", "roles"), ("group", "groups")):
        prefix = f"no {noun} has the id "
        if message.startswith(prefix):
            ref = message[len(prefix) :].strip("'\"")
            if (kind, ref) in removed:
                return f"{noun} {ref!r} is removed ({removed[(kind, ref)]}) but still named here"
    return message


def _place(link: _Link, loc: Location, message: str) -> Problem:
    """A problem at `loc` of the file of `link`, with its line and column."""
    from mlroles.catalog.messages import place

    return place(link.name, link.text(), loc, message)


def _where(link: _Link, loc: Location) -> str:
    problem = _place(link, loc, "")
    if problem.line is None:
        return link.name
    return f"{link.name}:{problem.line}:{problem.column}"


def _collect_chain(problems: list[Problem], links: list[_Link], omitted: int = 0) -> CatalogError:
    """Problems of several files: the base's first, each file's in its order."""
    order = {link.name: n for n, link in enumerate(reversed(links))}
    problems = sorted(problems, key=lambda p: (order.get(p.file, -1), p.line or 0, p.column or 0))
    omitted += sum(link.omitted for link in links)
    return collect(problems, omitted, sort=False)


def raw_data(path: Path) -> Any:
    """A catalog's parsed data, not validated: from the parse cache when the file has an entry
    there (no YAML parse, no Pydantic), else parsed from the file. For shell completion, which
    runs on every Tab and only needs names; raises `CatalogError` like `parse_yaml`."""
    name = str(path)
    raw = read_bytes(path)
    entry = _cache_entry(raw)
    if entry is not None:
        import json

        from mlroles.catalog import cache

        stored = cache.read(entry)
        if stored is not None:
            try:
                return json.loads(stored)
            except ValueError:  # a damaged entry: read the file instead
                pass
    return parse_yaml(decode(raw, name), name, explain=False)


def iter_role_names(path: Path) -> Iterator[tuple[str, str]]:
    """(name, role id) pairs from a catalog without validating it: for shell completion. The
    roles of the files it extends count, less those it removes.

    Never raises: a broken catalog completes nothing.
    """
    try:
        chain: list[Any] = []
        current = path
        while len(chain) < MAX_CHAIN:
            data = raw_data(current)
            chain.append(data)
            extends = data.get("extends")
            if not isinstance(extends, str):
                break
            current = bundled_path() if extends == "bundled" else current.parent / extends
        roles: dict[str, Any] = {}
        for data in reversed(chain):
            for ref in data.get("remove") or ():
                kind, _, plain = str(ref).rpartition(":")
                if kind in ("", "role"):
                    roles.pop(plain, None)
            for role in data.get("roles") or ():
                roles[str(role["id"])] = role
        for role_id, role in roles.items():
            yield role_id, role_id
            for alias in role.get("aliases") or ():
                yield str(alias), role_id
    except Exception:
        return
