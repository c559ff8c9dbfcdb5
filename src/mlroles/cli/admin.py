"""The commands that look after a catalog: `validate`, `schema` and `init`."""

from typing import Annotated

import typer

from mlroles.cli.app import JsonOption, app, finish
from mlroles.cli.completion import catalog_path
from mlroles.errors import UsageProblem
from mlroles.render import formats
from mlroles.render.formats import CheckFormat, Format


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Catalog files to check, each on its own (default: the one every command reads).",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            case_sensitive=False,
            show_default=False,
            help="table, plain, json, yaml, markdown, or github: one GitHub Actions annotation"
            " (::error file=F,line=L,col=C::message) per problem, on stdout.",
        ),
    ] = None,
) -> None:
    """Check catalogs: say how many roles each holds, or list every error with its line.

    \b
    Examples:
      mlroles validate
      mlroles validate --json | jq -r '.errors[].message'

    With no PATH, checks the catalog every command reads (--data, MLROLES_DATA, or the
    bundled one). Several PATHs are each checked, whatever the others hold. Exits 0 when
    every catalog is valid, 3 when any is not; the errors go to stderr, one a line, unless
    the format carries them (json, yaml: {valid, roles, errors, omitted, files}; github).
    """
    from pathlib import Path

    from mlroles.queries.validate import check_catalogs

    chosen = formats.choose(fmt, json_output)
    run = check_catalogs([Path(path) for path in paths] if paths else [catalog_path(ctx)])
    finish(ctx, run, chosen)


@app.command("schema")
def schema_command(ctx: typer.Context) -> None:
    """Print the JSON Schema (draft 2020-12) of a catalog file, for editors and other tools.

    \b
    Examples:
      mlroles schema > mlroles.schema.json
      mlroles schema | jq '."$defs".Role.required'
    """
    from mlroles.queries.schema import schema

    finish(ctx, schema(), Format.JSON)


@app.command("init")
def init_command(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="PATH", help="Where to write the new catalog.")],
    minimal: Annotated[
        bool,
        typer.Option(
            "--minimal", help="Write one role of your own instead, every field explained."
        ),
    ] = False,
    extends: Annotated[
        bool,
        typer.Option(
            "--extends",
            help="Write a file that extends the bundled catalog: one added role, one"
            " override in comments.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a starter catalog to PATH: the bundled roles, under a header that explains the format.

    \b
    Examples:
      mlroles init team.yaml
      mlroles init my-roles.yaml --extends

    --minimal writes a catalog of one role instead, every field explained beside it; --extends
    a file that builds on the bundled catalog. Both start with the YAML language server's
    schema comment. Never replaces an existing file unless --force is given. Then edit it and
    use it with `mlroles --data team.yaml list`, or `export MLROLES_DATA=team.yaml`.
    """
    from pathlib import Path

    if minimal and extends:
        raise UsageProblem("--minimal and --extends are two different starters; give one")
    if minimal or extends:
        from mlroles.queries.templates import write_template

        started = write_template(Path(path), "minimal" if minimal else "extends", force=force)
    else:
        from mlroles.queries.starter import write_starter

        started = write_starter(Path(path), force=force)
    finish(ctx, started, Format.PLAIN)
