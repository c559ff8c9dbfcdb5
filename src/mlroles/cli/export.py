"""`mlroles export`: the whole catalog as one document."""

from typing import Annotated

import typer

from mlroles.cli.app import app, catalog, finish
from mlroles.cli.completion import catalog_path
from mlroles.render.formats import ExportFormat, Format


@app.command("export")
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            case_sensitive=False,
            help="html (a self-contained page) or markdown.",
        ),
    ] = ExportFormat.HTML,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Write to PATH instead of stdout (never over a file without --force).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write the whole catalog as one document: every role, the chart, archetypes, hiring advice.

    \b
    Examples:
      mlroles export -o handbook.html
      mlroles export --format markdown > handbook.md

    The HTML page holds everything it shows (no request leaves it) and prints well; the
    Markdown has the chart in characters. With -o, the file is written as `init` writes:
    all at once, never over an existing file unless --force is given, never onto a link or a
    device. See docs/pictures.md.
    """
    from pathlib import Path

    from mlroles.queries.export import handbook
    from mlroles.render import export

    result = handbook(catalog(ctx), catalog_path(ctx))
    if output is None:
        finish(ctx, result, fmt)
    else:
        finish(ctx, export.save(result, fmt, Path(output), force=force), Format.PLAIN)
