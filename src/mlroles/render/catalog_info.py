"""Drawing `mlroles tools`: a table for people, tab-separated lines for programs, Markdown.

Catalog text goes into the tables as Rich `Text`, never as markup. Rich is imported only by the
functions that draw tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.queries.catalog_info import ToolIndex
from mlroles.render.text import md_cell, md_code, md_table, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType


# --- tools -----------------------------------------------------------------------------------


def tools_plain(result: ToolIndex) -> str:
    """One tool a line: its name, then the ids of its roles joined with ","."""
    return "".join(f"{scalar(tool.name)}\t{','.join(tool.roles)}\n" for tool in result.tools)


def tools_table(result: ToolIndex) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("tool", style="bold", overflow="fold")
    table.add_column("roles", style="cyan", ratio=1, overflow="fold")
    for tool in result.tools:
        table.add_row(Text(tool.name), Text(", ".join(tool.roles)))
    return table


def tools_markdown(result: ToolIndex) -> str:
    rows = [
        [md_cell(tool.name), ", ".join(md_code(role) for role in tool.roles)]
        for tool in result.tools
    ]
    return md_table(["tool", "roles"], rows)
