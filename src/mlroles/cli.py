"""The `mlroles` command line: parse arguments, ask the core one question, render the answer.

Heavy modules (yaml, pydantic, rich) are imported inside the commands that need them, so that
`--version`, `--help` and shell completion start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from mlroles import output
from mlroles.completion import complete_role, parse_verbatim
from mlroles.errors import CatalogError, ExitCode, MlrolesError
from mlroles.output import Format


class _Group(TyperGroup):
    """Turns the project's errors into one line on stderr and their exit code, once, for all."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            extra.setdefault("color", False)  # Typer's own messages, e.g. --install-completion
        return super().make_context(info_name, args, parent, **extra)

    # Shell completion parses the command line "resiliently"; see completion.parse_verbatim.
    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        if ctx.resilient_parsing:
            parse_verbatim(params)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and ctx.resilient_parsing:
            parse_verbatim(command.get_params(ctx))
        return command

    def invoke(self, ctx: Any) -> Any:
        from mlroles.render import ClosedPipe

        try:
            return super().invoke(ctx)
        except MlrolesError as exc:
            prefix = "" if isinstance(exc, CatalogError) else "mlroles: "
            for line in exc.lines():
                sys.stderr.write(f"{prefix}{line}\n")
            ctx.exit(exc.exit_code)
        except ClosedPipe:
            _silence_stdout()
            ctx.exit(ExitCode.CLOSED_PIPE)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit cannot complain about the pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    name="mlroles",
    cls=_Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Short for --format json (see the README for its keys)."),
]


def _format_option(piped: Format = Format.TABLE) -> Any:
    names = [f.value for f in Format]
    default = "table" if piped is Format.TABLE else f"table on a terminal, {piped.value} in a pipe"
    return typer.Option(
        "--format",
        metavar="FORMAT",
        case_sensitive=False,
        show_default=False,
        help=f"{', '.join(names[:-1])} or {names[-1]} (default: {default}).",
    )


FormatOption = Annotated[Format | None, _format_option()]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        sys.stdout.write(f"mlroles {version('mlroles')}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="MLROLES_DATA",
            metavar="PATH",
            help="Catalog file to read instead of the bundled one.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Explore the roles on a machine-learning team: who does what, with which tools.

    \b
    Examples:
      mlroles show devops
      mlroles compare mle researcher --format markdown > roles.md
    """
    ctx.obj = {"data": data}


def _catalog(ctx: typer.Context) -> Any:
    from mlroles.loader import choose_path, load_catalog

    obj = ctx.find_root().obj or {}
    return load_catalog(choose_path(obj.get("data")))


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, _format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List the roles: a table on a terminal, one tab-separated line per role in a pipe.

    \b
    Examples:
      mlroles list | cut -f1
      mlroles list --format yaml
    """
    from mlroles import queries

    result = queries.list_roles(_catalog(ctx))
    output.write(result, output.choose(fmt, json_output))


@app.command("show")
def show_command(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            help="A role id, alias or title (e.g. devops).", autocompletion=complete_role
        ),
    ],
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Show everything about one role, sources last.

    \b
    Examples:
      mlroles show devops
      mlroles show "ML Engineer" --json | jq '.tools'
    """
    from mlroles import queries

    result = queries.show_role(_catalog(ctx), role)
    output.write(result, output.choose(fmt, json_output))


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            help="Two or more role ids, aliases or titles.", autocompletion=complete_role
        ),
    ],
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Compare roles side by side: one column per role, one row per field.

    \b
    Examples:
      mlroles compare mle researcher
      mlroles compare de devops mle --json | jq '.tools.shared'
    """
    from mlroles import queries

    result = queries.compare_roles(_catalog(ctx), roles)
    output.write(result, output.choose(fmt, json_output))


def main() -> NoReturn:
    """The console script's entry point."""
    app(prog_name="mlroles")
    raise SystemExit(0)  # pragma: no cover - app() always exits
