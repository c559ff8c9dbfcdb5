"""The commands about whole teams: `org list`, `org show`, `org compare` (the ways a company
organises its ML work) and `team` (a roster held against one of them)."""

from typing import Annotated

import typer

from mlroles.cli.app import FormatOption, JsonOption, app, catalog, finish, format_option
from mlroles.cli.boundary import Group
from mlroles.cli.completion import complete_archetype, complete_roster
from mlroles.render import formats
from mlroles.render.formats import Format

org_app = typer.Typer(
    name="org",
    cls=Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(org_app, name="org")


@org_app.callback()
def _org() -> None:
    """The ways a company organises its ML work (archetypes; the bundled catalog has the course's
    five), and the roles each relies on.

    \b
    Examples:
      mlroles org list
      mlroles org show embedded
    """


@org_app.command("list")
def org_list_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List the archetypes, least mature in ML first: a table on a terminal, one tab-separated
    line each in a pipe.

    \b
    Examples:
      mlroles org list
      mlroles org list --json | jq -r '.[].id'

    A catalog with no archetypes: exit 1 (with --json, [] on stdout).
    """
    from mlroles.queries import org

    chosen = formats.choose(fmt, json_output)
    finish(ctx, org.list_archetypes(catalog(ctx)), chosen)


@org_app.command("show")
def org_show_command(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="An archetype id, alias or title (e.g. embedded).",
            autocompletion=complete_archetype,
        ),
    ],
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Show one archetype: companies, pros and cons, design choices, the roles it relies on.

    \b
    Examples:
      mlroles org show embedded
      mlroles org show centralised --json | jq -r '.relies_on[].role'

    Roles marked * are our reading; the others the course names.
    """
    from mlroles.queries import org

    chosen = formats.choose(fmt, json_output)
    finish(ctx, org.show_archetype(catalog(ctx), name), chosen)


@org_app.command("compare")
def org_compare_command(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Two or more archetype ids, aliases or titles.",
            autocompletion=complete_archetype,
        ),
    ],
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Compare archetypes side by side: one column each, one row per field and relied-on role.

    \b
    Examples:
      mlroles org compare embedded independent
      mlroles org compare rnd ml-first --json | jq '.archetypes[].cons'
    """
    from mlroles.queries import org

    chosen = formats.choose(fmt, json_output)
    finish(ctx, org.compare_archetypes(catalog(ctx), names), chosen)


@app.command("team")
def team_command(
    ctx: typer.Context,
    roster: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROSTER]",
            help="A roster: a YAML file of people, their roles, tools and skills.",
            autocompletion=complete_roster,
            show_default=False,
        ),
    ] = None,
    archetype: Annotated[
        str | None,
        typer.Option(
            "--archetype",
            metavar="NAME",
            help="The archetype to hold the team against; wins over the roster's `archetype:`.",
            autocompletion=complete_archetype,
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Check a team against the way it means to organise: what is covered, what is missing,
    and whom to hire next.

    \b
    Examples:
      mlroles team --archetype embedded
      mlroles team --archetype independent --json | jq -r '.hiring_order[].role'

    With no ROSTER, plans from an empty team: every role the archetype relies on, in hiring
    order. Without --archetype or `archetype:` in the roster, the team is held against the
    archetype it most resembles. "Resembles", the next hire and the order are our reading
    (docs/teams.md), not the course's. A roster with problems: exit 3, each problem with its
    line.
    """
    from mlroles.queries import team

    chosen = formats.choose(fmt, json_output)
    finish(ctx, team.check_team(catalog(ctx), roster, archetype), chosen)
