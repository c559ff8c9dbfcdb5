"""The project's own exceptions, each carrying the exit code the CLI ends with."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Exit codes of `mlroles`, documented in the README."""

    OK = 0
    NOT_FOUND = 1  # no such role; a search with no result
    USAGE = 2  # bad arguments or options
    INVALID_CATALOG = 3  # a catalog that cannot be read, parsed or validated
    INTERRUPTED = 130  # SIGINT (128 + 2), Ctrl-C
    TERMINATED = 143  # SIGTERM (128 + 15)
    OUTPUT_ERROR = 74  # stdout cannot be written: a full disk, a closed descriptor (EX_IOERR)
    CLOSED_PIPE = 141  # stdout closed early by the reader (128 + SIGPIPE), said nothing


def shown(text: str) -> str:
    """`text` (a file name, say) with what would break its line or reach the terminal as a
    command made visible: control characters and line separators as `\\n`, `\\x1b`, `\\u2028`,
    and the bytes of a file name that are not UTF-8 as `\\xff`. Other text is left as it is."""
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for char in text:
        code = ord(char)
        if char.isprintable() or char == " " or unicodedata.category(char) in ("Zs", "Co"):
            out.append(char)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        else:
            out.append(repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


class MlrolesError(Exception):
    """An error a person can act on: one line on stderr and an exit code, no traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def lines(self) -> list[str]:
        return [str(self)]


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: raised by the one signal handler (`cli.entry`), so that every
    `finally` on the way out runs (temporary files are removed), then the command ends with
    128 + the signal's number and one line. A BaseException, as KeyboardInterrupt is, so that
    no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class ClosedPipe(Exception):
    """The reader of stdout went away (`mlroles list | head -1`)."""


class OutputError(MlrolesError):
    """The output could not be written (a full disk, stdout closed): exit 74, like EX_IOERR."""

    exit_code = ExitCode.OUTPUT_ERROR


class NameNotFound(MlrolesError):
    """A name that is no entry of its kind: exit 1, with the closest names when there are any."""

    exit_code = ExitCode.NOT_FOUND
    #: What is named (`role`), and the command that lists every name of that kind.
    kind = "entry"
    listing = "mlroles list"

    def __init__(self, name: str, suggestions: list[str], none_hint: str = "") -> None:
        self.name = name
        self.suggestions = suggestions
        message = f"no {self.kind} named {name!r}"
        if suggestions:
            quoted = [repr(s) for s in suggestions]
            listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            message += f"; did you mean {listed}?"
        else:
            message += f" ({none_hint or f'see {self.listing!r}'})"
        super().__init__(message)


class RoleNotFound(NameNotFound):
    kind = "role"
    listing = "mlroles list"


class ArchetypeNotFound(NameNotFound):
    kind = "archetype"
    listing = "mlroles org list"


class UsageProblem(MlrolesError):
    exit_code = ExitCode.USAGE


class Problem(NamedTuple):
    """One thing wrong with a catalog, with where it is when that is known. (A named tuple, not
    a dataclass: this module is imported by every run, `--version` included, and a dataclass
    costs a run half a millisecond to define.)"""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        place = shown(self.file)
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{place}:{field} {self.message}"

    def one_line(self) -> Problem:
        """This problem with any line break in its text turned into a space."""
        return self._replace(
            message=" ".join(self.message.split()), path=" ".join(self.path.split())
        )


class CatalogError(MlrolesError):
    """A catalog that cannot be used; carries every problem found, in file order."""

    exit_code = ExitCode.INVALID_CATALOG

    def __init__(self, problems: list[Problem], omitted: int = 0) -> None:
        self.problems = [problem.one_line() for problem in problems]
        self.omitted = omitted
        super().__init__(str(self.problems[0]) if problems else "invalid catalog")

    def lines(self) -> list[str]:
        lines = [str(problem) for problem in self.problems]
        if self.omitted:
            lines.append(f"... and {self.omitted} more error(s) not shown")
        return lines


class NoResult(MlrolesError):
    """A search or filter that found nothing (like grep, exit 1)."""

    exit_code = ExitCode.NOT_FOUND
