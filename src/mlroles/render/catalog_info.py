"""Drawing `mlroles groups` and `mlroles tools`: a table for people, tab-separated lines for
programs, Markdown.

Catalog text goes into the tables as Rich `Text`, never as markup. Rich is imported only by the
functions that draw tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlroles.queries.catalog_info import GroupList, ToolIndex
from mlroles.render.text import md_cell, md_code, md_table, scalar

if TYPE_CHECKING:
    from rich.console import RenderableType


# --- groups --------------------------------------------------------------------------------


def groups_plain(result: GroupList) -> str:
    """One group a line: id, title and summary, tab-separated."""
    return "".join(
        f"{group.id}\t{scalar(group.title)}\t{scalar(group.summary)}\n" for group in result.groups
    )


def groups_table(result: GroupList) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from mlroles.render.narrow import ByWidth

    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("summary", ratio=1, overflow="fold")
    for group in result.groups:
        table.add_row(Text(group.id), Text(group.title), Text(group.summary))
    return ByWidth(table, _group_blocks(result))


def _group_blocks(result: GroupList) -> RenderableType:
    """A block per group, for a terminal too narrow for three columns."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    blocks: list[RenderableType] = []
    for group in result.groups:
        blocks.append(Text.assemble((group.id, "bold cyan"), "  ", group.title, overflow="fold"))
        blocks.append(Padding(Text(group.summary, overflow="fold"), (0, 0, 1, 2)))
    return Group(*blocks)


def groups_markdown(result: GroupList) -> str:
    rows = [
        [md_code(group.id), md_cell(group.title), md_cell(group.summary)] for group in result.groups
    ]
    return md_table(["id", "title", "summary"], rows)


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
