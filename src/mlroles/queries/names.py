"""Resolving what a person types (an id, an alias or a title) to a catalog entry: a role, or
anything else that has an id, aliases and a title (an organisation archetype).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from mlroles.catalog.entries import Catalog, Role
from mlroles.errors import RoleNotFound, UsageProblem

_SEPARATORS = re.compile(r"[\s_\-]+")
_MACHINE_LEARNING = re.compile(r"(?<![^-])machine-learning(?![^-])")


class Named(Protocol):
    """An entry a person can name: by its id, one of its aliases or its title."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...


N = TypeVar("N", bound=Named)


def slugify(name: str) -> str:
    """Lower case, with spaces and underscores as hyphens: `Core ML` -> `core-ml`."""
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


def canonical(name: str) -> str:
    """Case-insensitive; spaces and underscores count as hyphens; "machine learning" is "ml"."""
    return _MACHINE_LEARNING.sub("ml", slugify(name))


def index_names(entries: Sequence[N]) -> dict[str, N]:
    """Every name an entry answers to, in canonical form.

    Ids come first, then aliases, then titles: a name that is one entry's id always means that
    entry, even if another entry's title reads the same.
    """
    index: dict[str, N] = {}
    for entry in entries:
        index.setdefault(canonical(entry.id), entry)
    for entry in entries:
        for alias in entry.aliases:
            index.setdefault(canonical(alias), entry)
    for entry in entries:
        index.setdefault(canonical(entry.title), entry)
    return index


def close_names(entries: Sequence[Named], name: str, limit: int = 3) -> list[str]:
    """The entries' ids and aliases closest to `name`, each shown as it is written."""
    shown: dict[str, str] = {}
    for entry in entries:
        for text in (entry.id, *entry.aliases):
            shown.setdefault(canonical(text), text)
    close = difflib.get_close_matches(canonical(name), list(shown), n=limit, cutoff=0.6)
    return [shown[key] for key in close]


def name_index(catalog: Catalog) -> dict[str, Role]:
    """Every name a role answers to, in canonical form (see `index_names`)."""
    return index_names(catalog.roles)


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
    """The closest existing role names, each shown as the name that matched it."""
    return close_names(catalog.roles, name, limit)


def find_roles(catalog: Catalog, names: list[str]) -> list[Role]:
    """Several roles in the order asked, each once."""
    index = name_index(catalog)  # built once, not once per name
    found: dict[str, Role] = {}
    for name in names:
        role = find_role(catalog, name, index)
        found.setdefault(role.id, role)
    return list(found.values())
