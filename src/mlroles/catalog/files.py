"""Reading a catalog file: its bytes from a path, then its text, or an error that says why not."""

from __future__ import annotations

from pathlib import Path

from mlroles.catalog.messages import catalog_error

#: A catalog is a text file of at most a few megabytes (10,000 roles take about 7 MB); anything
#: much larger (or endless, like /dev/zero) is refused before it is read whole.
MAX_BYTES = 64 * 1024 * 1024


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
        raise catalog_error(name, "no such file") from None
    except IsADirectoryError:
        raise catalog_error(name, "is a directory, not a catalog file") from None
    except PermissionError:
        if path.is_dir():  # how some systems refuse to open a directory
            raise catalog_error(name, "is a directory, not a catalog file") from None
        raise catalog_error(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise catalog_error(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise catalog_error(name, f"is larger than {limit} MB; a catalog is a small text file")
    return raw


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
