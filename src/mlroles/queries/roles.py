"""`mlroles list`, `show` and `compare`: the roles of a catalog, one of them, several side by side.

`list --tool NAME --group GROUP` keeps the roles that use a tool or belong to a group.
Semantics: several `--tool` options mean "uses any of these tools", several `--group` options
mean "in any of these groups", and `--tool` with `--group` means both at once. Tools match
whatever their case or spelling (see `tools.py`); groups are the catalog's hiring groups.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from mlroles.catalog.entries import Archetype, Catalog, Group, Role, Skill, to_data
from mlroles.errors import UsageProblem
from mlroles.queries.names import find_role, find_roles, slugify
from mlroles.queries.outcome import Found, Outcome
from mlroles.queries.path import Nearby, closest_roles
from mlroles.queries.tools import normalize, tool_key


@dataclass(frozen=True)
class RoleList(Found):
    """`mlroles list`: roles in catalog order."""

    roles: list[Role]
    #: The catalog's hiring groups (what `--group` takes, and what each is).
    catalog_groups: list[Group] = field(default_factory=list)

    def found(self) -> bool:
        return bool(self.roles)

    def empty_message(self) -> str:
        return "the catalog has no roles"

    def to_data(self) -> list[dict[str, Any]]:
        return [to_data(role) for role in self.roles]


@dataclass(frozen=True)
class RoleDetail(Outcome):
    """`mlroles show`: one role, with its hiring group, the catalog's skill axes, the file it
    came from when the catalog extends another (None otherwise), and the roles closest to it
    (none of which is in its JSON, which keeps exactly the catalog's keys)."""

    role: Role
    skills: list[Skill] = field(default_factory=list)
    group: Group | None = None
    origin: str | None = None
    closest: list[Nearby] = field(default_factory=list)
    #: The archetypes that rely on the role (not in its JSON, which keeps the catalog's keys).
    relied_on_by: list[Archetype] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return to_data(self.role)


@dataclass(frozen=True)
class Comparison(Outcome):
    """`mlroles compare`: roles side by side, with the tools they share and those they don't."""

    roles: list[Role]
    shared: list[str]
    only: dict[str, list[str]]
    #: For each tool (by its lower-case name), the ids of the compared roles that use it.
    users: dict[str, list[str]] = field(default_factory=dict)
    #: The catalog's skill axes, in its order.
    skills: list[Skill] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {
            "roles": [to_data(role) for role in self.roles],
            "tools": {"shared": self.shared, "only": self.only},
        }


def list_roles(
    catalog: Catalog, tools: list[str] | None = None, groups: list[str] | None = None
) -> RoleList:
    """The roles of the catalog; with `tools` or `groups`, only those that match them."""
    listed = RoleList(list(catalog.roles), list(catalog.groups))
    return filter_roles(listed, tools or [], groups or []) if tools or groups else listed


def show_role(catalog: Catalog, name: str) -> RoleDetail:
    role = find_role(catalog, name)
    origin = catalog.origin(role.id) if catalog.extends_another else None
    return RoleDetail(
        role,
        list(catalog.skills),
        catalog.group(role.group),
        origin,
        closest=closest_roles(catalog, role),
        relied_on_by=catalog.archetypes_relying_on(role.id),
    )


def compare_roles(catalog: Catalog, names: list[str]) -> Comparison:
    roles = find_roles(catalog, names)
    if len(roles) < 2:
        raise UsageProblem(
            "compare needs at least two different roles"
            f" (got {', '.join(repr(n) for n in names) or 'none'})"
        )
    users: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for role in roles:
        for tool in role.tools:
            key = tool.casefold()
            spelling.setdefault(key, tool)
            if role.id not in users.setdefault(key, []):
                users[key].append(role.id)
    shared = [spelling[key] for key, ids in users.items() if len(ids) == len(roles)]
    only = {
        role.id: [tool for tool in role.tools if users[tool.casefold()] == [role.id]]
        for role in roles
    }
    return Comparison(roles, shared, only, users, list(catalog.skills))


# --- list's filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class FilteredRoleList(RoleList):
    """`mlroles list` with filters: the roles kept, in catalog order, and what was asked."""

    tools: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    #: For each asked tool that no role in the catalog uses, the closest tool that one does.
    suggestions: dict[str, str] = field(default_factory=dict)

    def empty_message(self) -> str:
        """Why nothing was listed, in one line."""
        tools = " or ".join(repr(tool) for tool in self.tools)
        groups = " or ".join(repr(group) for group in self.groups)
        if tools and groups:
            message = f"no role in group {groups} uses {tools}"
        elif tools:
            message = f"no role uses {tools}"
        else:
            message = f"no role in group {groups}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(
                repr(close) for close in self.suggestions.values()
            )
            message += "?"
        return message

    @property
    def asked_groups(self) -> list[Group]:
        """The hiring groups asked for, as the catalog declares them (title and summary)."""
        known = {group.id: group for group in self.catalog_groups}
        return [known[group] for group in self.groups if group in known]


def parse_group(name: str, known: list[str] | tuple[str, ...] | None = None) -> str:
    """A group as typed (any case; spaces or underscores for hyphens), or a usage error."""
    from mlroles.catalog.entries import GROUPS

    ids = list(known) if known is not None else list(GROUPS)
    group = slugify(name)
    if group in ids:
        return group
    close = difflib.get_close_matches(group, ids, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UsageProblem(f"unknown group {name!r}{hint} (groups: {', '.join(ids)})")


def filter_roles(listed: RoleList, tools: list[str], groups: list[str]) -> FilteredRoleList:
    """The roles of `listed` that use any of `tools` and are in any of `groups` (each if given)."""
    known = [group.id for group in listed.catalog_groups] or None
    wanted_groups = list(dict.fromkeys(parse_group(group, known) for group in groups))
    asked_tools = list(dict.fromkeys(tool.strip() for tool in tools if tool.strip()))
    if tools and not asked_tools:
        raise UsageProblem("--tool needs a tool name (like --tool kafka)")
    wanted_tools = {tool_key(tool) for tool in asked_tools}
    kept = [
        role
        for role in listed.roles
        if (not wanted_groups or role.group in wanted_groups)
        and (not wanted_tools or any(tool_key(tool) in wanted_tools for tool in role.tools))
    ]
    return FilteredRoleList(
        kept,
        listed.catalog_groups,
        asked_tools,
        wanted_groups,
        _suggest_tools(listed, asked_tools) if not kept else {},
    )


def _suggest_tools(listed: RoleList, asked: list[str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for role in listed.roles:
        for tool in role.tools:
            known.setdefault(normalize(tool), tool)
    used = {tool_key(tool) for tool in known.values()}
    suggestions: dict[str, str] = {}
    for tool in asked:
        if tool_key(tool) in used:
            continue
        close = difflib.get_close_matches(normalize(tool), list(known), n=1, cutoff=0.75)
        if close:
            suggestions[tool] = known[close[0]]
    return suggestions
