"""`mlroles groups` and `mlroles tools`: what a catalog holds beside its roles, as indexes.

`groups` lists the catalog's hiring groups as it declares them, in its order. `tools` merges the
tools of every role by `tools.tool_key`, so that "sklearn" in one role and "scikit-learn" in
another are one tool; it is named as the catalog first spells it, and the index is in
alphabetical order (case-insensitive), each tool's roles in catalog order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlroles.catalog.entries import Catalog, Group
from mlroles.queries.outcome import Found, Outcome
from mlroles.queries.tools import tool_key


@dataclass(frozen=True)
class GroupList(Outcome):
    """`mlroles groups`: the catalog's hiring groups, in catalog order."""

    groups: list[Group]

    def to_data(self) -> list[dict[str, Any]]:
        return [
            {"id": group.id, "title": group.title, "summary": group.summary}
            for group in self.groups
        ]


def group_list(catalog: Catalog) -> GroupList:
    return GroupList(list(catalog.groups))


@dataclass(frozen=True)
class ToolUse:
    """One tool and the ids of the roles that name it (in any spelling)."""

    name: str
    roles: list[str]


@dataclass(frozen=True)
class ToolIndex(Found):
    """`mlroles tools`: every tool named in the catalog, with the roles that use it."""

    tools: list[ToolUse]

    def found(self) -> bool:
        return bool(self.tools)

    def to_data(self) -> list[dict[str, Any]]:
        return [{"name": tool.name, "roles": list(tool.roles)} for tool in self.tools]

    def empty_message(self) -> str:
        return "no role in the catalog names a tool"


def tool_index(catalog: Catalog) -> ToolIndex:
    """Every tool of every role, merged by spelling, alphabetical; roles in catalog order."""
    names: dict[str, str] = {}
    users: dict[str, list[str]] = {}
    for role in catalog.roles:
        for tool in role.tools:
            key = tool_key(tool)
            names.setdefault(key, tool)
            ids = users.setdefault(key, [])
            if not ids or ids[-1] != role.id:  # a role that names a tool twice counts once
                ids.append(role.id)
    ordered = sorted(names, key=lambda key: (names[key].casefold(), names[key]))
    return ToolIndex([ToolUse(names[key], users[key]) for key in ordered])
