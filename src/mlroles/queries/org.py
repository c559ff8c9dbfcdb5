"""`mlroles org list`, `org show` and `org compare`: the ways a company organises its ML work
(the catalog's archetypes), one of them, several side by side.

Archetype names resolve as role names do (`names.py`): any case, spaces for hyphens, an id, an
alias or a title, and the closest names when none matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlroles.catalog.entries import Archetype, Catalog, Role, to_data
from mlroles.errors import ArchetypeNotFound, UsageProblem
from mlroles.queries.names import canonical, close_names, index_names
from mlroles.queries.outcome import Found, Outcome

#: Said where a catalog has no archetypes at all (a version 1 catalog has none).
NO_ARCHETYPES = "the catalog in use has no archetypes"


def archetype_to_data(archetype: Archetype) -> dict[str, Any]:
    """An archetype as plain JSON-ready data, with exactly the keys of the catalog file."""
    return to_data(archetype)


@dataclass(frozen=True)
class ArchetypeList(Found):
    """`mlroles org list`: the archetypes in catalog order (the course's: least mature first)."""

    archetypes: list[Archetype]

    def found(self) -> bool:
        return bool(self.archetypes)

    def to_data(self) -> list[dict[str, Any]]:
        return [archetype_to_data(archetype) for archetype in self.archetypes]

    def empty_message(self) -> str:
        return NO_ARCHETYPES


@dataclass(frozen=True)
class ArchetypeDetail(Outcome):
    """`mlroles org show`: one archetype, with the roles it relies on as the catalog has them."""

    archetype: Archetype
    #: Role id -> role, for the roles its `relies_on` names (to show their titles).
    roles: dict[str, Role]

    def to_data(self) -> dict[str, Any]:
        return archetype_to_data(self.archetype)


@dataclass(frozen=True)
class ArchetypeComparison(Outcome):
    """`mlroles org compare`: archetypes side by side, in the order asked."""

    archetypes: list[Archetype]
    roles: dict[str, Role]

    def to_data(self) -> dict[str, Any]:
        return {"archetypes": [archetype_to_data(archetype) for archetype in self.archetypes]}


def list_archetypes(catalog: Catalog) -> ArchetypeList:
    return ArchetypeList(list(catalog.archetypes))


def find_archetype(
    catalog: Catalog, name: str, index: dict[str, Archetype] | None = None
) -> Archetype:
    """The archetype `name` resolves to, or `ArchetypeNotFound` (exit 1) with suggestions."""
    if not canonical(name):
        raise UsageProblem(f"an archetype name is needed (got {name!r}); see 'mlroles org list'")
    if index is None:
        index = index_names(catalog.archetypes)
    found = index.get(canonical(name))
    if found is not None:
        return found
    suggestions = close_names(catalog.archetypes, name)
    raise ArchetypeNotFound(name, suggestions, "" if catalog.archetypes else NO_ARCHETYPES)


def show_archetype(catalog: Catalog, name: str) -> ArchetypeDetail:
    return ArchetypeDetail(find_archetype(catalog, name), _roles_by_id(catalog))


def compare_archetypes(catalog: Catalog, names: list[str]) -> ArchetypeComparison:
    index = index_names(catalog.archetypes)
    found: dict[str, Archetype] = {}
    for name in names:
        archetype = find_archetype(catalog, name, index)
        found.setdefault(archetype.id, archetype)
    if len(found) < 2:
        raise UsageProblem(
            "compare needs at least two different archetypes"
            f" (got {', '.join(repr(n) for n in names) or 'none'})"
        )
    return ArchetypeComparison(list(found.values()), _roles_by_id(catalog))


def _roles_by_id(catalog: Catalog) -> dict[str, Role]:
    return {role.id: role for role in catalog.roles}
