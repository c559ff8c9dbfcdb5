"""The console script: the whole app (every command registered), run, and an exit code.

`main()` runs the command line and returns its exit code, so that a caller can go on after it;
`run()` is the console script (and `python -m mlroles`): it flushes and leaves at once.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

from mlroles.cli.app import app
from mlroles.cli.boundary import silence_stdout
from mlroles.errors import ExitCode

# Each module registers its commands onto `app` when imported, and `--help` lists them in that
# order: the questions about roles first, then looking after a catalog. A new family of
# commands gets a module of its own, imported here where its commands should be listed.
# isort: split
from mlroles.cli import roles as roles

# isort: split
from mlroles.cli import path as path

# isort: split
from mlroles.cli import catalog_info as catalog_info

# isort: split
from mlroles.cli import hire as hire
from mlroles.cli import org as org

# isort: split
from mlroles.cli import export as export

# isort: split
from mlroles.cli import admin as admin

__all__ = ["app", "main", "run"]


def main(args: list[str] | None = None) -> int:
    """Run the command line on `args` (default: `sys.argv[1:]`) and return its exit code."""
    try:
        app(args=args, prog_name="mlroles")
    except OSError as exc:  # Typer's own output (help) could not be written: a full disk
        sys.stderr.write(f"mlroles: cannot write output: {exc.strerror or exc}\n")
        return ExitCode.OUTPUT_ERROR
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


def run() -> NoReturn:
    """The console script's entry point: `main()`, then `leave` with its code."""
    leave(main())


def leave(code: int) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    A normal exit finalises every module and object that Typer, Pydantic and Rich created:
    about 30 ms, a quarter of a whole command on a small catalog. Everything mlroles writes is
    flushed here or closed before this point (the cache writes whole files, then renames).
    """
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
            code = code or ExitCode.CLOSED_PIPE
        except (OSError, ValueError):
            silence_stdout()
            code = code or ExitCode.OUTPUT_ERROR
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
    os._exit(code)
