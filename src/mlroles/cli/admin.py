"""The commands that look after a catalog: `validate`, `schema` and `init`."""

from typing import Annotated

import typer

from mlroles.cli.app import app
from mlroles.cli.completion import catalog_path
from mlroles.errors import ExitCode


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

    from mlroles.queries.validate import check_catalog
    from mlroles.render.stream import emit
    from mlroles.render.text import to_json

    report = check_catalog(Path(path) if path else catalog_path(ctx))
    if json_output:
        emit(to_json(report.to_data()))
        if not report.valid:
            raise typer.Exit(ExitCode.INVALID_CATALOG)
    elif not report.valid:
        raise report.error()
    else:
        emit(report.summary())


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of a catalog file, for editors and other tools.

    \b
    Examples:
      mlroles schema > mlroles.schema.json
      mlroles schema | jq '."$defs".Role.required'
    """
    from mlroles.queries.schema import catalog_schema
    from mlroles.render.stream import emit
    from mlroles.render.text import to_json

    emit(to_json(catalog_schema()))


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

    from mlroles.queries.starter import write_starter
    from mlroles.render.stream import emit

    emit(write_starter(Path(path), force=force).summary())
