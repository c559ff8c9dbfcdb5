"""Reading files: one reader of regular files with a size cap, used for every file mlroles reads
(a catalog, a cache entry, a catalog for shell completion); then a catalog's text, or an error
that says why not.

`read_regular` never blocks and never reads without end: it refuses anything but a regular file
(a named pipe, a device such as /dev/zero, a socket, a folder) before reading a byte, checks
again on the descriptor it opened (so that a file swapped for a pipe meanwhile is refused too),
and reads at most `limit` bytes. It follows a symbolic link only when asked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mlroles.catalog.messages import catalog_error

#: A catalog is a text file of at most a few megabytes (10,000 roles take about 7 MB); anything
#: much larger (or endless, like /dev/zero) is refused before it is read whole.
MAX_BYTES = 64 * 1024 * 1024

#: Open without blocking (a named pipe with no writer would wait for one), without making a
#: terminal ours, and without leaking the descriptor into a child process.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """A file that cannot be had; the text says why, in words (`no such file`, ...)."""


class TooLarge(Unreadable):
    """A file larger than the reader's limit."""


def read_regular(path: str | os.PathLike[str], limit: int, *, follow_links: bool) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, or `Unreadable`."""
    try:
        before = os.stat(path) if follow_links else os.lstat(path)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except OSError as exc:
        raise _unreadable(exc) from None
    except ValueError:  # a name no file can have: a NUL character, say
        raise Unreadable("no such file (the name holds a NUL character)") from None
    _check_kind(before.st_mode)
    flags = _OPEN_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        info = os.fstat(fd)
        _check_kind(info.st_mode)
        if info.st_size > limit:
            raise TooLarge(_too_large(limit))
        chunks = []
        total = 0
        want = info.st_size + 1  # one byte more than the size, to see a file that grew
        while total <= limit:
            chunk = os.read(fd, max(want - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)
    if total > limit:
        raise TooLarge(_too_large(limit))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _check_kind(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise Unreadable("is a directory, not a catalog file")
    if stat.S_ISLNK(mode):
        raise Unreadable("is a symbolic link, not a regular file")
    if stat.S_ISFIFO(mode):
        raise Unreadable("is a named pipe (FIFO), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise Unreadable("is a device, not a regular file")
    raise Unreadable("is not a regular file")


def _unreadable(exc: OSError) -> Unreadable:
    import errno

    if isinstance(exc, FileNotFoundError):
        return Unreadable("no such file")
    if isinstance(exc, IsADirectoryError):
        return Unreadable("is a directory, not a catalog file")
    if exc.errno == errno.ELOOP:
        return Unreadable("is a symbolic link, not a regular file")
    if isinstance(exc, PermissionError):
        return Unreadable("cannot be read: permission denied")
    return Unreadable(f"cannot be read: {exc.strerror or exc}")


def _too_large(limit: int) -> str:
    return f"is larger than {limit // (1024 * 1024)} MB; a catalog is a small text file"


def read_text(path: Path) -> str:
    """The file's text, or a `CatalogError` that says why it cannot be had."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """A catalog file's bytes, or a `CatalogError` that says why they cannot be had.

    A symbolic link is followed (a catalog kept with one's dotfiles often is one), but only to
    a regular file: the kind is checked on what was opened.
    """
    try:
        return read_regular(path, MAX_BYTES, follow_links=True)
    except Unreadable as exc:
        raise catalog_error(str(path), str(exc)) from None


def decode(raw: bytes, name: str) -> str:
    """The bytes as UTF-8 text, or a `CatalogError` that points at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff")):
        raise catalog_error(name, "is UTF-16 or UTF-32 text; save it as UTF-8", 1, 1)
    if b"\0" in raw:
        line, column = position(raw, raw.index(b"\0"))
        message = "looks like a binary file (NUL byte), not YAML text"
        raise catalog_error(name, message, line, column)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = position(raw, exc.start)
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise catalog_error(name, message, line, column) from None


def position(data: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in text, or in bytes (a column counts bytes)."""
    head = data[:offset]
    if isinstance(head, bytes):
        head = head.decode("latin-1")  # one character per byte: offsets stay as they are
    return head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1


class Positions:
    """Line and column of many offsets of one text, in one pass for offsets in increasing
    order (where `position` would count from the start each time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1
        self.line_start = 0

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:
            return position(self.text, offset)
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


def expand_home(text: str) -> Path:
    """A path with a leading `~` or `~user` expanded as a shell would, or a `CatalogError` (the
    file cannot be found, exit 3) when there is no such home folder: an unknown user, or no
    HOME and no entry for this user in the passwd database."""
    if not text.startswith("~"):
        return Path(text)
    expanded = os.path.expanduser(text)
    if expanded.startswith("~"):  # left as it was: there is no such home folder
        head = text.split("/", 1)[0]
        if head == "~":
            reason = "there is no home folder for '~' (HOME is not set)"
        else:
            reason = f"there is no user {head[1:]!r} for {head!r}"
        raise catalog_error(text, f"no such file: {reason}")
    return Path(expanded)
