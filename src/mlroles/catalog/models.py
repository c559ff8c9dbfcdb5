"""The catalog's data model: strict Pydantic models, one source of truth for data, JSON and schema.

This module knows nothing of files or terminals. Cross-record rules (unique ids and aliases,
`works_with` references that resolve) live in one catalog-level validator.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mlroles import FORMAT_VERSION as FORMAT_VERSION
from mlroles import SLUG_PATTERN as SLUG_PATTERN

#: An error type raised by `Catalog`'s cross-record check. Its context carries `problems`,
#: a list of `(location, message)` pairs, so a loader can point at each offending value.
CONSISTENCY_ERROR = "catalog_consistency"


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Score = Annotated[float, Field(ge=0, le=1)]
#: An absolute http(s) URL with a host. (Pydantic's HttpUrl would do, but importing it loads
#: importlib.metadata, which costs every command a tenth of its start-up.)
WebUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[^\s]*)?$"),
    Field(json_schema_extra={"format": "uri"}),
]
Group = Literal["ml-adjacent", "core-ml", "business-analytics"]
GROUPS: tuple[str, ...] = ("ml-adjacent", "core-ml", "business-analytics")

#: Fields whose value may be marked as inferred rather than stated by a source.
InferableField = Literal[
    "title",
    "aliases",
    "summary",
    "responsibilities",
    "work_product",
    "tools",
    "background",
    "skills",
    "group",
    "works_with",
]

Location = tuple[str | int, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Strict):
    """A document a role's facts come from."""

    title: Name
    url: WebUrl


class Skills(_Strict):
    """Where a role sits on the skills chart, each from 0 (low) to 1 (high)."""

    machine_learning: Score
    software_engineering: Score
    communication: Score


class Role(_Strict):
    """One role on an ML team."""

    id: Slug
    title: Name
    aliases: list[Slug] = Field(default_factory=list)
    summary: Text
    responsibilities: list[Text] = Field(min_length=1)
    work_product: list[Text] = Field(min_length=1)
    tools: list[Name] = Field(default_factory=list)
    background: Text
    skills: Skills
    group: Group
    works_with: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    inferred: dict[InferableField, Text] = Field(default_factory=dict)


class Catalog(_Strict):
    """A whole catalog file: a format version and its roles."""

    version: Literal[1]
    roles: list[Role] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        # To Python, True == 1, so Literal[1] alone would take `version: true` (or `yes`).
        if isinstance(value, bool):
            raise PydanticCustomError("literal_error", "Input should be 1")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        problems = consistency_problems(self.roles)
        if problems:
            raise PydanticCustomError(
                CONSISTENCY_ERROR,
                "{count} consistency problem(s)",
                {"count": len(problems), "problems": problems},
            )
        return self


def consistency_problems(roles: list[Role]) -> list[tuple[Location, str]]:
    """Cross-record problems: duplicate ids, clashing aliases, dangling `works_with`."""
    problems: list[tuple[Location, str]] = []
    ids: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role.id in ids:
            problems.append(
                (
                    ("roles", index, "id"),
                    f"duplicate role id {role.id!r} (first at roles[{ids[role.id]}])",
                )
            )
        else:
            ids[role.id] = index
    alias_owner: dict[str, int] = {}
    for index, role in enumerate(roles):
        for position, alias in enumerate(role.aliases):
            where: Location = ("roles", index, "aliases", position)
            if alias in ids:
                owner = (
                    "the role's own id" if ids[alias] == index else f"the id of roles[{ids[alias]}]"
                )
                problems.append((where, f"alias {alias!r} is {owner}"))
            elif alias in alias_owner:
                other = alias_owner[alias]
                twice = "listed twice" if other == index else f"also an alias of roles[{other}]"
                problems.append((where, f"alias {alias!r} is {twice}"))
            else:
                alias_owner[alias] = index
    for index, role in enumerate(roles):
        for position, ref in enumerate(role.works_with):
            if ref not in ids:
                problems.append(
                    (("roles", index, "works_with", position), f"no role has the id {ref!r}")
                )
    return problems


def role_to_data(role: Role) -> dict[str, Any]:
    """A role as plain JSON-ready data, with exactly the keys of the catalog file."""
    return role.model_dump(mode="json")
