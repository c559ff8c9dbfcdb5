"""`mlroles path`: from one role (or from you) to another."""

from typing import Annotated

import typer

from mlroles.cli.app import FormatOption, JsonOption, app, catalog, finish
from mlroles.cli.completion import complete_role
from mlroles.render import formats

HaveOption = Annotated[
    list[str] | None,
    typer.Option(
        "--have",
        metavar="TOOL,...",
        help="Where you come from, instead of FROM: tools you have, comma-separated (any case or"
        " common spelling); repeatable.",
    ),
]
SkillsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--skills",
        metavar="NAME=LEVEL,...",
        help="Where you come from, instead of FROM: your levels from 0 to 1 on the catalog's"
        " skill axes, read as match reads them; repeatable.",
    ),
]


@app.command("path")
def path_command(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="[FROM] TO",
            help="The role you come from (or --have/--skills for you) and the role you go to:"
            " ids, aliases or titles.",
            autocompletion=complete_role,
        ),
    ],
    have: HaveOption = None,
    skills: SkillsOption = None,
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """From one role to another: tools to keep, learn and leave, skills, hiring advice.

    \b
    Examples:
      mlroles path ds mle
      mlroles path --have sql,excel --skills ml=0.4,comm=0.8 mle

    The overlap (0 to 1) is our reading, not the course's: the mean of the tool overlap and
    the skill closeness (see docs/paths.md). The same role twice: exit 2; an unknown role:
    exit 1.
    """
    from mlroles.errors import UsageProblem
    from mlroles.queries import path

    chosen = formats.choose(fmt, json_output)
    if len(roles) > 2:
        raise UsageProblem(f"path takes FROM and TO, or TO alone; got {len(roles)} roles")
    if len(roles) == 2:
        if have or skills:
            raise UsageProblem("path: give FROM or --have/--skills, not both")
        result = path.path_between(catalog(ctx), roles[0], roles[1])
    else:
        if not have and not skills:
            raise UsageProblem(
                "path needs where you come from: FROM TO, or --have TOOL,... and/or"
                " --skills NAME=LEVEL,... with TO"
            )
        result = path.path_from_you(catalog(ctx), have or [], skills, roles[0])
    finish(ctx, result, chosen)
