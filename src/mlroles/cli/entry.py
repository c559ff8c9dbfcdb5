"""The console script: the whole app (every command registered), run, and an exit code.

`main()` runs the command line and returns its exit code, so that a caller can go on after it;
`run()` is the console script (and `python -m mlroles`): it flushes and leaves at once.
"""

from __future__ import annotations

import contextlib
import copy
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
import typer.main

from mlroles.cli.app import ROOT_FLAGS, ROOT_VALUE_OPTIONS, app
from mlroles.cli.boundary import silence_stdout
from mlroles.errors import ExitCode, Interrupted
from mlroles.render.env import Environment

# Each module registers its commands onto `app` when imported, and `--help` lists them in that
# order: the questions about roles first, then looking after a catalog, then `help`. A new
# family of commands gets a module of its own, imported here where its commands should be
# listed.
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

# isort: split
from mlroles.cli import help as help

__all__ = ["app", "main", "run"]

#: The signals that end a command with one line and 128 + their number, never a traceback.
SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: The signals received, in order: the handler records each before it raises `Interrupted`,
#: since an extension (pydantic-core, in Rust) that is running when it arrives may hand the
#: exception back wrapped in one of its own.
_received: list[int] = []


def main(args: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line on `args` (default: `sys.argv[1:]`) in `env` (default: the
    process's own streams) and return its exit code."""
    env = env or Environment.from_process()
    previous = _catch_signals()
    try:
        code = _run_app(args, env)
    except Interrupted as exc:
        code = _interrupted(exc.signum, env)
    except BaseException:
        if not _received:
            raise
        code = _interrupted(_received[0], env)
    finally:
        _restore_signals(previous)
    if code == 0 and env.stdout is None:  # `--help >&-`: Click writes nowhere, and says 0
        env.note("mlroles: cannot write output: stdout is closed")
        code = ExitCode.OUTPUT_ERROR
    return code


def _run_app(args: list[str] | None, env: Environment) -> int:
    try:
        app_for(sys.argv[1:] if args is None else args)(args=args, prog_name="mlroles", obj=env)
    except OSError as exc:  # Typer's own output (help) could not be written: a full disk
        env.note(f"mlroles: cannot write output: {exc.strerror or exc}")
        return ExitCode.OUTPUT_ERROR
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        env.note(f"{exc.code}")
        return 1
    return 0


#: The commands that look at the others (`help` lists and explains them): they run in the whole app.
WHOLE_APP_COMMANDS = frozenset({"help"})
#: Set when a shell asks for completions (Click's `_{PROG_NAME}_COMPLETE`): the whole app answers.
COMPLETE_VAR = "_MLROLES_COMPLETE"


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run `args` in: `app` with only the command they name, or `app` itself.

    Typer builds a Click command for every command of the app it runs (their parameters read
    from each function's signature): a few milliseconds on every run, of which one command's
    worth is used. When `args` are root options (`--data PATH`, `--version`) and then a command
    (or a group and one of its commands), the app run holds that command alone; Click parses,
    says and does the same, since nothing of a command's own looks at the others. Anything else
    (the root's help, an unknown name, `help`, shell completion) runs in the whole app, where
    the help lists every command and an unknown name gets its suggestion.
    """
    if COMPLETE_VAR in os.environ:
        return _for_completion() or app
    words = list(args)
    start = 0
    flags = False
    while start < len(words):  # the root options, read as Click's parser reads them
        word = words[start]
        if word in ROOT_FLAGS:
            flags, start = True, start + 1
        elif word in ROOT_VALUE_OPTIONS and start + 1 < len(words):
            if words[start + 1].startswith("-"):
                return app  # Click would take it as the value; leave such lines to the whole app
            start += 2
        elif word.partition("=")[0] in ROOT_VALUE_OPTIONS and "=" in word:
            start += 1
        else:
            break
    if start == len(words) and flags:  # `mlroles --version`: the root alone answers
        return _narrowed(app, [], [])
    rest = words[start:]
    if len(rest) == 2 and rest[0] == "help":  # `help CMD` needs `help` and CMD alone
        return _for_help(rest[1]) or app
    return _narrow(app, rest, whole=False) or app


def _for_completion() -> typer.Typer | None:
    """The app for a Tab after a whole command word (`mlroles show d`, `mlroles org show e`):
    that command alone, or its group whole, as for a run of it; None when the word completed
    may still be the command's name, or options come first (the whole app answers those).

    Typer's completion scripts give the line so far in COMP_WORDS (bash) or in
    _TYPER_COMPLETE_ARGS (zsh, fish, PowerShell); a line of three words or more has its second
    word whole, whichever word is being completed."""
    import shlex

    bash = os.environ.get(COMPLETE_VAR, "").endswith("_bash")
    try:
        words = shlex.split(os.environ.get("COMP_WORDS" if bash else "_TYPER_COMPLETE_ARGS", ""))
    except ValueError:
        return None
    if len(words) < 3:
        return None
    return _narrow(app, words[1:2], whole=False)


def _for_help(name: str) -> typer.Typer | None:
    """The app for `mlroles help NAME`: the `help` command and the command or group (whole)
    named, or None when NAME names none of them (its message lists every command)."""
    target = _narrow(app, [name], whole=False)
    helper = next((info for info in app.registered_commands if _command_name(info) == "help"), None)
    if target is None or helper is None:
        return None
    return _narrowed(app, [helper, *target.registered_commands], target.registered_groups)


def _command_name(info: Any) -> str | None:
    """The name a registered command is called by, or None for one with no function."""
    if info.callback is None:
        return None
    return str(info.name or typer.main.get_command_name(info.callback.__name__))


def _group_name(group: Any) -> str | None:
    """The name a registered group is called by, or None for a nameless one."""
    found = typer.main.solve_typer_info_defaults(group).name
    return found if isinstance(found, str) and found else None


def _narrow(typer_app: typer.Typer, words: list[str], whole: bool) -> typer.Typer | None:
    """`typer_app` with only the command (or group, narrowed in turn) that `words` start with;
    if they start with none of them, `typer_app` itself when `whole`, else None."""
    name = words[0] if words else ""
    if not name.startswith("-"):
        for info in typer_app.registered_commands:
            command_name = _command_name(info)
            if command_name is None:
                return None
            if command_name == name and name not in WHOLE_APP_COMMANDS:
                return _narrowed(typer_app, [info], [])
        for group in typer_app.registered_groups:
            if group.typer_instance is None:
                return None
            group_name = _group_name(group)
            if group_name is None:
                return None  # a nameless group adds its commands to this one: build it all
            if group_name == name:
                narrowed = copy.copy(group)
                narrowed.typer_instance = _narrow(group.typer_instance, words[1:], whole=True)
                return _narrowed(typer_app, [], [narrowed])
    return typer_app if whole else None


def _narrowed(typer_app: typer.Typer, commands: list[Any], groups: list[Any]) -> typer.Typer:
    narrowed = copy.copy(typer_app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = groups
    return narrowed


def _interrupted(signum: int, env: Environment) -> int:
    """One line and the code. Signals are ignored from here (a second one cannot interrupt
    this), and stdout is let go: a command stopped while it waited on a full pipe must not
    wait again at exit."""
    for each in SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    from mlroles import tempfiles

    tempfiles.remove_all()  # each `finally` on the way out ran already: this is belt and braces
    silence_stdout(env)  # what was not written yet is dropped: no flush may wait on a reader
    env.note("mlroles: interrupted" if signum == signal.SIGINT else "mlroles: terminated")
    return 128 + signum


def _raise_interrupted(signum: int, frame: Any) -> None:
    _received.append(signum)
    _interrupt(frame)


#: How soon to try again when a signal arrives inside Pydantic.
RETRY_SECONDS = 0.005


def _interrupt(frame: Any) -> None:
    """Raise `Interrupted` where the program is, unless Pydantic is running: pydantic-core
    (Rust) may be calling back into Python, and an exception raised there can end in a Rust
    panic printed on stderr (pydantic 2.6). Then try again a moment later, once out of it."""
    if _inside_pydantic(frame) and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _retry)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    raise Interrupted(_received[0])


def _retry(signum: int, frame: Any) -> None:
    _interrupt(frame)


def _inside_pydantic(frame: Any) -> bool:
    """Whether Pydantic is on the stack (its code may have called into Rust, which called us
    back in a module of its own, of the standard library, or of ours)."""
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).startswith("pydantic"):
            return True
        frame = frame.f_back
    return False


def _catch_signals() -> dict[int, Any]:
    """The one signal handler: SIGINT and SIGTERM raise `Interrupted` where the program is."""
    previous: dict[int, Any] = {}
    for signum in SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave them
            previous[signum] = signal.signal(signum, _raise_interrupted)
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            # Ignored once interrupted; the caller's own handler otherwise.
            if signal.getsignal(signum) is _raise_interrupted:
                signal.signal(signum, handler)


def run() -> NoReturn:
    """The console script's entry point: `main()`, then `leave` with its code."""
    env = Environment.from_process()
    leave(main(env=env), env)


def leave(code: int, env: Environment) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    A normal exit finalises every module and object that Typer, Pydantic and Rich created:
    about 30 ms, a quarter of a whole command on a small catalog. Everything mlroles writes is
    flushed here or closed before this point (the cache writes whole files, then renames).
    """
    for signum in SIGNALS:  # nothing left to interrupt: the code is decided
        signal.signal(signum, signal.SIG_IGN)
    failed = env.flush()
    if failed is not None:
        silence_stdout(env)
        code = code or failed
    os._exit(code)
