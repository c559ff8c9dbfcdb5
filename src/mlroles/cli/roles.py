"""The commands that ask about roles: `list`, `show`, `compare`, `search`, `match` and `map`."""

from typing import Annotated

import typer

from mlroles.cli.app import FormatOption, JsonOption, app, catalog, finish, format_option
from mlroles.cli.completion import complete_group, complete_role, complete_tool
from mlroles.render import formats
from mlroles.render.formats import ChartFormat, Format


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
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List the roles: a table on a terminal, one tab-separated line per role in a pipe.

    \b
    Examples:
      mlroles list | cut -f1
      mlroles list --tool kafka --group ml-adjacent

    Several --tool (or --group) options mean any of them; --tool with --group means both.
    No role left after the filters: exit 1.
    """
    from mlroles.queries import roles as role_queries

    chosen = formats.choose(fmt, json_output)  # a usage error before any work
    finish(ctx, role_queries.list_roles(catalog(ctx), tool, group), chosen)


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
    from mlroles.queries import roles as role_queries

    chosen = formats.choose(fmt, json_output)
    finish(ctx, role_queries.show_role(catalog(ctx), role), chosen)


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
    from mlroles.queries import roles as role_queries

    chosen = formats.choose(fmt, json_output)
    finish(ctx, role_queries.compare_roles(catalog(ctx), roles), chosen)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help="Words that must all occur in one entry."),
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only entries of this kind: role, archetype, guidance or assessment; repeat for"
            " any of several.",
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """Search the roles, archetypes, hiring guidance and assessments; all the words must match.

    \b
    Examples:
      mlroles search kafka
      mlroles search training models --kind role --json | jq -r '.[0].id'

    Words also find their other forms (training finds "Train"), and "machine learning" counts
    as "ml". Each result says its kind; a word in a name outranks one in the prose. Nothing
    found: exit 1 (with --json, [] on stdout).
    """
    from mlroles.queries import search

    chosen = formats.choose(fmt, json_output)
    finish(ctx, search.search(catalog(ctx), " ".join(query), kind or []), chosen)


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
            help="Your levels from 0 to 1 on the catalog's skill axes (ids or aliases:"
            " machine_learning or ml, software_engineering or se, communication or comm, for the"
            " bundled catalog); repeatable.",
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="ROLE",
            help="Instead of ranking every role, the path from you to this one, printed as"
            " mlroles path --have ... --skills ... ROLE prints it (a page in a pipe too).",
            autocompletion=complete_role,
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """Rank every role by how well it fits what you have, best first, with what is missing.

    \b
    Examples:
      mlroles match --have python,docker,tensorflow
      mlroles match --have sql,excel --skills ml=0.4,comm=0.8 --target mle

    The score (0 to 1) is the share of a role's tools you have, averaged with how close your
    --skills levels are to the role's; see the README for the formula. --target ROLE gives
    the path from you to that role instead, as mlroles path --have ... --skills ... ROLE.
    """
    from mlroles.queries import match

    chosen = formats.choose(fmt, json_output)
    if target is not None:
        from mlroles.queries import path

        finish(ctx, path.path_from_you(catalog(ctx), have or [], skills, target), chosen)
        return
    finish(ctx, match.match_roles(catalog(ctx), have or [], skills), chosen)


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
    x: Annotated[
        str | None,
        typer.Option(
            "--x",
            metavar="SKILL",
            help="The skill axis across (an id or alias; default: the catalog's first).",
        ),
    ] = None,
    y: Annotated[
        str | None,
        typer.Option(
            "--y",
            metavar="SKILL",
            help="The skill axis up (an id or alias; default: the catalog's second).",
        ),
    ] = None,
    json_output: JsonOption = False,
    fmt: Annotated[
        ChartFormat | None,
        format_option(
            piped=Format.PLAIN,
            plain="the chart without colour; svg is a picture",
            formats=ChartFormat,
        ),
    ] = None,
) -> None:
    """Draw the skills chart: machine learning across, software engineering up.

    \b
    Examples:
      mlroles map --highlight mle
      mlroles map --format svg --highlight mle > skills.svg

    --x and --y pick two of the catalog's skill axes (--x communication --y ml); the marker's
    shape shows the level on the next one (communication, for the bundled catalog; see the
    legend under the chart). --format svg draws the chart as a picture, each bubble's area
    standing for that level (see docs/pictures.md).
    """
    from mlroles.queries import skillmap

    chosen = formats.choose(fmt, json_output)
    skillmap.check_width(width)  # a usage error before any work
    finish(ctx, skillmap.skill_map(catalog(ctx), highlight, x, y, width), chosen)
