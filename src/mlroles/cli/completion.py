"""Shell completion: role names, tools, groups and archetypes, read from the chosen catalog on
every Tab; roster paths from the folder named.

Completion runs often and in the user's prompt, so it reads the YAML without validating it
(no Pydantic), and never raises: a broken or missing catalog completes nothing, silently.
The functions here are Typer `autocompletion` callbacks: `(ctx, incomplete)` in, the values
that start with what was typed out. They give no help text: for zsh and fish, Typer renders
help text through Rich, and importing Rich would double the time of every Tab.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from mlroles import SLUG_PATTERN

#: Ids and aliases are slugs in a valid catalog. Completion offers nothing else: a stray
#: `[1, 2]` or a name with a space, from a catalog that would not validate, is no use on a
#: command line.
SLUG = re.compile(SLUG_PATTERN)


def catalog_path(ctx: typer.Context) -> Path:
    """The catalog a command line reads (`--data`, else `MLROLES_DATA`, else the bundled one):
    for the commands and for completing them alike."""
    from mlroles.catalog.load import choose_path

    data = ctx.find_root().params.get("data")
    return choose_path(data if isinstance(data, str) else None)


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Role ids and aliases, in catalog order, leaving out the roles already named."""
    from mlroles.catalog.load import iter_role_names

    try:
        names = list(iter_role_names(catalog_path(ctx)))
        owner = dict(names)
        named = {owner[arg] for arg in _given(ctx) if arg in owner}
        return [
            name
            for name, role_id in names
            if role_id not in named and name.startswith(incomplete) and SLUG.match(name)
        ]
    except Exception:
        return []


def complete_tool(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tool names used in the catalog, each once (as first spelled); for a `--tool` filter."""
    return _complete_values(ctx, incomplete, "tools")


def complete_group(ctx: typer.Context, incomplete: str) -> list[str]:
    """Hiring groups used in the catalog, each once; for a `--group` filter."""
    return _complete_values(ctx, incomplete, "group")


def complete_archetype(ctx: typer.Context, incomplete: str) -> list[str]:
    """Archetype ids and aliases, in catalog order, leaving out the archetypes already named."""
    from mlroles.catalog.load import raw_data

    try:
        names: list[tuple[str, str]] = []
        for archetype in raw_data(catalog_path(ctx)).get("archetypes") or ():
            archetype_id = str(archetype["id"])
            aliases = archetype.get("aliases") or ()
            names += [(str(name), archetype_id) for name in (archetype_id, *aliases)]
        owner = dict(names)
        named = {owner[arg] for arg in _given(ctx) if arg in owner}
        return [
            name
            for name, archetype_id in names
            if archetype_id not in named and name.startswith(incomplete) and SLUG.match(name)
        ]
    except Exception:
        return []


#: The file names a roster has: YAML.
ROSTER_SUFFIXES = (".yaml", ".yml")


def complete_roster(ctx: typer.Context, incomplete: str) -> list[str]:
    """Roster paths: the folders and the YAML files whose path starts with what was typed."""
    import os

    try:
        folder, _, start = incomplete.rpartition("/")
        prefix = folder + "/" if folder or incomplete.startswith("/") else ""
        where = (
            os.path.expanduser(folder) if folder else ("/" if incomplete.startswith("/") else ".")
        )
        found = []
        with os.scandir(where) as entries:
            for entry in entries:
                if not entry.name.startswith(start) or (entry.name.startswith(".") and not start):
                    continue
                if entry.is_dir():
                    found.append(prefix + entry.name + "/")
                elif entry.name.endswith(ROSTER_SUFFIXES):
                    found.append(prefix + entry.name)
        return sorted(found)
    except Exception:
        return []


def _complete_values(ctx: typer.Context, incomplete: str, key: str) -> list[str]:
    try:
        seen: dict[str, str] = {}
        for value in _role_values(catalog_path(ctx), key):
            seen.setdefault(value.casefold(), value)
        return [value for value in seen.values() if value.startswith(incomplete)]
    except Exception:
        return []


def _role_values(path: Path, key: str) -> Iterator[str]:
    """Every value of `key` (a string or a list of strings) over the roles of a raw catalog."""
    from mlroles.catalog.load import raw_data

    try:
        data = raw_data(path)
        for role in data["roles"]:
            value = role.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                    yield str(item)
    except Exception:
        return


def _given(ctx: typer.Context) -> Iterable[str]:
    """The words already given to the command's arguments (compare's roles, show's role)."""
    for value in ctx.params.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from (item for item in value if isinstance(item, str))
