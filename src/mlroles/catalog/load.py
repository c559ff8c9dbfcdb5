"""Finding, reading, parsing and validating a catalog file, with errors that point to the line.

`load_catalog` is the one entry point: `read_bytes` and `decode` (files.py), then `parse_yaml`
(reader.py: PyYAML's safe loader, the C one when available, made stricter), then `validate`
(the models). The happy path parses once and validates once. Only when something fails is the
text looked at again, with positions, to give each problem its line, column and field path
(messages.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroles.catalog.files import decode, expand_home, read_bytes
from mlroles.catalog.messages import catalog_error, collect, locate_errors
from mlroles.catalog.reader import DuplicateKeys, parse_yaml
from mlroles.errors import CatalogError, UsageProblem

if TYPE_CHECKING:
    from mlroles.catalog import cache
    from mlroles.catalog.models import Catalog

#: The environment variable that names a catalog when `--data` is not given.
DATA_ENV = "MLROLES_DATA"

#: Smaller files parse faster than a cache entry can be found and read: they are not cached.
CACHE_MIN_BYTES = 64 * 1024

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


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate the catalog at `path`, or raise `CatalogError`.

    A large file that was valid before is not parsed again: its parsed data comes from the
    parse cache (keyed by the file's bytes) and is validated again through the models.
    A file too large for the memory there is (under a `ulimit -v`, say) is a `CatalogError` too.
    """
    try:
        return _load_catalog(path)
    except MemoryError:
        raise catalog_error(str(path), "is too large to read in the memory available") from None


def _load_catalog(path: Path) -> Catalog:
    name = str(path)
    raw = read_bytes(path)
    entry = _cache_entry(raw)
    if entry is not None:
        from mlroles.catalog import cache

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
            raise collect([*exc.problems, *more.problems], exc.omitted + more.omitted) from None
        raise
    catalog = validate(data, text, name)
    if entry is not None:
        _store(entry, data)
    return catalog


def _cache_entry(raw: bytes) -> cache.Entry | None:
    """The parse cache's key for a file's bytes, or None for a file too small to cache."""
    if len(raw) < CACHE_MIN_BYTES:
        return None
    from mlroles import FORMAT_VERSION
    from mlroles.catalog import cache

    return cache.entry_for(raw, format_version=FORMAT_VERSION)


def _from_cache(stored: bytes) -> Catalog | None:
    from pydantic import ValidationError

    from mlroles.catalog.models import Catalog

    try:
        return Catalog.model_validate_json(stored)
    except ValidationError:  # a damaged entry, or models that changed: parse the file instead
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
    """Validate parsed data through the models; on failure, every problem with its place."""
    from pydantic import ValidationError

    from mlroles.catalog.models import Catalog

    if data is None:
        raise catalog_error(
            file,
            "the file holds no data (it is empty or only comments); expected a mapping"
            " with 'version' and 'roles'",
        )
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        raise locate_errors(exc, text, file, data) from None


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
