"""`mlroles export`: the whole catalog gathered for one document (a handbook).

Everything the document shows, in the catalog's order, with its cross-references resolved: each
role with its hiring group, the roles it works with and the archetypes that rely on it; each
group with its roles; each archetype with the roles it relies on; the hiring guidance by whom it
is for (every role, a group, a role) and by topic; the interview assessments; and the skills
chart. Drawing it is `render/export.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlroles.catalog.entries import (
    TOPICS,
    Archetype,
    Assessment,
    Catalog,
    Group,
    Guidance,
    Reliance,
    Role,
)
from mlroles.errors import shown
from mlroles.queries.outcome import Outcome
from mlroles.queries.skillmap import SkillMap, skill_map


@dataclass(frozen=True)
class RoleEntry:
    role: Role
    group: Group
    works_with: list[Role]
    #: The archetypes whose `relies_on` names this role.
    archetypes: list[Archetype]
    #: The file the role came from, when the catalog is a chain of files (`extends`).
    origin: str | None = None


@dataclass(frozen=True)
class GroupEntry:
    group: Group
    roles: list[Role]


@dataclass(frozen=True)
class ArchetypeEntry:
    archetype: Archetype
    relies_on: list[tuple[Reliance, Role]]


@dataclass(frozen=True)
class Advice:
    """The guidance for one audience: every industry ML role, one group, or one role."""

    #: `all`, `group` or `role`.
    scope: str
    subject: Group | Role | None
    #: (topic, its items in catalog order), topics in the format's order.
    topics: list[tuple[str, list[Guidance]]]

    @property
    def key(self) -> str:
        return "all" if self.subject is None else f"{self.scope}-{self.subject.id}"


@dataclass(frozen=True)
class Handbook(Outcome):
    """`mlroles export`: the catalog, gathered."""

    catalog: Catalog
    #: Where the catalog came from, for the document to say: a file name or "bundled".
    origin: str
    roles: list[RoleEntry]
    groups: list[GroupEntry]
    archetypes: list[ArchetypeEntry]
    advice: list[Advice]
    assessments: list[Assessment]
    chart: SkillMap

    def to_data(self) -> dict[str, object]:
        return {"origin": self.origin, "roles": [entry.role.id for entry in self.roles]}


@dataclass(frozen=True)
class Saved(Outcome):
    """`mlroles export -o PATH`: the document that was written, said on stdout as `init` says
    its file."""

    path: Path
    #: `html` or `markdown`.
    format: str
    roles: int
    origin: str

    def summary(self) -> str:
        name = shown(str(self.path))
        return (
            f"{name}: wrote the {self.format} handbook of {self.roles:,} roles from {self.origin}\n"
        )

    def to_data(self) -> dict[str, object]:
        return {"path": str(self.path), "format": self.format, "roles": self.roles}


def handbook(catalog: Catalog, path: Path) -> Handbook:
    """Everything in `catalog` (read from `path`), cross-referenced, for one document."""
    origin = _where(str(path))
    by_id = {role.id: role for role in catalog.roles}
    groups = {group.id: group for group in catalog.groups}
    relied: dict[str, list[Archetype]] = {}
    for archetype in catalog.archetypes:
        for need in archetype.relies_on:
            relied.setdefault(need.role, []).append(archetype)
    several_files = len(catalog.files) > 1
    roles = [
        RoleEntry(
            role,
            groups[role.group],
            [by_id[other] for other in role.works_with],
            relied.get(role.id, []),
            _origin(catalog, role.id) if several_files else None,
        )
        for role in catalog.roles
    ]
    return Handbook(
        catalog=catalog,
        origin=origin,
        roles=roles,
        groups=[
            GroupEntry(group, [role for role in catalog.roles if role.group == group.id])
            for group in catalog.groups
        ],
        archetypes=[
            ArchetypeEntry(archetype, [(need, by_id[need.role]) for need in archetype.relies_on])
            for archetype in catalog.archetypes
        ],
        advice=_advice(catalog),
        assessments=list(catalog.assessments),
        chart=skill_map(catalog),
    )


def _origin(catalog: Catalog, role_id: str) -> str | None:
    file = catalog.origins.get("roles", {}).get(role_id)
    return _where(file) if file else None


def _where(file: str) -> str:
    """A catalog file as the document names it: the bundled one by that name."""
    from mlroles.catalog.load import bundled_path

    return "the bundled catalog" if Path(file) == bundled_path() else Path(file).name


def _advice(catalog: Catalog) -> list[Advice]:
    """The guidance for every role first, then each group's and each role's, in the catalog's
    order of groups and roles; within each, by topic in the format's order."""
    audiences: list[tuple[str, Group | Role | None]] = [("all", None)]
    audiences += [("group", group) for group in catalog.groups]
    audiences += [("role", role) for role in catalog.roles]
    found = []
    for scope, subject in audiences:
        items = [
            item
            for item in catalog.guidance
            if item.scope == scope
            and (subject is None or (item.group if scope == "group" else item.role) == subject.id)
        ]
        if not items:
            continue
        topics = [(topic, [item for item in items if item.topic == topic]) for topic in TOPICS]
        found.append(Advice(scope, subject, [(topic, group) for topic, group in topics if group]))
    return found
