"""The one write path to stdout: every byte or a clear error, never a traceback; and what stdout
is (a terminal, its encoding, the Rich console drawn on it).

Imported by the commands' fast paths (`--version`), so it imports nothing heavy: Rich is loaded
by the functions that draw.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any

from mlroles.errors import ClosedPipe, OutputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


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


#: What stands for the drawing characters where stdout cannot write them (an ASCII locale): the
#: one table for every renderer (skill bars, bullets, the skills chart's markers and axes).
ASCII_FALLBACK = str.maketrans(
    {
        "█": "#",
        "░": "-",
        "•": "*",
        "…": "...",
        "─": "-",
        "│": "|",
        "┤": "+",
        "└": "+",
        "★": "*",
        "●": "O",
        "◉": "@",
    }
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


def stdout_is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def stdout_takes_unicode() -> bool:
    """Whether stdout's encoding is a Unicode one (UTF-8, UTF-16...)."""
    import codecs

    try:
        return codecs.lookup(getattr(sys.stdout, "encoding", None) or "utf-8").name.startswith(
            "utf"
        )
    except LookupError:
        return False


def encodes(stream: IO[str], text: str) -> bool:
    """Whether `stream` can write `text` as it is (not as '?'); a stream that names no
    encoding is taken to be ASCII."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


#: The narrowest width anything is drawn at, whatever the terminal or COLUMNS says.
MIN_CONSOLE_WIDTH = 30


def make_console() -> Console:
    """The console on stdout, which follows NO_COLOR, FORCE_COLOR, TERM and COLUMNS."""
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    # COLUMNS=0 (or a few columns) would leave no room for a word: draw at a usable minimum.
    console.width = max(console.width, MIN_CONSOLE_WIDTH)
    return console


def print_renderable(renderable: RenderableType, *, own_width: bool = False) -> None:
    """Draw with Rich, then write through `emit` so that a closed pipe is handled once.

    `own_width`: the renderable has the width it was asked for (a chart drawn with --width),
    so its lines are written whole rather than folded at the terminal's edge.
    """
    console = make_console()
    with console.capture() as captured:
        if own_width:
            console.print(renderable, soft_wrap=True)
        else:
            console.print(renderable, overflow="fold", crop=False)
    text = captured.get()
    if not console.is_terminal:
        # Rich pads cells to the table's width; in a pipe, trailing blanks are only noise.
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    emit(text)
