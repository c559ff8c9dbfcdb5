"""The error boundary: the project's errors, a usage error or a closed pipe become one line on
stderr and their exit code, once, for every command.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from mlroles.errors import CatalogError, ClosedPipe, ExitCode, MlrolesError, UsageProblem
from mlroles.render.env import Environment

#: Click's `UsageError` (bad arguments or options). Typer vendors Click and exports one
#: exception of that family, `typer.BadParameter`: the class is its base, found by its name.
UsageError: Any = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")

HANDLED = (MlrolesError, ClosedPipe, BrokenPipeError, UsageError)


class Group(TyperGroup):
    """Turns the project's errors into one line on stderr and their exit code, once, for all."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            extra.setdefault("color", False)  # Typer's own messages, e.g. --install-completion
        env = extra.get("obj")
        if not isinstance(env, Environment):
            env = Environment.from_process()
            extra["obj"] = env
        # Parsing prints --help and --version: their output fails the way a command's does.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except HANDLED as exc:
            raise typer.Exit(report(exc, env, self._root_hint(exc, args))) from None

    def invoke(self, ctx: Any) -> Any:
        _skip_pydantic_plugins()
        try:
            return super().invoke(ctx)
        except HANDLED as exc:
            env = ctx.find_root().obj
            if not isinstance(env, Environment):
                env = Environment.from_process()
            command = ctx.command_path
            if ctx.invoked_subcommand:
                command += f" {ctx.invoked_subcommand}"
            ctx.exit(report(exc, env, command=command))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands and their summaries, whole: Click would cut a summary with '...'."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _root_hint(self, exc: BaseException, args: list[str]) -> str | None:
        """For an option given before its command (`mlroles --json list`): where it goes."""
        if type(exc).__name__ != "NoSuchOption":
            return None
        option = getattr(exc, "option_name", "")
        named = [arg for arg in args if arg in self.commands]
        command = named[0] if named else None
        if command is None:
            return f"no such option: {option}"
        return (
            f"no such option before the command: {option}; options of a command go after it"
            f" (like: mlroles {command} {option})"
        )


def report(
    exc: BaseException, env: Environment, hint: str | None = None, command: str = "mlroles"
) -> int:
    """Say what went wrong on stderr, in one line per problem, and give the exit code.

    Whether the line could be written (stderr closed or full) never changes the code.
    """
    if isinstance(exc, UsageError):
        if type(exc).__name__ == "NoArgsIsHelpError":  # `mlroles` alone: the help, on stderr
            if exc.ctx is not None:
                env.note(exc.ctx.get_help(), keep="\n")
            return ExitCode.USAGE
        # One line, where Click would print the usage, a hint and the error on four.
        if exc.ctx is not None and exc.ctx.parent is not None:
            command = exc.ctx.command_path
        message = hint or _lower(exc.format_message().rstrip("."))
        message += _quote_hint(exc, command)
        env.note(f"{command}: {message} (see '{command} --help')")
        return ExitCode.USAGE
    if isinstance(exc, UsageProblem):
        name = command.rpartition(" ")[2]
        message = str(exc)
        if message.startswith(f"{name} ") and command != "mlroles":
            message = message[len(name) + 1 :]  # "mlroles compare: needs...", not "compare needs"
        env.note(f"{command}: {message} (see '{command} --help')")
        return exc.exit_code
    if isinstance(exc, MlrolesError):
        prefix = "" if isinstance(exc, CatalogError) else "mlroles: "
        for line in exc.lines():
            env.note(f"{prefix}{line}")
        return exc.exit_code
    silence_stdout(env)  # the reader of stdout went away: nothing to say
    return ExitCode.CLOSED_PIPE


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:]


_EXTRA = re.compile(r"unexpected extra argument(?:\(s\)|s)? \((.*)\)$")


def _quote_hint(exc: Any, command: str) -> str:
    """`mlroles show ml engineer`: a name of several words needs quotes; say how."""
    found = _EXTRA.search(exc.format_message().rstrip("."))
    ctx = exc.ctx
    if not found or ctx is None:
        return ""
    given = [v for v in ctx.params.values() if isinstance(v, str)]
    if len(given) != 1:
        return ""
    import shlex  # here, not at the top: every run imports this module, few need the hint

    quoted = shlex.quote(f"{given[0]} {found.group(1)}")
    return f"; to give a name of several words, quote it: {command} {quoted}"


def silence_stdout(env: Environment) -> None:
    """Point stdout at /dev/null so that the flush at exit cannot complain about the pipe."""
    stream = env.stdout
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
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
