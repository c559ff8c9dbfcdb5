"""The command that helps hire for a role: `hire`."""

from typing import Annotated

import typer

from mlroles.cli.app import FormatOption, JsonOption, app, catalog, finish
from mlroles.cli.completion import complete_role
from mlroles.render import formats


@app.command("hire")
def hire_command(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="A role id, alias or title (e.g. mle).",
            autocompletion=complete_role,
        ),
    ],
    ad: Annotated[
        bool,
        typer.Option("--ad", help="Print the job ad alone, ready for a job board."),
    ] = False,
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Brief a hiring manager on a role: a job ad, then the advice on hiring and interviewing.

    \b
    Examples:
      mlroles hire mle
      mlroles hire researcher --ad --format markdown > ad.md

    The ad is written for candidates: no skill levels, notes or sources in it. The advice
    says whom each item is for (this role, its hiring group, every industry ML role) and
    cites its sources; the interview marks each assessment type as tied to the role by its
    sources, common to every industry ML role, or our reading.
    """
    from mlroles.queries import hire

    chosen = formats.choose(fmt, json_output)
    brief = hire.hiring_brief(catalog(ctx), role)
    finish(ctx, brief.ad if ad else brief, chosen)
