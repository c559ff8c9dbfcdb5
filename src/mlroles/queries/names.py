"""Resolving what a person types (an id, an alias or a title) to a role."""

from __future__ import annotations

import difflib
import re

from mlroles.catalog.models import Catalog, Role
from mlroles.errors import RoleNotFound, UsageProblem

_SEPARATORS = re.compile(r"[\s_\-]+")
_MACHINE_LEARNING = re.compile(r"(?<![^-])machine-learning(?![^-])")


def slugify(name: str) -> str:
    """Lower case, with spaces and underscores as hyphens: `Core ML` -> `core-ml`."""
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


def canonical(name: str) -> str:
    """Case-insensitive; spaces and underscores count as hyphens; "machine learning" is "ml"."""
    return _MACHINE_LEARNING.sub("ml", slugify(name))


def name_index(catalog: Catalog) -> dict[str, Role]:
    """Every name a role answers to, in canonical form.

    Ids come first, then aliases, then titles: a name that is one role's id always means that
    role, even if another role's title reads the same.
    """
    index: dict[str, Role] = {}
    for role in catalog.roles:
        index.setdefault(canonical(role.id), role)
    for role in catalog.roles:
        for alias in role.aliases:
            index.setdefault(canonical(alias), role)
    for role in catalog.roles:
        index.setdefault(canonical(role.title), role)
    return index


def find_role(catalog: Catalog, name: str, index: dict[str, Role] | None = None) -> Role:
    """The role `name` resolves to; no prefix guessing. Raises `RoleNotFound` with suggestions.

    `index`: the catalog's `name_index`, when the caller resolves several names.
    """
    if not canonical(name):
        raise UsageProblem(f"a role name is needed (got {name!r}); see 'mlroles list'")
    if index is None:
        index = name_index(catalog)
    role = index.get(canonical(name))
    if role is not None:
        return role
    raise RoleNotFound(name, suggest(catalog, name))


def suggest(catalog: Catalog, name: str, limit: int = 3) -> list[str]:
    """The closest existing names, each shown as the name that matched it."""
    shown: dict[str, str] = {}
    for role in catalog.roles:
        for text in (role.id, *role.aliases):
            shown.setdefault(canonical(text), text)
    close = difflib.get_close_matches(canonical(name), list(shown), n=limit, cutoff=0.6)
    return [shown[key] for key in close]


def find_roles(catalog: Catalog, names: list[str]) -> list[Role]:
    """Several roles in the order asked, each once."""
    index = name_index(catalog)  # built once, not once per name
    found: dict[str, Role] = {}
    for name in names:
        role = find_role(catalog, name, index)
        found.setdefault(role.id, role)
    return list(found.values())
