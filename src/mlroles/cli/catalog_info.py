"""The commands that index what a catalog holds beside its roles: `tools`."""

from typing import Annotated

import typer

from mlroles.cli.app import JsonOption, app, catalog, format_option
from mlroles.render import registry
from mlroles.render.registry import Format


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
    from mlroles.cli.roles import _write_found
    from mlroles.queries.catalog_info import tool_index

    chosen = registry.choose(fmt, json_output)
    result = tool_index(catalog(ctx))
    _write_found(result, result.tools, chosen)
