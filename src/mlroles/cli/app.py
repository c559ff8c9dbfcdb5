"""The `mlroles` command line: parse arguments, ask the core one question, render the answer.

Heavy modules (yaml, pydantic, rich) are imported inside the commands that need them, so that
`--version`, `--help` and shell completion start fast.
"""

import contextlib
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from mlroles import output
from mlroles.completion import catalog_path, complete_group, complete_role, complete_tool
from mlroles.errors import CatalogError, ClosedPipe, ExitCode, MlrolesError
from mlroles.output import Format


class _Group(TyperGroup):
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
            raise typer.Exit(_report(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        _skip_pydantic_plugins()
        try:
            return super().invoke(ctx)
        except (MlrolesError, ClosedPipe, BrokenPipeError, UsageError) as exc:
            ctx.exit(_report(exc))


def _report(exc: Exception) -> int:
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
    _silence_stdout()  # the reader of stdout went away: nothing to say
    return ExitCode.CLOSED_PIPE


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


def _format_option(piped: Format = Format.TABLE, plain: str = "") -> Any:
    names = [f.value for f in Format]
    default = "table" if piped is Format.TABLE else f"table on a terminal, {piped.value} in a pipe"
    if plain:
        default += f"; plain is {plain}"
    return typer.Option(
        "--format",
        metavar="FORMAT",
        case_sensitive=False,
        show_default=False,
        help=f"{', '.join(names[:-1])} or {names[-1]} (default: {default}).",
    )


FormatOption = Annotated[Format | None, _format_option()]


def package_version() -> str:
    """The installed package's version, as its metadata has it."""
    import importlib

    try:  # written from the metadata at build time; much cheaper than importlib.metadata
        return str(importlib.import_module("mlroles._version").__version__)
    except ImportError:
        from importlib.metadata import version

        return version("mlroles")


def _version(value: bool) -> None:
    if value:
        from mlroles.stdout import emit

        emit(f"mlroles {package_version()}\n")
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
    # The commands read --data from the root context's parameters (completion.catalog_path).


def _catalog(ctx: typer.Context) -> Any:
    from mlroles.loader import load_catalog

    return load_catalog(catalog_path(ctx))


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    tool: Annotated[
        list[str] | None,
        typer.Option(
            "--tool",
            metavar="NAME",
            autocompletion=complete_tool,
            help="Only roles that use this tool (any case or common spelling); repeat for any of"
            " several.",
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar="GROUP",
            autocompletion=complete_group,
            help="Only roles in this hiring group (ml-adjacent, core-ml, business-analytics);"
            " repeat for any of several. With --tool, a role must match both.",
        ),
    ] = None,
    fmt: Annotated[Format | None, _format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List the roles: a table on a terminal, one tab-separated line per role in a pipe.

    \b
    Examples:
      mlroles list | cut -f1
      mlroles list --tool kafka --group ml-adjacent

    Several --tool (or --group) options mean any of them; --tool with --group means both.
    No role left after the filters: exit 1.
    """
    from mlroles import queries

    chosen = output.choose(fmt, json_output)  # a usage error before any work
    result = queries.list_roles(_catalog(ctx))
    if tool or group:
        from mlroles.filters import filter_roles

        result = filter_roles(result, tool or [], group or [])
    _write_found(result, result.roles, chosen)


@app.command("show")
def show_command(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="A role id, alias or title (e.g. devops).",
            autocompletion=complete_role,
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

    chosen = output.choose(fmt, json_output)
    output.write(queries.show_role(_catalog(ctx), role), chosen)


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE...",
            help="Two or more role ids, aliases or titles.",
            autocompletion=complete_role,
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

    chosen = output.choose(fmt, json_output)
    output.write(queries.compare_roles(_catalog(ctx), roles), chosen)


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


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="Catalog file to check (default: the one every command reads).",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[
        bool,
        typer.Option("--json", help="Print {valid, roles, errors} as JSON, also when invalid."),
    ] = False,
) -> None:
    """Check a catalog: say how many roles it holds, or list every error with its line.

    \b
    Examples:
      mlroles validate
      mlroles validate --json | jq -r '.errors[].message'

    With no PATH, checks the catalog every command reads (--data, MLROLES_DATA, or the
    bundled one). Exits 0 when the catalog is valid, 3 when it is not.
    """
    from pathlib import Path

    from mlroles import render
    from mlroles.validation import check_catalog

    report = check_catalog(Path(path) if path else catalog_path(ctx))
    if json_output:
        render.emit(render.to_json(report.to_data()))
        if not report.valid:
            raise typer.Exit(ExitCode.INVALID_CATALOG)
    elif not report.valid:
        raise report.error()
    else:
        render.emit(report.summary())


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of a catalog file, for editors and other tools.

    \b
    Examples:
      mlroles schema > mlroles.schema.json
      mlroles schema | jq '."$defs".Role.required'
    """
    from mlroles import render
    from mlroles.schema import catalog_schema

    render.emit(render.to_json(catalog_schema()))


@app.command("init")
def init_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="Where to write the new catalog.")],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a starter catalog to PATH: the bundled roles, under a header that explains the format.

    \b
    Examples:
      mlroles init team.yaml

    Never replaces an existing file unless --force is given. Then edit it and use it with
    `mlroles --data team.yaml list`, or `export MLROLES_DATA=team.yaml`.
    """
    from pathlib import Path

    from mlroles import render
    from mlroles.starter import write_starter

    render.emit(write_starter(Path(path), force=force).summary())


def _write_found(result: Any, found: list[Any], chosen: Format | None) -> None:
    """Write what was found; like grep, nothing found is exit 1 with the reason on stderr (and
    an empty list still printed for JSON or YAML, which a script expects)."""
    if found or chosen in (Format.JSON, Format.YAML):
        output.write(result, chosen)
    if not found:
        from mlroles.errors import NoResult

        raise NoResult(result.empty_message())


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words that must all occur in a role.")
    ],
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, _format_option(piped=Format.PLAIN)] = None,
) -> None:
    """Search every text field of every role; all the words must match, best role first.

    \b
    Examples:
      mlroles search kafka
      mlroles search train models --json | jq -r '.[0].id'

    A word in an id, title, alias or tool outranks one in the prose. Nothing found: exit 1
    (with --json, [] on stdout).
    """
    from mlroles import search

    chosen = output.choose(fmt, json_output)
    result = search.search(_catalog(ctx), " ".join(query))
    _write_found(result, result.hits, chosen)


@app.command("match")
def match_command(
    ctx: typer.Context,
    have: Annotated[
        list[str] | None,
        typer.Option(
            "--have",
            metavar="TOOL,...",
            help="Tools you have, comma-separated (any case or common spelling); repeatable.",
        ),
    ] = None,
    skills: Annotated[
        list[str] | None,
        typer.Option(
            "--skills",
            metavar="NAME=LEVEL,...",
            help="Your levels from 0 to 1: machine_learning, software_engineering, communication;"
            " repeatable.",
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, _format_option(piped=Format.PLAIN)] = None,
) -> None:
    """Rank every role by how well it fits what you have, best first, with what is missing.

    \b
    Examples:
      mlroles match --have python,docker,tensorflow
      mlroles match --have sql,excel --skills machine_learning=0.4,communication=0.8

    The score (0 to 1) is the share of a role's tools you have, averaged with how close your
    --skills levels are to the role's; see the README for the formula.
    """
    from mlroles import match, render_match

    chosen = output.choose(fmt, json_output)
    result = match.match_roles(_catalog(ctx), have or [], skills)
    for note in render_match.match_notes(result):
        sys.stderr.write(f"mlroles: {note}\n")
    output.write(result, chosen)


@app.command("map")
def map_command(
    ctx: typer.Context,
    highlight: Annotated[
        str | None,
        typer.Option(
            "--highlight",
            metavar="ROLE",
            help="Mark one role (an id, alias or title).",
            autocompletion=complete_role,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            metavar="COLUMNS",
            help="Draw this many columns wide (default: the terminal's width, at most 100).",
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[
        Format | None, _format_option(piped=Format.PLAIN, plain="the chart without colour")
    ] = None,
) -> None:
    """Draw the skills chart: machine learning across, software engineering up.

    \b
    Examples:
      mlroles map --highlight mle
      mlroles map --json | jq -r '.[] | "\\(.id) \\(.x) \\(.y)"'

    The marker's shape shows how much communication a role needs (see the legend under it).
    """
    import shutil

    from mlroles import render_map, skillmap

    chosen = output.choose(fmt, json_output)
    columns = skillmap.chart_width(width, shutil.get_terminal_size().columns)
    result = skillmap.skill_map(_catalog(ctx), highlight)
    glyphs = render_map.glyphs_for(sys.stdout)
    output.write(render_map.SizedMap(result, columns, glyphs), chosen)


def main() -> NoReturn:
    """The console script's entry point."""
    try:
        app(prog_name="mlroles")
        code = 0
    except OSError as exc:  # Typer's own output (help) could not be written: a full disk
        sys.stderr.write(f"mlroles: cannot write output: {exc.strerror or exc}\n")
        code = ExitCode.OUTPUT_ERROR
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    _leave(code)


def _leave(code: int) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    A normal exit finalises every module and object that Typer, Pydantic and Rich created:
    about 30 ms, a quarter of a whole command on a small catalog. Everything mlroles writes is
    flushed here or closed before this point (the cache writes whole files, then renames).
    """
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            code = code or ExitCode.CLOSED_PIPE
        except (OSError, ValueError):
            _silence_stdout()
            code = code or ExitCode.OUTPUT_ERROR
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
    os._exit(code)
