"""Questions asked of a catalog, each answered by one result object that every renderer takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlroles.errors import UsageProblem
from mlroles.models import Catalog, Role, role_to_data
from mlroles.resolve import find_role, find_roles


@dataclass(frozen=True)
class RoleList:
    """`mlroles list`: roles in catalog order."""

    roles: list[Role]

    def to_data(self) -> list[dict[str, Any]]:
        return [role_to_data(role) for role in self.roles]


@dataclass(frozen=True)
class RoleDetail:
    """`mlroles show`: one role."""

    role: Role

    def to_data(self) -> dict[str, Any]:
        return role_to_data(self.role)


@dataclass(frozen=True)
class Comparison:
    """`mlroles compare`: roles side by side, with the tools they share and those they don't."""

    roles: list[Role]
    shared: list[str]
    only: dict[str, list[str]]
    #: For each tool (by its lower-case name), the ids of the compared roles that use it.
    users: dict[str, list[str]] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {
            "roles": [role_to_data(role) for role in self.roles],
            "tools": {"shared": self.shared, "only": self.only},
        }


def list_roles(catalog: Catalog) -> RoleList:
    return RoleList(list(catalog.roles))


def show_role(catalog: Catalog, name: str) -> RoleDetail:
    return RoleDetail(find_role(catalog, name))


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
    return Comparison(roles, shared, only, users)
