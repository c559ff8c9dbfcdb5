"""The error boundary: the project's errors, a usage error or a closed pipe become one line on
stderr and their exit code, once, for every command.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from mlroles.errors import CatalogError, ClosedPipe, ExitCode, MlrolesError

#: Click's `UsageError` (bad arguments or options). Typer vendors Click and exports one
#: exception of that family, `typer.BadParameter`: the class is its base, found by its name.
UsageError: Any = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")


class Group(TyperGroup):
    """Turns the project's errors into one line on stderr and their exit code, once, for all."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            extra.setdefault("color", False)  # Typer's own messages, e.g. --install-completion
        # Parsing prints --help and --version: their output fails the way a command's does.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except (MlrolesError, ClosedPipe, BrokenPipeError, UsageError) as exc:
            raise typer.Exit(report(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        _skip_pydantic_plugins()
        try:
            return super().invoke(ctx)
        except (MlrolesError, ClosedPipe, BrokenPipeError, UsageError) as exc:
            ctx.exit(report(exc))


def report(exc: Exception) -> int:
    """Say what went wrong on stderr, in one line per problem, and give the exit code."""
    if isinstance(exc, UsageError):
        if type(exc).__name__ == "NoArgsIsHelpError":  # `mlroles` alone: the help, on stderr
            exc.show()
            return ExitCode.USAGE
        # One line, where Click would print the usage, a hint and the error on four.
        command = exc.ctx.command_path if exc.ctx is not None else "mlroles"
        message = exc.format_message().rstrip(".")
        message = message[:1].lower() + message[1:]
        sys.stderr.write(f"{command}: {message} (see '{command} --help')\n")
        return ExitCode.USAGE
    if isinstance(exc, MlrolesError):
        prefix = "" if isinstance(exc, CatalogError) else "mlroles: "
        for line in exc.lines():
            sys.stderr.write(f"{prefix}{line}\n")
        return exc.exit_code
    silence_stdout()  # the reader of stdout went away: nothing to say
    return ExitCode.CLOSED_PIPE


def silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit cannot complain about the pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _skip_pydantic_plugins() -> None:
    """mlroles uses no Pydantic plugins; looking for them costs a fifth of a command's start-up.

    Pydantic imports its plugin loader (and with it importlib.metadata, to scan every installed
    distribution's entry points) the first time it builds a validator. Standing in an empty
    loader before that, as `PYDANTIC_DISABLE_PLUGINS=__all__` would but without the import,
    keeps the answer the same and the cost away. Only a command that runs does this (not
    `--version` or completion, which never build a model), never a program that imports
    mlroles as a library.
    """
    import types

    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name)
        loader.get_plugins = tuple  # type: ignore[attr-defined]
        sys.modules[name] = loader
