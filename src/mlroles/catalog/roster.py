"""Reading a roster: a small YAML file of the people on a team, checked against the catalog.

    version: 1
    team: Acme ML                 # optional
    archetype: embedded           # optional: the shape the team aims for
    people:
      - name: Ana
        roles: [mle]              # ids, aliases or titles of roles in the catalog in use
        tools: [PyTorch, Docker]  # optional
        skills: {ml: 0.6}         # optional: the catalog's skill axes, from 0 to 1

The file goes through the same strict reader as a catalog (files.py, then reader.py: plain data
only, keys written twice found), then the roster's models, then the rules that need the
catalog: every role and skill a person names exists, the archetype exists, no two people share
a name, everyone has a role. Every problem is reported at once, each at its line, column and
field path, as one `CatalogError` (exit 3).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from mlroles.catalog.entries import Archetype, Catalog, Location
from mlroles.catalog.files import decode, read_bytes
from mlroles.catalog.messages import collect, locate_errors, place
from mlroles.catalog.reader import DuplicateKeys, parse_yaml
from mlroles.errors import ArchetypeNotFound, Problem, RoleNotFound

#: The format version of a roster file (its top-level `version:`).
ROSTER_VERSION = 1

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Level = Annotated[float, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PersonEntry(_Strict):
    """One person as the file writes them: roles by any of their names."""

    name: Name
    #: Required by the rules (a person needs a role), which say so better than a bare
    #: "field required".
    roles: list[Name] = Field(default_factory=list)
    tools: list[Name] = Field(default_factory=list)
    skills: dict[Name, Level] = Field(default_factory=dict)


class RosterFile(_Strict):
    """A whole roster file."""

    version: Literal[1]
    team: Name | None = None
    archetype: Name | None = None
    people: list[PersonEntry] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        # To Python, True == 1, so Literal[1] alone would take `version: true` (or `yes`).
        if isinstance(value, bool):
            raise PydanticCustomError("literal_error", "Input should be 1")
        return value


#: The models at each place of a roster, for "unknown field; did you mean" messages.
FIELDS: dict[tuple[str | int, ...], type[BaseModel]] = {
    (): RosterFile,
    ("people", 0): PersonEntry,
}


@dataclass(frozen=True)
class Person:
    """One person on the team, with roles as catalog ids and skills as axis ids."""

    name: str
    roles: list[str]
    tools: list[str] = field(default_factory=list)
    skills: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Roster:
    """A roster read and resolved against a catalog."""

    file: str
    team: str | None
    #: The archetype the file names, resolved (None when it names none).
    archetype: Archetype | None
    people: list[Person]


def read_roster(path: Path, catalog: Catalog) -> Roster:
    """Read, parse and check the roster at `path` against `catalog`, or raise `CatalogError`."""
    file = str(path)
    text = decode(read_bytes(path), file)
    problems: list[Problem] = []
    try:
        data = parse_yaml(text, file)
    except DuplicateKeys as exc:  # the rest of the file parsed: check it too, in the same run
        problems += exc.problems
        data = exc.data
    if not isinstance(data, dict):
        what = "holds no data" if data is None else "is not a mapping"
        problems.append(
            Problem(
                file,
                f"the file {what}; expected a roster: a mapping with 'version: 1' and 'people'",
                1,
                1,
            )
        )
        raise collect(problems)
    resolver = _Resolver(catalog)
    try:
        parsed: RosterFile | None = RosterFile.model_validate(data)
    except ValidationError as exc:
        parsed = None
        # The rules are checked beside the broken fields, except under them.
        problems += locate_errors(
            exc, text, file, data, fields=FIELDS, rules=resolver.problems
        ).problems
    else:
        problems += [place(file, text, loc, message) for loc, message in resolver.problems(data)]
    if problems or parsed is None:
        raise collect(problems)
    return Roster(
        file=file,
        team=parsed.team,
        archetype=resolver.archetype(parsed.archetype) if parsed.archetype else None,
        people=[
            Person(
                name=person.name,
                roles=list(dict.fromkeys(resolver.role(name) for name in person.roles)),
                tools=list(person.tools),
                skills={resolver.skill(key): level for key, level in person.skills.items()},
            )
            for person in parsed.people
        ],
    )


# --- the rules that need the catalog ---------------------------------------------------------


def _skill_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "_", name.strip().lower()).strip("_")


class _Resolver:
    """The catalog's names for roles, skills and archetypes, and the roster's rules on them."""

    def __init__(self, catalog: Catalog) -> None:
        from mlroles.queries.names import index_names

        self.catalog = catalog
        self.roles = index_names(catalog.roles)
        self.archetypes = index_names(catalog.archetypes)
        self.skills: dict[str, str] = {}
        for skill in catalog.skills:
            for text in (skill.id, *skill.aliases, skill.title):
                self.skills.setdefault(_skill_key(text), skill.id)

    def role(self, name: str) -> str:
        from mlroles.queries.names import canonical

        return self.roles[canonical(name)].id

    def skill(self, name: str) -> str:
        return self.skills[_skill_key(name)]

    def archetype(self, name: str) -> Archetype:
        from mlroles.queries.names import canonical

        return self.archetypes[canonical(name)]

    def problems(self, data: Any) -> list[tuple[Location, str]]:
        """Every rule the raw roster data breaks; values of the wrong type are left to the
        models (they are reported there)."""
        from mlroles.queries.names import canonical, close_names

        found: list[tuple[Location, str]] = []
        archetype = data.get("archetype")
        if isinstance(archetype, str) and canonical(archetype) not in self.archetypes:
            found.append(
                (
                    ("archetype",),
                    _unknown(
                        "archetype",
                        archetype,
                        close_names(self.catalog.archetypes, archetype),
                        "" if self.catalog.archetypes else "the catalog in use has no archetypes",
                    ),
                )
            )
        people = data.get("people")
        if not isinstance(people, list):
            return found
        first: dict[str, int] = {}
        for index, person in enumerate(people):
            if not isinstance(person, dict):
                continue
            where: Location = ("people", index)
            name = person.get("name")
            if isinstance(name, str) and name.strip():
                key = " ".join(name.casefold().split())
                if key in first:
                    found.append(
                        (
                            (*where, "name"),
                            f"two people are named {name!r} (first at people[{first[key]}]);"
                            " give each person a name of their own",
                        )
                    )
                else:
                    first[key] = index
            found += self._role_problems(where, person.get("roles"), close_names)
            found += self._skill_problems(where, person.get("skills"))
        return found

    def _role_problems(
        self, where: Location, roles: Any, close_names: Callable[..., list[str]]
    ) -> list[tuple[Location, str]]:
        from mlroles.queries.names import canonical

        found: list[tuple[Location, str]] = []
        if roles is None or roles == []:
            found.append(
                (
                    (*where, "roles") if roles == [] else where,
                    "a person needs at least one role: ids, aliases or titles of roles in the"
                    " catalog (see 'mlroles list')",
                )
            )
            return found
        if not isinstance(roles, list):
            return found
        seen: dict[str, int] = {}
        for position, name in enumerate(roles):
            if not isinstance(name, str):
                continue
            role = self.roles.get(canonical(name))
            loc: Location = (*where, "roles", position)
            if role is None:
                suggestions = close_names(self.catalog.roles, name)
                found.append((loc, _unknown("role", name, suggestions, "")))
            elif role.id in seen:
                again = (
                    f"the role {role.id!r} is listed twice"
                    if canonical(name) == canonical(role.id)
                    else f"{name!r} is the role {role.id!r} again"
                )
                found.append((loc, f"{again} (first at roles[{seen[role.id]}])"))
            else:
                seen[role.id] = position
        return found

    def _skill_problems(self, where: Location, skills: Any) -> list[tuple[Location, str]]:
        import difflib

        found: list[tuple[Location, str]] = []
        if not isinstance(skills, dict):
            return found
        seen: dict[str, str] = {}
        for key in skills:
            if not isinstance(key, str):
                continue
            loc: Location = (*where, "skills", key, "[key]")
            skill = self.skills.get(_skill_key(key))
            if skill is None:
                ids = [s.id for s in self.catalog.skills]
                names = [text for s in self.catalog.skills for text in (s.id, *s.aliases)]
                close = difflib.get_close_matches(_skill_key(key), names, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                found.append((loc, f"no skill axis named {key!r}{hint} (axes: {', '.join(ids)})"))
            elif skill in seen:
                found.append((loc, f"{key!r} is the skill {skill!r} again (as {seen[skill]!r})"))
            else:
                seen[skill] = key
        return found


def _unknown(kind: str, name: str, suggestions: list[str], otherwise: str) -> str:
    """The message of a name that resolves to nothing: the one the command line gives."""
    error = ArchetypeNotFound if kind == "archetype" else RoleNotFound
    return str(error(name, suggestions, otherwise))
