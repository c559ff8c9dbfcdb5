"""A parse cache: a catalog's YAML, once parsed and found valid, kept as plain JSON.

Correct by construction:
- an entry proves what it belongs to. Its first line states this cache's layout version, the
  catalog format version, the version of mlroles that wrote it, a hash of the source file's
  bytes, and the size and hash of the JSON that follows; `read` serves an entry only when
  every one of them matches what is being loaded. An entry copied from another catalog, cut
  short, replaced with other JSON or written by another version of mlroles is a miss, and
  the load that follows writes it anew. (So a proven entry holds exactly the data this
  version parsed from these bytes and validated before writing it.)
- the file name is a hash of the same things, so an edited file never even looks at an old
  entry; each file of an `extends` chain has an entry of its own, keyed by its own bytes, so a
  change to any file of a chain is seen;
- an entry holds plain parsed data, which a load makes into the catalog's records without
  validating it a second time (it is exactly what this version validated; see
  `load._from_cache`); a version 1 file's entry holds the version 2 data it amounts to (its
  roles as they are, the course's groups and skills declared), so that a warm load needs no
  conversion;
- entries are written to a temporary file in the same folder and renamed into place, so a
  concurrent reader sees a whole entry or none; a run ended by a signal removes its temporary
  file, and one ended by SIGKILL leaves one that a later write removes after an hour;
- the cache reads only regular files (never through a link, never a named pipe or a device),
  of a bounded size, and deletes only files of its own naming;
- anything wrong with the cache (missing, corrupt, unreadable, unwritable, no home folder to
  put it in) only means a miss.

The cache lives in `$XDG_CACHE_HOME/mlroles` (default `~/.cache/mlroles`);
`MLROLES_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from mlroles.catalog.files import MAX_BYTES, Unreadable, read_regular

#: Set to a non-empty value other than "0" to neither read nor write the cache.
NO_CACHE_ENV = "MLROLES_NO_CACHE"
#: Bumped whenever what an entry holds, or what a load trusts it for, changes. (4: the entry
#: names the version of mlroles that wrote it, and a load trusts it without validating again.)
LAYOUT_VERSION = 4
#: At most this many entries are kept; writing a new one removes the oldest.
MAX_ENTRIES = 16
#: An entry is the JSON of a catalog of at most MAX_BYTES, which is about as large.
MAX_ENTRY_BYTES = 2 * MAX_BYTES
#: A temporary file of ours older than this was left by a run that was killed.
STALE_SECONDS = 3600

_DIGEST = 20  # bytes of blake2b: 40 hex digits
_MAGIC = b"mlroles-cache"
#: Entries (`mlroles-<hash>.json`, and layout 1's bare `<hash>.json`) and temporary files
#: (`.mlroles-<hash>.<random>.tmp`, and layout 1's `.<hash>.<random>.tmp`): the only names the
#: cache ever deletes.
_ENTRY_NAME = re.compile(r"(?:mlroles-)?[0-9a-f]{40}\.json")
_TEMP_NAME = re.compile(r"\.(?:mlroles-)?[0-9a-f]{40}\.[a-z0-9_]{8}\.tmp")


@dataclass(frozen=True)
class Entry:
    """Where the parsed data of some source bytes, read under some format version, is kept."""

    source: str  # the hash of the source's bytes
    format_version: int

    @property
    def name(self) -> str:
        digest = hashlib.blake2b(digest_size=_DIGEST)
        digest.update(
            f"{self.source};format={self.format_version};layout={LAYOUT_VERSION}"
            f";program={program_version()}".encode()
        )
        return f"mlroles-{digest.hexdigest()}"

    def header(self, payload: bytes) -> bytes:
        """The first line of the entry for `payload`: what it belongs to, and its own hash."""
        data = hashlib.blake2b(payload, digest_size=_DIGEST).hexdigest()
        return (
            f"{_MAGIC.decode()} layout={LAYOUT_VERSION} format={self.format_version}"
            f" program={program_version()} source={self.source} size={len(payload)}"
            f" data={data}\n"
        ).encode()


def program_version() -> str:
    """The version of mlroles that reads and writes entries: from the file written at build
    time (as `--version` reads it), else from the package's metadata."""
    import importlib

    try:
        version = str(importlib.import_module("mlroles._version").__version__)
    except ImportError:  # pragma: no cover - every build writes the file
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as metadata_version

        try:
            version = metadata_version("mlroles")
        except PackageNotFoundError:
            version = "unknown"
    return "".join(version.split()) or "unknown"


def entry_for(*sources: bytes, format_version: int) -> Entry:
    """The entry for a catalog read from `sources` (one file's bytes, or each file's in turn)."""
    digest = hashlib.blake2b(digest_size=_DIGEST)
    for raw in sources:
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return Entry(digest.hexdigest(), format_version)


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def directory() -> Path | None:
    """The cache's folder, or None where there is nowhere to put one (no home folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if os.path.isabs(base):
        return Path(base) / "mlroles"
    home = os.path.expanduser("~")  # unchanged when there is no HOME and no passwd entry
    if not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "mlroles"


def read(entry: Entry) -> bytes | None:
    """The JSON stored for `entry`, when the stored file proves it belongs there; else None."""
    folder = directory() if enabled() else None
    if folder is None:
        return None
    try:
        stored = read_regular(folder / f"{entry.name}.json", MAX_ENTRY_BYTES, follow_links=False)
    except Unreadable:
        return None
    header, newline, payload = stored.partition(b"\n")
    if not newline or header + newline != entry.header(payload):
        return None
    return payload


def write(entry: Entry, payload: bytes) -> None:
    """Store `payload` for `entry` atomically; failures are ignored (a cache is optional)."""
    folder = directory() if enabled() else None
    if folder is None:
        return
    from mlroles import tempfiles  # only a write needs it (and its tempfile, signal imports)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder, keep=MAX_ENTRIES - 1)
        with tempfiles.created(folder, prefix=f".{entry.name}.", suffix=".tmp") as (fd, tmp):
            with os.fdopen(fd, "wb") as handle:
                handle.write(entry.header(payload))
                handle.write(payload)
            os.replace(tmp, folder / f"{entry.name}.json")
    except OSError:
        pass


def _prune(folder: Path, keep: int) -> None:
    """Remove the least recently written entries beyond `keep`, and temporary files left by
    runs that were killed; nothing that the cache did not name."""
    entries = []
    stale = time.time() - STALE_SECONDS
    with os.scandir(folder) as listing:
        for item in listing:
            is_entry = _ENTRY_NAME.fullmatch(item.name)
            if not is_entry and not _TEMP_NAME.fullmatch(item.name):
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if is_entry:
                entries.append((info.st_mtime, item.path))
            elif info.st_mtime < stale:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
