"""The one environment a command writes into, and the one write path every command ends in.

`Environment.from_process()` is the only place that reads `sys.stdout` and `sys.stderr`; the
console script makes it once (`cli.entry.main`) and every renderer is given it, so a test can
hand in an environment of its own (a `StringIO`, a width, no Unicode), as httpie passes its
`Environment`. It records what the output is: a terminal or not, its encoding and whether that
takes Unicode, its width, and whether colour is drawn.

Writing goes through `write` (every byte, or a clear error) and `note` (a line on stderr that can
never change the exit code). Imported by the fast paths (`--version`), so it imports nothing
heavy: Rich is loaded by `draw`.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from mlroles.errors import ClosedPipe, OutputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

#: The narrowest width anything is drawn at, whatever the terminal or COLUMNS says.
MIN_CONSOLE_WIDTH = 30
#: The width of a terminal that says nothing of its size, and of a pipe (Rich's default too).
DEFAULT_WIDTH = 80

#: What stands for the drawing characters where stdout cannot write them (an ASCII locale): the
#: one table for every renderer (skill bars, bullets, the skills chart's axes). A bullet becomes
#: "-", never "*", which marks an inferred value.
ASCII_FALLBACK = str.maketrans(
    {
        "█": "#",
        "░": "-",
        "•": "-",
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


class Environment(NamedTuple):
    """Where a command's output goes, and what that place can show. (A named tuple, not a
    dataclass: it is defined on every run, `--version` included, where a dataclass costs half a
    millisecond.)"""

    stdout: IO[str] | None
    stderr: IO[str] | None
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    #: stdout's encoding ("utf-8", "ascii", "iso8859-1"...).
    encoding: str = "utf-8"
    #: The columns of the terminal (COLUMNS when it is set), before `MIN_CONSOLE_WIDTH`.
    width: int = DEFAULT_WIDTH
    #: Whether colour and styles are drawn on stdout (NO_COLOR, FORCE_COLOR, TERM=dumb).
    colour: bool = False

    @classmethod
    def from_process(cls) -> Environment:
        """The process's own streams and environment variables: the one place that reads them."""
        stdout, stderr = sys.stdout, sys.stderr
        stdout_isatty = _isatty(stdout)
        encoding = (getattr(stdout, "encoding", None) or "utf-8") if stdout else "utf-8"
        return cls(
            stdout=stdout,
            stderr=stderr,
            stdout_isatty=stdout_isatty,
            stderr_isatty=_isatty(stderr),
            encoding=encoding,
            width=_columns(),
            colour=_colour(stdout_isatty),
        )

    # --- what stdout can show ----------------------------------------------------------------

    @property
    def unicode(self) -> bool:
        """Whether stdout's encoding is a Unicode one (UTF-8, UTF-16...)."""
        try:
            return codecs.lookup(self.encoding).name.startswith("utf")
        except LookupError:
            return False

    def takes(self, text: str) -> bool:
        """Whether stdout can write `text` as it is (not as '?')."""
        try:
            text.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        return True

    @property
    def draw_width(self) -> int:
        """The width things are drawn at: the terminal's, but never under `MIN_CONSOLE_WIDTH`."""
        return max(self.width, MIN_CONSOLE_WIDTH)

    def console(self) -> Console:
        """A Rich console for this environment (drawing only: its output is captured)."""
        from rich.console import Console

        return Console(
            file=_Probe(self.stdout_isatty, self.encoding),  # type: ignore[arg-type]
            width=self.draw_width,
            force_terminal=self.stdout_isatty or self.colour,
            no_color=not self.colour,
            color_system="auto" if self.colour else None,
            highlight=False,
            emoji=False,
            markup=False,
        )

    # --- the write path ----------------------------------------------------------------------

    def write(self, text: str) -> None:
        """Write data to stdout, every byte: a closed pipe is `ClosedPipe`, any other failure
        (a full disk, stdout closed with `>&-`) an `OutputError`, never a traceback.

        Where stdout's encoding lacks a character, the drawing characters fall back to ASCII
        look-alikes and anything else becomes '?'.
        """
        stream = self.stdout
        if stream is None:
            raise OutputError("cannot write output: stdout is closed")
        try:
            binary = getattr(stream, "buffer", None)
            data = _encode(text, self.encoding, getattr(stream, "errors", None))
            if binary is None:  # a text stream of its own (a test's StringIO)
                stream.write(text if self.unicode else data.decode(self.encoding, "replace"))
                stream.flush()
                return
            _flush(stream)
            write_all(binary, data)
        except BrokenPipeError:
            raise ClosedPipe from None
        except OSError as exc:
            raise OutputError(f"cannot write output: {exc.strerror or exc}") from None

    def draw(self, renderable: RenderableType, *, own_width: bool = False) -> None:
        """Draw with Rich, then write through `write`.

        `own_width`: the renderable has the width it was asked for (a chart drawn with --width),
        so its lines are written whole rather than folded at the terminal's edge.
        """
        console = self.console()
        with console.capture() as captured:
            if own_width:
                console.print(renderable, soft_wrap=True)
            else:
                console.print(renderable, overflow="fold", crop=False)
        text = captured.get()
        if not console.is_terminal:
            # Rich pads cells to the table's width; in a pipe, trailing blanks are only noise.
            text = "".join(line.rstrip() + "\n" for line in text.splitlines())
        self.write(text)

    def note(self, line: str, keep: str = "\t") -> None:
        """One line on stderr, made safe (`text.safe`: a line break inside it is shown as
        `\\x0a`, so that a message stays one line). Whether it could be written (stderr closed
        or full) changes nothing: the exit code says what happened, whatever became of it.
        `keep="\\n"` writes a block of our own (the help) as it is."""
        stream = self.stderr
        if stream is None:
            return
        from mlroles.render.text import safe

        with contextlib.suppress(OSError, ValueError):
            stream.write(safe(line.rstrip("\n"), keep=keep) + "\n")
            stream.flush()

    def flush(self) -> int | None:
        """Flush both streams at exit; the exit code a failure to flush stdout means, if any
        (141 for a closed pipe, 74 for the rest)."""
        from mlroles.errors import ExitCode

        failed: int | None = None
        if self.stdout is not None:
            try:
                _flush(self.stdout)
            except BrokenPipeError:
                failed = ExitCode.CLOSED_PIPE
            except (OSError, ValueError):
                failed = ExitCode.OUTPUT_ERROR
        if self.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stderr.flush()
        return failed


class _Probe:
    """What Rich asks of the file it would write to: whether it is a terminal, its encoding.
    Rich draws into a capture, so nothing is ever written here."""

    def __init__(self, isatty: bool, encoding: str) -> None:
        self._isatty = isatty
        self.encoding = encoding

    def isatty(self) -> bool:
        return self._isatty

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError, AttributeError):
        return False


def _columns() -> int:
    """COLUMNS when it holds a positive number; else the size of the first standard stream
    that is a terminal (as Rich measures it); else `DEFAULT_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError, ValueError):
            return os.get_terminal_size(fd).columns or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def _colour(stdout_isatty: bool) -> bool:
    """Rich's rules: FORCE_COLOR (not empty) forces colour, NO_COLOR (not empty) turns it off,
    and otherwise only a terminal that is not `dumb` or `unknown` gets it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_isatty and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


def _encode(text: str, encoding: str, errors: str | None) -> bytes:
    try:
        return text.encode(encoding, errors or "strict")
    except UnicodeEncodeError:
        return text.translate(ASCII_FALLBACK).encode(encoding, "replace")
    except LookupError:
        return text.encode("utf-8", "replace")


def _flush(stream: Any) -> None:
    """Flush what the text layer holds (Typer's own output), waiting where stdout is a
    non-blocking pipe that is full."""
    while True:
        try:
            stream.flush()
            return
        except BlockingIOError:
            _wait_writable(stream)


def write_all(binary: Any, data: bytes) -> None:
    """Write every byte of `data` to a binary stream, or raise.

    - A pipe whose reader leaves in the middle: the kernel reports the part written and the
      buffered writer hands back that short count; writing the rest meets the closed pipe and
      raises `BrokenPipeError`, as it should.
    - A non-blocking pipe (some process managers and editors give one): a full pipe raises
      `BlockingIOError` instead of waiting; wait until it can be written, then go on, so that
      nothing is dropped and the exit code never says 0 for a part.
    """
    fd = _fileno(binary)
    if fd is not None:
        binary.flush()
        view = memoryview(data)
        while view:
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                _wait_writable(fd)
                continue
            view = view[written:]
        return
    view = memoryview(data)
    while view:
        written = binary.write(view)
        view = view[len(view) if written is None else written :]
    binary.flush()


def _fileno(stream: Any) -> int | None:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    return fd if isinstance(fd, int) else None


def _wait_writable(target: Any) -> None:
    import select

    fd = target if isinstance(target, int) else _fileno(target)
    if fd is None:
        raise OutputError("cannot write output: stdout is full and cannot be waited for")
    select.select([], [fd], [], 1.0)
