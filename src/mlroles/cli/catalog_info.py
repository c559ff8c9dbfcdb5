"""The commands that index what a catalog holds beside its roles: `groups` and `tools`."""

from typing import Annotated

import typer

from mlroles.cli.app import JsonOption, app, catalog, finish, format_option
from mlroles.render import formats
from mlroles.render.formats import Format


@app.command("groups")
def groups_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List the catalog's hiring groups: the sets of roles that are hired for alike.

    \b
    Examples:
      mlroles groups
      mlroles groups --json | jq -r '.[].id'

    Each group's summary says what its roles have in common; `mlroles list --group GROUP`
    lists them, and a catalog declares its own groups (see docs/catalog.md).
    """
    from mlroles.queries.catalog_info import group_list

    chosen = formats.choose(fmt, json_output)
    finish(ctx, group_list(catalog(ctx)), chosen)


@app.command("tools")
def tools_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    fmt: Annotated[Format | None, format_option(piped=Format.PLAIN)] = None,
) -> None:
    """List every tool the catalog names, with the roles that use it.

    \b
    Examples:
      mlroles tools
      mlroles tools --json | jq -r '.[] | select(.roles | length > 1) | .name'

    Spellings of one tool (sklearn, scikit-learn) are merged, under the catalog's first
    spelling; tools are in alphabetical order, each one's roles in catalog order. A catalog
    whose roles name no tool: exit 1.
    """
    from mlroles.queries.catalog_info import tool_index

    chosen = formats.choose(fmt, json_output)
    finish(ctx, tool_index(catalog(ctx)), chosen)
