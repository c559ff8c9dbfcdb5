"""Writing data to stdout: every byte or a clear error, never a traceback.

Imported by the commands' fast paths (`--version`), so it imports nothing heavy.
"""

from __future__ import annotations

import sys
from typing import Any

from mlroles.errors import ClosedPipe, OutputError


def emit(text: str) -> None:
    """Write data to stdout; a closed pipe becomes `ClosedPipe`, any other failure to write
    (a full disk, stdout closed with `>&-`) an `OutputError`: never a traceback."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write output: stdout is closed")
    try:
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        _write_all(binary, _encode(text, stream))
    except BrokenPipeError:
        raise ClosedPipe from None
    except OSError as exc:
        raise OutputError(f"cannot write output: {exc.strerror or exc}") from None


#: What stands for the drawing characters where stdout cannot write them (an ASCII locale).
ASCII_FALLBACK = str.maketrans(
    {"█": "#", "░": "-", "•": "*", "…": "...", "─": "-", "│": "|", "★": "*", "●": "o", "◉": "O"}
)


def _encode(text: str, stream: Any) -> bytes:
    """The text in stdout's encoding. Where that encoding lacks a character (a Latin-1 or ASCII
    locale), bars and bullets fall back to ASCII look-alikes, and anything else becomes '?',
    rather than ending in a traceback."""
    encoding = stream.encoding or "utf-8"
    try:
        return text.encode(encoding, stream.errors or "strict")
    except UnicodeEncodeError:
        return text.translate(ASCII_FALLBACK).encode(encoding, "replace")


def _write_all(binary: Any, data: bytes) -> None:
    """Write every byte, or raise.

    When the reader of a pipe leaves in the middle of a large write, the kernel reports the
    part already written, and CPython's buffered writer hands back that short count instead of
    an error; the text layer above it ignores the count, so the rest would be dropped without a
    word and the program would exit 0. Writing what is left again meets the closed pipe and
    raises `BrokenPipeError`, as it should.
    """
    view = memoryview(data)
    while view:
        written = binary.write(view)
        view = view[len(view) if written is None else written :]
    binary.flush()
