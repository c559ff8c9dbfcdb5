"""The catalog file formats: strict Pydantic models, which check a file and give its JSON Schema.

This module knows nothing of files or terminals, and only the commands that validate a file
import it: what a valid file comes to is made of the plain records of entries.py (a warm run,
which trusts its proven cache entry, imports no Pydantic at all). Each model of an entry here
has the fields of its record there, in the same order and with the same defaults (a test checks
it); the models add the constraints.

- the file models, one per format version (`CatalogFileV1`, `CatalogFileV2`): what one file may
  hold, checked field by field, plus the rules that one file can break alone (an id written
  twice in it). Version 1 files come to the version 2 file that declares the course's three
  hiring groups and three skill axes (`entries.as_version_2`); the rules across entries hold
  on the catalog in use (`entries.catalog_problems`).
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

from mlroles import SKILL_PATTERN, SLUG_PATTERN
from mlroles.catalog.entries import (
    VERSIONS,
    ArchetypeField,
    AssessmentField,
    AssessmentScope,
    Basis,
    GroupField,
    GuidanceField,
    GuidanceScope,
    InferableField,
    Location,
    SkillField,
    Topic,
    file_problems,
    role_problems,
)

#: An error type raised by the cross-record checks. Its context carries `problems`, a list of
#: `(location, message)` pairs, so a loader can point at each offending value.
CONSISTENCY_ERROR = "catalog_consistency"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
SkillId = Annotated[str, StringConstraints(pattern=SKILL_PATTERN, max_length=100)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Score = Annotated[float, Field(ge=0, le=1)]
#: An absolute http(s) URL with a host. (Pydantic's HttpUrl would do, but importing it loads
#: importlib.metadata, which costs a tenth of a command's start-up.)
WebUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[^\s]*)?$"),
    Field(json_schema_extra={"format": "uri"}),
]
#: The hiring groups of a version 1 file: the course's three.
GroupV1 = Literal["ml-adjacent", "core-ml", "business-analytics"]


class _Strict(BaseModel):
    # `defer_build`: a model's validator and serializer are built when first used, not when
    # this module is imported. A warm run that trusts its cache entry (`trusted_file`) and
    # dumps with `to_data` never builds them: that was a tenth of a short command's time.
    # No protected namespace: a catalog field may start with "model_" (`model_ownership`), which
    # Pydantic before 2.10 warns about on stderr at import.
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, defer_build=True, protected_namespaces=()
    )


class Source(_Strict):
    """A document facts come from. The URL may be left out (an in-house document has none)."""

    title: Name
    url: WebUrl | None = None


class Group(_Strict):
    """A hiring group: a set of roles that are hired for in the same way."""

    id: Slug
    title: Name
    summary: Text
    sources: list[Source] = Field(default_factory=list)
    inferred: dict[GroupField, Text] = Field(default_factory=dict)


class Skill(_Strict):
    """A skill axis: every role gives a level from 0 (the low end) to 1 (the high end)."""

    id: SkillId
    title: Name
    aliases: list[SkillId] = Field(default_factory=list)
    summary: Text
    sources: list[Source] = Field(default_factory=list)
    inferred: dict[SkillField, Text] = Field(default_factory=dict)


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
    #: Skill axis id -> level, for every axis the catalog declares (a key that is no declared
    #: axis is refused by `catalog_problems`, so the keys need no pattern of their own).
    skills: dict[str, Score]
    group: Slug
    works_with: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    inferred: dict[InferableField, Text] = Field(default_factory=dict)


class DesignChoices(_Strict):
    """The three design choices of an organisation archetype."""

    engineering_vs_research: Text
    data_ownership: Text
    model_ownership: Text


class Reliance(_Strict):
    """A role an archetype relies on: stated by a source, or our reading."""

    role: Slug
    basis: Basis
    note: Text


class Archetype(_Strict):
    """A way a company organises its ML work."""

    id: Slug
    title: Name
    aliases: list[Slug] = Field(default_factory=list)
    summary: Text
    companies: list[Name] = Field(default_factory=list)
    pros: list[Text] = Field(min_length=1)
    cons: list[Text] = Field(min_length=1)
    design: DesignChoices | None = None
    relies_on: list[Reliance] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    inferred: dict[ArchetypeField, Text] = Field(default_factory=dict)


class Guidance(_Strict):
    """One piece of hiring advice, for a role, a hiring group or every industry ML role."""

    id: Slug
    topic: Topic
    scope: GuidanceScope
    role: Slug | None = None
    group: Slug | None = None
    text: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    rank: int | None = Field(default=None, ge=1, le=1000)
    #: True when the item records that the sources give no advice of its topic for its scope.
    no_advice: bool = False
    sources: list[Source] = Field(min_length=1)
    inferred: dict[GuidanceField, Text] = Field(default_factory=dict)


class Assessment(_Strict):
    """A type of interview assessment, and how it is tied to roles."""

    id: Slug
    title: Name
    summary: Text
    scope: AssessmentScope
    role: Slug | None = None
    group: Slug | None = None
    sources: list[Source] = Field(min_length=1)
    inferred: dict[AssessmentField, Text] = Field(default_factory=dict)


# --- the files -------------------------------------------------------------------------------


class SkillsV1(_Strict):
    """Where a role sits on the skills chart, each from 0 (low) to 1 (high): version 1."""

    machine_learning: Score
    software_engineering: Score
    communication: Score


class SourceV1(_Strict):
    """A document a role's facts come from: version 1 asks for its URL."""

    title: Name
    url: WebUrl


class RoleV1(_Strict):
    """One role of a version 1 file: the course's three skills and three groups, fixed."""

    id: Slug
    title: Name
    aliases: list[Slug] = Field(default_factory=list)
    summary: Text
    responsibilities: list[Text] = Field(min_length=1)
    work_product: list[Text] = Field(min_length=1)
    tools: list[Name] = Field(default_factory=list)
    background: Text
    skills: SkillsV1
    group: GroupV1
    works_with: list[Slug] = Field(default_factory=list)
    sources: list[SourceV1] = Field(min_length=1)
    inferred: dict[InferableField, Text] = Field(default_factory=dict)


def _no_boolean(value: Any, allowed: str) -> Any:
    # To Python, True == 1, so Literal[1] alone would take `version: true` (or `yes`).
    if isinstance(value, bool):
        raise PydanticCustomError(
            "literal_error", "Input should be {allowed}", {"allowed": allowed}
        )
    return value


def _raise_problems(problems: list[tuple[Location, str]]) -> None:
    if problems:
        raise PydanticCustomError(
            CONSISTENCY_ERROR,
            "{count} consistency problem(s)",
            {"count": len(problems), "problems": problems},
        )


class CatalogFileV1(_Strict):
    """A whole catalog file of format version 1: a format version and its roles."""

    version: Literal[1]
    roles: list[RoleV1] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        # A file whose version is neither 1 nor 2 is read as version 1: say both are known.
        if isinstance(value, bool) or value not in VERSIONS:
            raise PydanticCustomError("literal_error", "Input should be 1 or 2")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> CatalogFileV1:
        _raise_problems(role_problems(self.roles))
        return self


class CatalogFileV2(_Strict):
    """A whole catalog file of format version 2 (see the bundled `data/roles.yaml`)."""

    version: Literal[2]
    #: `bundled`, or the path of the base catalog relative to this file.
    extends: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = None
    #: Ids of base entries to drop: `ID`, or `KIND:ID` where the id names two kinds.
    remove: list[Annotated[str, StringConstraints(min_length=1, max_length=120)]] = Field(
        default_factory=list
    )
    groups: list[Group] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    archetypes: list[Archetype] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        return _no_boolean(value, "2")

    @model_validator(mode="after")
    def _consistent(self) -> CatalogFileV2:
        _raise_problems(file_problems(self))
        return self


CatalogFile = CatalogFileV1 | CatalogFileV2
