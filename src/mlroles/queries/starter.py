"""`mlroles init`: a starter catalog (the bundled one, under a header that explains the format),
written atomically and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from mlroles import tempfiles
from mlroles.errors import OutputError, UsageProblem, shown
from mlroles.queries.outcome import Outcome

#: A temporary file of ours older than this was left by a run that was killed (SIGKILL).
STALE_SECONDS = 3600

HEADER = """\
# An mlroles catalog: the roles on your team. It starts as a copy of the catalog that ships with
# mlroles (the roles of Full Stack Deep Learning's "ML Teams" lectures); change it to fit yours.
#
#   check it:     mlroles validate {name}
#   use it:       mlroles --data {name} list     (or set MLROLES_DATA={name})
#   editor help:  mlroles schema > mlroles.schema.json, then point your editor's YAML language
#                 server at that file (see the README)
#
# Format (version 2): `version: 2`, then these lists (the docs explain every field):
#   groups       required: the hiring groups, {{id, title, summary}}; a role's group names one
#   skills       required: the skill axes, {{id, title, aliases, summary}}
#   roles        required: the roles (below)
#   archetypes, guidance, assessments: optional (organisation archetypes, hiring advice,
#                interview assessment types)
# To keep only your changes instead, start a file with `extends: bundled` (see the docs).
# A role has these keys only:
#   id                required: a lowercase slug (letters, digits, single hyphens), unique
#   title             required: the name people read
#   aliases           other names for the role (slugs), never another role's id or alias
#   summary           required: one sentence
#   responsibilities  required: what the role does (a list, at least one)
#   work_product      required: what the role delivers (a list, at least one)
#   tools             tool names (a list)
#   background        required: where people in the role come from
#   skills            required: a level from 0 to 1 on every declared skill axis
#   group             required: the id of a declared hiring group
#   works_with        ids of other roles in this file
#   sources           required: where the facts come from, a list of {{title, url}} (url
#                     optional)
#   inferred          a note per field whose value no source states outright
# Unknown keys, keys written twice, YAML aliases (*name) and tags (!!name) are errors.

"""


@dataclass(frozen=True)
class Started(Outcome):
    """`mlroles init`: the starter catalog that was written."""

    path: Path
    #: What was written, as the summary names it.
    what: str = "a starter catalog"

    def summary(self) -> str:
        name = shown(str(self.path))
        return f"{name}: wrote {self.what}; edit it, then run 'mlroles validate {name}'\n"

    def to_data(self) -> dict[str, str]:
        return {"path": str(self.path)}


def starter_text(name: str) -> str:
    """The header, then the bundled catalog without its own leading comments."""
    from mlroles.catalog.files import read_text
    from mlroles.catalog.load import bundled_path

    lines = read_text(bundled_path()).splitlines(keepends=True)
    start = next(
        (n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")), 0
    )
    return HEADER.format(name=quoted_name(name)) + "".join(lines[start:])


def quoted_name(name: str) -> str:
    """A file name as a starter's comments show it in a command: quoted for a shell, and a name
    that is not UTF-8 (bytes the file system allows) with U+FFFD in place of those bytes."""
    readable = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return shlex.quote(readable)


def write_starter(path: Path, *, force: bool = False) -> Started:
    """Write the starter catalog to `path`; an existing file only with `force`."""
    write_atomically(path, starter_text(path.name).encode("utf-8"), force=force)
    return Started(path)


def write_atomically(path: Path, content: bytes, *, force: bool) -> None:
    """Write to a temporary file in the same folder, then rename it into place.

    A reader never sees half a file; no temporary file is left behind, whatever happens; and
    without `force`, an existing file is never replaced, even one created meanwhile.
    """
    folder = path.parent
    name = shown(str(path))
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageProblem(f"cannot write {name}: the folder {shown(repr(str(folder)))} {what}")
    if any(ord(char) < 32 or ord(char) == 127 for char in str(path)):
        raise UsageProblem(
            f"cannot write {shown(repr(str(path)))}: the name holds a control character"
        )
    if path.is_dir():
        raise UsageProblem(f"cannot write {name}: it is a folder")
    if not force and (path.exists() or path.is_symlink()):
        raise UsageProblem(f"{name} already exists; use --force to replace it")
    mode = 0o666 & ~_umask()
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # --force replaces a file, never a link, a device (/dev/null) or a pipe.
        raise UsageProblem(f"cannot replace {name}: it is not a regular file")
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)  # a replaced file keeps its permissions
    _remove_stale(folder, path.name)
    try:
        prefix = f".{path.name}{_TEMP_MARK}"
        with tempfiles.created(folder, prefix=prefix, suffix=".tmp") as (handle, temporary):
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            if force:
                os.replace(temporary, path)
            else:
                _rename_new(temporary, path)
    except OSError as exc:  # a full disk, a read-only folder: not a usage error
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None


#: Temporary files of `init` are `.<name>.mlroles-<8 random characters>.tmp`: a name no other
#: program writes, so that a later run can remove the ones a killed run left.
_TEMP_MARK = ".mlroles-"


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files that a killed `init` of the same name left over an hour ago."""
    pattern = re.compile(re.escape(f".{name}{_TEMP_MARK}") + r"[a-z0-9_]{8}\.tmp")
    stale = time.time() - STALE_SECONDS
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if not pattern.fullmatch(item.name):
                    continue
                with contextlib.suppress(OSError):
                    if item.stat(follow_symlinks=False).st_mtime < stale:
                        os.unlink(item.path)
    except OSError:
        pass


def _rename_new(temporary: str, path: Path) -> None:
    """Put `temporary` at `path` only if nothing is there: a hard link fails if it exists."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UsageProblem(
            f"{shown(str(path))} already exists; use --force to replace it"
        ) from None
    except OSError:  # a file system without hard links
        if path.exists() or path.is_symlink():
            message = f"{shown(str(path))} already exists; use --force to replace it"
            raise UsageProblem(message) from None
        os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
