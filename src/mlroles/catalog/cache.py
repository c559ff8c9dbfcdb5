"""A parse cache: a catalog's YAML, once parsed and found valid, kept as plain JSON.

Correct by construction:
- the key is a hash of the file's bytes, the catalog format version and this cache's layout
  version, so an edited file can never be served an old entry;
- an entry holds plain parsed data, never trusted models: every load validates it again
  through the Pydantic models (`model_validate_json`);
- entries are written to a temporary file in the same folder and renamed into place, so a
  concurrent reader sees a whole entry or none;
- anything wrong with the cache (missing, corrupt, unreadable, unwritable) only means a miss.

The cache lives in `$XDG_CACHE_HOME/mlroles` (default `~/.cache/mlroles`);
`MLROLES_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

#: Set to a non-empty value other than "0" to neither read nor write the cache.
NO_CACHE_ENV = "MLROLES_NO_CACHE"
#: Bumped whenever what an entry holds changes shape.
LAYOUT_VERSION = 1
#: At most this many entries are kept; writing a new one removes the oldest.
MAX_ENTRIES = 16


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "mlroles"


def key(raw: bytes, format_version: int) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"\0catalog-format={format_version};layout={LAYOUT_VERSION}".encode())
    return digest.hexdigest()


def read(entry: str) -> bytes | None:
    """The JSON bytes stored under `entry`, or None on any miss or error."""
    if not enabled():
        return None
    try:
        return (directory() / f"{entry}.json").read_bytes()
    except (OSError, ValueError):
        return None


def write(entry: str, data: bytes) -> None:
    """Store `data` under `entry` atomically; failures are ignored (a cache is optional)."""
    if not enabled():
        return
    folder = directory()
    tmp_name = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder, keep=MAX_ENTRIES - 1)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{entry}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, folder / f"{entry}.json")
        tmp_name = None
    except OSError:
        pass
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _prune(folder: Path, keep: int) -> None:
    """Remove the least recently written entries beyond `keep`."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
