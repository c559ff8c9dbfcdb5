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

from mlroles.errors import CatalogError, ClosedPipe, ExitCode, MlrolesError


class _Group(TyperGroup):
    """Turns the project's errors into one line on stderr and their exit code, once, for all."""

    def invoke(self, ctx: Any) -> Any:
        _skip_pydantic_plugins()
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
    help="Explore the roles on a machine-learning team: who does what, with which tools.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (see the README for its keys) instead of a table."),
]


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
        sys.stdout.write(f"mlroles {package_version()}\n")
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
      mlroles list
      mlroles show devops
      mlroles compare mle researcher --json | jq '.tools'
    """
    ctx.obj = {"data": data}


def _catalog(ctx: typer.Context) -> Any:
    from mlroles.loader import load_catalog

    return load_catalog(_catalog_path(ctx))


def _catalog_path(ctx: typer.Context) -> Any:
    """The catalog every command reads: `--data`, else `MLROLES_DATA`, else the bundled one."""
    from mlroles.loader import choose_path

    obj = ctx.find_root().obj or {}
    return choose_path(obj.get("data"))


@app.command("list")
def list_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    tool: Annotated[
        list[str] | None,
        typer.Option(
            "--tool",
            metavar="NAME",
            help="Only roles that use this tool (any case or common spelling); repeat for any of"
            " several.",
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar="GROUP",
            help="Only roles in this hiring group (ml-adjacent, core-ml, business-analytics);"
            " repeat for any of several. With --tool, a role must match both.",
        ),
    ] = None,
) -> None:
    """List the roles: a table on a terminal, one tab-separated line per role in a pipe.

    \b
    Examples:
      mlroles list
      mlroles list | cut -f1
      mlroles list --json | jq -r '.[].title'
      mlroles list --tool kafka --tool k8s --group ml-adjacent
    """
    from mlroles import queries, render

    result = queries.list_roles(_catalog(ctx))
    if tool or group:
        from mlroles.filters import filter_roles

        result = filter_roles(result, tool or [], group or [])
    if json_output:
        render.emit(render.to_json(result.to_data()))
    elif result.roles and render.stdout_is_terminal():
        render.print_renderable(render.list_table(result))
    else:
        render.emit(render.list_plain(result))
    _fail_if_empty(result.roles, result)


@app.command("show")
def show_command(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="A role id, alias or title (e.g. devops).")],
    json_output: JsonOption = False,
) -> None:
    """Show everything about one role, sources last.

    \b
    Examples:
      mlroles show devops
      mlroles show "ML Engineer" --json | jq '.tools'
    """
    from mlroles import queries, render

    result = queries.show_role(_catalog(ctx), role)
    if json_output:
        render.emit(render.to_json(result.to_data()))
    else:
        render.print_renderable(render.show_table(result))


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    roles: Annotated[list[str], typer.Argument(help="Two or more role ids, aliases or titles.")],
    json_output: JsonOption = False,
) -> None:
    """Compare roles side by side: one column per role, one row per field.

    \b
    Examples:
      mlroles compare mle researcher
      mlroles compare de devops mle --json | jq '.tools.shared'
    """
    from mlroles import queries, render

    result = queries.compare_roles(_catalog(ctx), roles)
    if json_output:
        render.emit(render.to_json(result.to_data()))
    else:
        render.print_renderable(render.compare_table(result))


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

    Exits 0 when the catalog is valid, 3 when it is not.

    \b
    Examples:
      mlroles validate team.yaml
      mlroles --data team.yaml validate
      mlroles validate team.yaml --json | jq '.errors[].message'
    """
    from pathlib import Path

    from mlroles import render
    from mlroles.validation import check_catalog

    report = check_catalog(Path(path) if path else _catalog_path(ctx))
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
      mlroles schema | jq '.$defs.Role.required'
    """
    from mlroles import render
    from mlroles.schema import catalog_schema

    render.emit(render.to_json(catalog_schema()))


@app.command("init")
def init_command(
    path: Annotated[str, typer.Argument(help="Where to write the new catalog.")],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a starter catalog to PATH: the bundled roles, under a header that explains the format.

    Never replaces an existing file unless --force is given.

    \b
    Examples:
      mlroles init team.yaml
      mlroles --data team.yaml list
    """
    from pathlib import Path

    from mlroles import render
    from mlroles.starter import write_starter

    render.emit(write_starter(Path(path), force=force).summary())


def _fail_if_empty(found: list[Any], result: Any) -> None:
    """Like grep: nothing found is exit 1, with the result's reason on stderr."""
    if not found:
        from mlroles.errors import NoResult

        raise NoResult(result.empty_message())


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY", help="Words that must all occur in a role.")
    ],
    json_output: JsonOption = False,
) -> None:
    """Search every text field of every role; all the words must match, best role first.

    A word in an id, title, alias or tool outranks one in the prose. Nothing found: exit 1.

    \b
    Examples:
      mlroles search kafka
      mlroles search train models --json | jq -r '.[0].id'
    """
    from mlroles import render, render_search, search

    result = search.search(_catalog(ctx), " ".join(query))
    if json_output:
        render.emit(render.to_json(result.to_data()))
    elif result.hits and render.stdout_is_terminal():
        render.print_renderable(render_search.search_table(result))
    else:
        render.emit(render_search.search_plain(result))
    _fail_if_empty(result.hits, result)


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
        str | None,
        typer.Option(
            "--skills",
            metavar="NAME=LEVEL,...",
            help="Your levels from 0 to 1: machine_learning, software_engineering, communication.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Rank every role by how well it fits what you have, best first, with what is missing.

    The score (0 to 1) is the share of a role's tools you have, averaged with how close your
    --skills levels are to the role's; see the README for the formula.

    \b
    Examples:
      mlroles match --have python,docker,tensorflow
      mlroles match --have sql,excel --skills machine_learning=0.4,communication=0.8
      mlroles match --have kafka --json | jq -r '.[0].id'
    """
    from mlroles import match, render, render_match

    result = match.match_roles(_catalog(ctx), have or [], skills)
    for note in render_match.match_notes(result):
        sys.stderr.write(f"mlroles: {note}\n")
    if json_output:
        render.emit(render.to_json(result.to_data()))
    elif render.stdout_is_terminal():
        render.print_renderable(render_match.match_table(result))
    else:
        render.emit(render_match.match_plain(result))


@app.command("map")
def map_command(
    ctx: typer.Context,
    highlight: Annotated[
        str | None,
        typer.Option("--highlight", metavar="ROLE", help="Mark one role (an id, alias or title)."),
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
) -> None:
    """Draw the skills chart: machine learning across, software engineering up.

    The marker's shape shows how much communication a role needs (see the legend under it).

    \b
    Examples:
      mlroles map
      mlroles map --highlight mle --width 60
      mlroles map --json | jq -r '.[] | "\\(.id) \\(.x) \\(.y)"'
    """
    from mlroles import render, render_map, skillmap

    result = skillmap.skill_map(_catalog(ctx), highlight)
    if json_output:
        render.emit(render.to_json(result.to_data()))
        return
    columns = skillmap.chart_width(width, render.make_console().width)
    glyphs = render_map.glyphs_for(sys.stdout)
    if render.stdout_is_terminal():
        render.print_renderable(render_map.map_text(result, columns, glyphs))
    else:
        render.emit(render_map.map_plain(result, columns, glyphs))


def main() -> NoReturn:
    """The console script's entry point."""
    app(prog_name="mlroles")
    raise SystemExit(0)  # pragma: no cover - app() always exits
