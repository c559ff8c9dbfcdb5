"""The catalog's data model: strict Pydantic models, one source of truth for data, JSON and schema.

This module knows nothing of files or terminals. Two layers:

- the file models, one per format version (`CatalogFileV1`, `CatalogFileV2`): what one file may
  hold, checked field by field, plus the rules that one file can break alone (an id written
  twice in it);
- `Catalog`, the catalog in use: what a file (or a chain of files joined by `extends`) comes to.
  Version 1 files give the same `Catalog` as version 2 files that declare the course's three
  hiring groups and three skill axes. The rules across entries (references that resolve, a
  level on every declared axis, aliases that clash) hold on it: `catalog_problems`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

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
from mlroles import SKILL_PATTERN as SKILL_PATTERN
from mlroles import SLUG_PATTERN as SLUG_PATTERN

#: An error type raised by the cross-record checks. Its context carries `problems`, a list of
#: `(location, message)` pairs, so a loader can point at each offending value.
CONSISTENCY_ERROR = "catalog_consistency"

#: The format versions a catalog file may declare.
VERSIONS = (1, 2)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
SkillId = Annotated[str, StringConstraints(pattern=SKILL_PATTERN, max_length=100)]
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
#: The hiring groups of a version 1 file: the course's three.
GroupV1 = Literal["ml-adjacent", "core-ml", "business-analytics"]
GROUPS: tuple[str, ...] = ("ml-adjacent", "core-ml", "business-analytics")
#: The skill axes of a version 1 file: the course's three.
SKILLS: tuple[str, ...] = ("machine_learning", "software_engineering", "communication")

#: The kinds of entry a catalog holds, as the keys of a version 2 file name them.
Kind = Literal["groups", "skills", "roles", "archetypes", "guidance", "assessments"]
KINDS: tuple[Kind, ...] = ("groups", "skills", "roles", "archetypes", "guidance", "assessments")
#: How `remove:` names a kind: `role:ml-engineer`.
KIND_PREFIXES: dict[str, Kind] = {
    "group": "groups",
    "skill": "skills",
    "role": "roles",
    "archetype": "archetypes",
    "guidance": "guidance",
    "assessment": "assessments",
}
#: One entry of each kind, in words (and as `remove:` prefixes it).
KIND_NOUNS: dict[str, str] = {kind: noun for noun, kind in KIND_PREFIXES.items()}

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
GroupField = Literal["title", "summary"]
SkillField = Literal["title", "aliases", "summary"]
ArchetypeField = Literal[
    "title", "aliases", "summary", "companies", "pros", "cons", "design", "relies_on"
]
GuidanceField = Literal["topic", "scope", "role", "group", "text", "year", "rank", "no_advice"]
AssessmentField = Literal["title", "summary", "scope", "role", "group"]

#: What a piece of hiring guidance is about.
Topic = Literal[
    "talent-gap",
    "hire-for",
    "avoid",
    "find-candidates",
    "practitioners-want",
    "interview",
    "employers-look-for",
    "get-hired",
    "stand-out",
]
TOPICS: tuple[str, ...] = Topic.__args__  # type: ignore[attr-defined]
#: Whom a piece of guidance is for: one role, one hiring group, or every industry ML role.
GuidanceScope = Literal["role", "group", "all"]
#: How an assessment is tied to roles: common to every industry ML role, tied by a source to
#: one role, or tied to a role or group by our reading.
AssessmentScope = Literal["general", "role", "inferred"]
#: Whether a source names a role an archetype relies on, or it is our reading.
Basis = Literal["stated", "inferred"]

Location = tuple[str | int, ...]

_M = TypeVar("_M", bound=BaseModel)


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

    def to_catalog(self, file: str = "") -> Catalog:
        """The catalog this file comes to: the course's groups and skills, its roles."""
        roles = [
            Role.model_construct(
                id=role.id,
                title=role.title,
                aliases=role.aliases,
                summary=role.summary,
                responsibilities=role.responsibilities,
                work_product=role.work_product,
                tools=role.tools,
                background=role.background,
                skills=role.skills.model_dump(),
                group=role.group,
                works_with=role.works_with,
                sources=[Source.model_construct(title=s.title, url=s.url) for s in role.sources],
                inferred=role.inferred,
            )
            for role in self.roles
        ]
        return Catalog.model_construct(
            groups=course_groups(),
            skills=course_skills(),
            roles=roles,
            archetypes=[],
            guidance=[],
            assessments=[],
            files=[file],
            origins={
                "groups": {group: file for group in GROUPS},
                "skills": {skill: file for skill in SKILLS},
                "roles": {role.id: file for role in roles},
                "archetypes": {},
                "guidance": {},
                "assessments": {},
            },
        )


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

    def to_catalog(self, file: str = "") -> Catalog:
        """The catalog this file comes to on its own (its `extends` is the loader's business)."""
        lists: dict[str, list[Any]] = {kind: list(getattr(self, kind)) for kind in KINDS}
        origins: dict[str, dict[str, str]] = {
            kind: {entry.id: file for entry in lists[kind]} for kind in KINDS
        }
        return make_catalog(lists, [file], origins)


CatalogFile = CatalogFileV1 | CatalogFileV2

_ADAPTER: Any = None


def file_adapter() -> Any:
    """A `TypeAdapter` of either file version, told apart by `version` (for the parse cache's
    JSON and for the JSON Schema)."""
    global _ADAPTER
    if _ADAPTER is None:
        from pydantic import Discriminator, Tag, TypeAdapter

        _ADAPTER = TypeAdapter(
            Annotated[
                Annotated[CatalogFileV1, Tag("1")] | Annotated[CatalogFileV2, Tag("2")],
                Discriminator(_version_tag),
            ]
        )
    return _ADAPTER


def _version_tag(value: Any) -> str:
    version = value.get("version") if isinstance(value, dict) else getattr(value, "version", 1)
    return "2" if version == 2 and not isinstance(version, bool) else "1"


# --- the catalog in use ----------------------------------------------------------------------


class Catalog(_Strict):
    """The catalog in use: everything a file, or a chain of files, declares.

    `files` lists the files it was read from, the base of an `extends` chain first; `origins`
    maps a kind (`"roles"`, `"archetypes"`, ...) and an id to the file its entry came from (a
    version 1 file's groups and skills, which it implies, count as its own).
    """

    groups: list[Group] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    archetypes: list[Archetype] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    origins: dict[str, dict[str, str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        _raise_problems(catalog_problems(self))
        return self

    # Lookups for the queries: ids only, no names (names resolve in queries/names.py).

    def group(self, group_id: str) -> Group | None:
        """The hiring group with this id."""
        return next((group for group in self.groups if group.id == group_id), None)

    def role(self, role_id: str) -> Role | None:
        """The role with this id."""
        return next((role for role in self.roles if role.id == role_id), None)

    @property
    def skill_ids(self) -> list[str]:
        """The declared skill axes' ids, in the catalog's order."""
        return [skill.id for skill in self.skills]

    def skill_named(self, name: str) -> Skill | None:
        """The skill axis whose id or alias is `name`, as written (`ml`, `communication`)."""
        for skill in self.skills:
            if name == skill.id or name in skill.aliases:
                return skill
        return None

    def origin(self, entry_id: str, kind: str = "roles") -> str | None:
        """The file the entry of `kind` (a role, by default) came from."""
        return self.origins.get(kind, {}).get(entry_id)

    @property
    def extends_another(self) -> bool:
        """Whether the catalog is a chain of files (so a role's file is worth saying)."""
        return len(self.files) > 1

    def guidance_for(self, role: Role) -> list[Guidance]:
        """The guidance that applies to `role`: its own, its group's, then every role's."""
        mine = [g for g in self.guidance if g.scope == "role" and g.role == role.id]
        group = [g for g in self.guidance if g.scope == "group" and g.group == role.group]
        every = [g for g in self.guidance if g.scope == "all"]
        return [*mine, *group, *every]

    def assessments_for(self, role: Role) -> list[Assessment]:
        """The assessments that apply to `role`: tied to it (by a source or by our reading),
        to its group (our reading), and the general ones, in catalog order."""
        return [
            a
            for a in self.assessments
            if a.scope == "general" or a.role == role.id or a.group == role.group
        ]

    def archetypes_relying_on(self, role_id: str) -> list[Archetype]:
        """The archetypes whose `relies_on` names the role."""
        return [a for a in self.archetypes if any(r.role == role_id for r in a.relies_on)]


def make_catalog(
    lists: dict[str, list[Any]], files: list[str], origins: dict[str, dict[str, str]]
) -> Catalog:
    """A `Catalog` of entries that are valid already, built without checking them again (the
    loader checks the rules across them with `catalog_problems`)."""
    return Catalog.model_construct(
        groups=lists["groups"],
        skills=lists["skills"],
        roles=lists["roles"],
        archetypes=lists["archetypes"],
        guidance=lists["guidance"],
        assessments=lists["assessments"],
        files=files,
        origins=origins,
    )


def role_to_data(role: Role) -> dict[str, Any]:
    """A role as plain JSON-ready data, with exactly the keys of the catalog file."""
    return to_data(role)


# --- models from data known to be valid, and back --------------------------------------------
#
# Pydantic validates and dumps fast, but building a model's validator and serializer costs a
# short command a tenth of its time, and a large catalog's validation is most of a warm run.
# Data this version validated and stored (a proven parse cache entry) needs neither: it is
# made into models by `trusted_file`, field by field, as validation would have made it, and
# models are dumped back by `to_data`, as `model_dump(mode="json")` would. The tests check both
# against Pydantic on catalogs that use every field.

#: Per model, its fields in order: (name, how a stored value is made into the field's value,
#: how the field's value is dumped, a function giving the default when absent or None).
_Plan = list[tuple[str, Any, Any, Any]]
_PLANS: dict[type[BaseModel], _Plan] = {}


def _maker(annotation: Any) -> Any:
    """How a valid JSON value becomes the field's value: None when it is taken as it is."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _maker(args[0])
    if annotation is float:
        return float  # strict mode takes an int for a float, and makes it a float
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: _build(annotation, value)
    if origin is list:
        item = _maker(args[0])
        return None if item is None else lambda value: [item(v) for v in value]
    if origin is dict:
        item = _maker(args[1])
        return None if item is None else lambda value: {k: item(v) for k, v in value.items()}
    if type(None) in args:  # X | None
        (inner,) = [arg for arg in args if arg is not type(None)]
        made = _maker(inner)
        return None if made is None else lambda value: None if value is None else made(value)
    return None


def _dumper(annotation: Any) -> Any:
    """How the field's value becomes JSON data, as `model_dump(mode="json")` makes it."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _dumper(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return to_data
    if origin is list:
        item = _dumper(args[0])
        return list if item is None else lambda value: [item(v) for v in value]
    if origin is dict:
        item = _dumper(args[1])
        return dict if item is None else lambda value: {k: item(v) for k, v in value.items()}
    if type(None) in args:  # X | None
        (inner,) = [arg for arg in args if arg is not type(None)]
        dump = _dumper(inner)
        return None if dump is None else lambda value: None if value is None else dump(value)
    if origin is None and annotation not in (str, int, float, bool):
        raise TypeError(f"no plain dump of {annotation!r}")  # pragma: no cover - a new type
    return None


def _plan(model: type[BaseModel]) -> _Plan:
    plan = _PLANS.get(model)
    if plan is None:
        plan = []
        for name, info in model.model_fields.items():
            default: Any = None
            if info.default_factory is not None:
                default = info.default_factory
            elif not info.is_required():
                default = (lambda value: lambda: value)(info.default)
            plan.append((name, _maker(info.annotation), _dumper(info.annotation), default))
        _PLANS[model] = plan
    return plan


_set = object.__setattr__


def _build(model: type[_M], data: dict[str, Any]) -> _M:
    """`model` from valid JSON data, without validating it again (a missing required field or
    an unknown one: KeyError)."""
    values: dict[str, Any] = {}
    found = 0
    for name, make, _, default in _plan(model):
        if name in data:
            found += 1
            value = data[name]
            values[name] = value if make is None else make(value)
        elif default is None:
            raise KeyError(name)
        else:
            values[name] = default()
    if found != len(data):
        raise KeyError(next(key for key in data if key not in values))
    made = model.__new__(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(data))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


def trusted_file(data: Any) -> CatalogFileV2:
    """A version 2 file's model from data this version validated before (a proven parse cache
    entry), equal to what validation would give. Data of another shape raises `KeyError`,
    `TypeError`, `ValueError` or `AttributeError`: it is no entry of ours."""
    if not isinstance(data, dict) or data.get("version") != 2:
        raise ValueError("not the data of a version 2 file")
    return _build(CatalogFileV2, data)


def to_data(model: BaseModel) -> dict[str, Any]:
    """`model.model_dump(mode="json")` of one of our models, without building its serializer."""
    values = model.__dict__
    return {
        name: values[name] if dump is None else dump(values[name])
        for name, _, dump, _ in _plan(type(model))
    }


# --- the course's groups and skills, for version 1 files ----------------------------------------

_S21 = ("Full Stack Deep Learning (spring 2021), Lecture 13: ML Teams and Startups",
        "https://fullstackdeeplearning.com/spring2021/lecture-13/")  # fmt: skip
_F22 = ("Full Stack Deep Learning (2022), Lecture 8: ML Teams and Project Management",
        "https://fullstackdeeplearning.com/course/2022/lecture-8-teams-and-pm/")  # fmt: skip

_COURSE_GROUPS = (
    (
        "ml-adjacent",
        "ML-adjacent roles",
        "The course's hiring group for the roles that work around the models rather than on"
        " them (product, infrastructure and data), where interest in ML, a working grasp of it"
        " and experience count for more than deep ML knowledge.",
    ),
    (
        "core-ml",
        "Core ML roles",
        "The course's hiring group for the roles whose main work is the models themselves: the"
        " ML engineer and the ML researcher (or ML scientist).",
    ),
    (
        "business-analytics",
        "Business analytics roles",
        "The course's hiring group for the roles that answer business questions from data; in"
        " the course, the data scientist is its one role.",
    ),
)
_COURSE_SKILLS = (
    (
        "machine_learning",
        "Machine learning",
        ["ml"],
        "Expertise in machine learning: across the course's skills chart, from low (little ML"
        " know-how) on the left to high (ML experts) on the right.",
    ),
    (
        "software_engineering",
        "Software engineering",
        ["se", "swe"],
        "Skill at software engineering: up the course's skills chart, from low at the bottom to"
        " high at the top.",
    ),
    (
        "communication",
        "Communication",
        ["comm"],
        "Communication and technical writing: the size of a role's bubble on the course's"
        " skills chart, from small (less of it) to big (more of it).",
    ),
)


def _course_sources() -> list[Source]:
    return [Source(title=title, url=url) for title, url in (_S21, _F22)]


def course_groups() -> list[Group]:
    """The course's three hiring groups, as the bundled catalog declares them."""
    return [
        Group(id=i, title=t, summary=s, sources=_course_sources()) for i, t, s in _COURSE_GROUPS
    ]


def course_skills() -> list[Skill]:
    """The course's three skill axes, as the bundled catalog declares them."""
    return [
        Skill(id=i, title=t, aliases=a, summary=s, sources=_course_sources())
        for i, t, a, s in _COURSE_SKILLS
    ]


# --- the rules across entries ----------------------------------------------------------------


def _duplicates(kind: str, entries: list[Any]) -> list[tuple[Location, str]]:
    problems: list[tuple[Location, str]] = []
    first: dict[Any, int] = {}
    noun = KIND_NOUNS[kind]
    for index, entry in enumerate(entries):
        entry_id = getattr(entry, "id", None)
        if not isinstance(entry_id, str):
            continue
        if entry_id in first:
            problems.append(
                (
                    (kind, index, "id"),
                    f"duplicate {noun} id {entry_id!r} (first at {kind}[{first[entry_id]}])",
                )
            )
        else:
            first[entry_id] = index
    return problems


def _alias_clashes(kind: str, entries: list[Any]) -> list[tuple[Location, str]]:
    """Aliases that are an id of the same kind, or another entry's alias (or listed twice)."""
    problems: list[tuple[Location, str]] = []
    ids: dict[Any, int] = {}
    for index, entry in enumerate(entries):
        ids.setdefault(getattr(entry, "id", None), index)
    alias_owner: dict[Any, int] = {}
    for index, entry in enumerate(entries):
        for position, alias in enumerate(getattr(entry, "aliases", None) or []):
            if not isinstance(alias, str):
                continue
            where: Location = (kind, index, "aliases", position)
            if alias in ids:
                owner = (
                    f"the {KIND_NOUNS[kind]}'s own id"
                    if ids[alias] == index
                    else f"the id of {kind}[{ids[alias]}]"
                )
                problems.append((where, f"alias {alias!r} is {owner}"))
            elif alias in alias_owner:
                other = alias_owner[alias]
                twice = "listed twice" if other == index else f"also an alias of {kind}[{other}]"
                problems.append((where, f"alias {alias!r} is {twice}"))
            else:
                alias_owner[alias] = index
    return problems


def role_problems(roles: list[Any]) -> list[tuple[Location, str]]:
    """The rules among roles: duplicate ids, clashing aliases, dangling `works_with`."""
    problems = _duplicates("roles", roles) + _alias_clashes("roles", roles)
    ids = {role.id for role in roles if isinstance(role.id, str)}
    for index, role in enumerate(roles):
        for position, ref in enumerate(role.works_with or []):
            if isinstance(ref, str) and ref not in ids:
                problems.append(
                    (("roles", index, "works_with", position), f"no role has the id {ref!r}")
                )
    return problems


def file_problems(file: Any) -> list[tuple[Location, str]]:
    """The rules one version 2 file can break alone: an id twice in a kind, `remove` without
    `extends`, an id removed twice."""
    problems: list[tuple[Location, str]] = []
    for kind in KINDS:
        problems += _duplicates(kind, list(getattr(file, kind, None) or []))
    removed: dict[str, int] = {}
    for index, ref in enumerate(getattr(file, "remove", None) or []):
        if not isinstance(ref, str):
            continue
        if getattr(file, "extends", None) is None:
            problems.append(
                (("remove", index), "remove drops entries of a base catalog: it needs 'extends'")
            )
        elif ref in removed:
            problems.append((("remove", index), f"{ref!r} is removed twice"))
        removed.setdefault(ref, index)
    return problems


def catalog_problems(catalog: Any, unique_ids: bool = False) -> list[tuple[Location, str]]:
    """The rules across a catalog's entries, checked on the catalog in use (after `extends`).

    `catalog` is a `Catalog`, or a stand-in with the same attributes (values that are not of
    the right type are skipped), so that the rules can be checked beside a broken field.
    `unique_ids` says the ids are known to be unique within each kind (the loader's joined
    catalog: each file was checked, and a file's entry replaces the base's of the same id).
    """
    problems: list[tuple[Location, str]] = []
    entries = {kind: list(getattr(catalog, kind, None) or []) for kind in KINDS}
    if not unique_ids:
        for kind in KINDS:
            problems += _duplicates(kind, entries[kind])
    for kind in ("skills", "roles", "archetypes"):
        problems += _alias_clashes(kind, entries[kind])
    group_ids = {g.id for g in entries["groups"] if isinstance(g.id, str)}
    skill_ids = [s.id for s in entries["skills"] if isinstance(s.id, str)]
    role_ids = {r.id for r in entries["roles"] if isinstance(r.id, str)}

    def ref(loc: Location, value: Any, known: set[str], noun: str) -> None:
        if isinstance(value, str) and value not in known:
            problems.append((loc, f"no {noun} has the id {value!r}"))

    for index, role in enumerate(entries["roles"]):
        ref(("roles", index, "group"), role.group, group_ids, "group")
        levels = role.skills if isinstance(role.skills, dict) else None
        if levels is not None:
            for skill in skill_ids:
                if skill not in levels:
                    problems.append(
                        (("roles", index, "skills"), f"no level for the skill {skill!r}")
                    )
            for name in levels:
                if isinstance(name, str) and name not in skill_ids:
                    declared = ", ".join(skill_ids) or "none"
                    problems.append(
                        (
                            ("roles", index, "skills", name, "[key]"),
                            f"{name!r} is not a declared skill (declared: {declared})",
                        )
                    )
        for position, other in enumerate(role.works_with or []):
            ref(("roles", index, "works_with", position), other, role_ids, "role")
    for index, archetype in enumerate(entries["archetypes"]):
        for position, reliance in enumerate(archetype.relies_on or []):
            ref(
                ("archetypes", index, "relies_on", position, "role"),
                reliance.role,
                role_ids,
                "role",
            )
    for kind in ("guidance", "assessments"):
        for index, item in enumerate(entries[kind]):
            problems += _scope_problems(kind, index, item, role_ids, group_ids)
    problems += _rank_problems(entries["guidance"])
    return problems


def _scope_problems(
    kind: str, index: int, item: Any, role_ids: set[str], group_ids: set[str]
) -> list[tuple[Location, str]]:
    """A guidance item's or an assessment's scope and the role or group it names agree."""
    problems: list[tuple[Location, str]] = []
    scope, role, group = item.scope, item.role, item.group
    if not isinstance(scope, str):
        return problems
    where: Location = (kind, index)
    if scope in ("all", "general"):
        for field, value in (("role", role), ("group", group)):
            if value is not None:
                problems.append(
                    ((*where, field), f"a {scope!r} item names no {field} (scope is {scope!r})")
                )
        return problems
    wanted = {"role": ("role",), "group": ("group",), "inferred": ("role", "group")}.get(scope)
    if wanted is None:  # a scope of no known kind: its field's own error says so
        return problems
    given = [field for field, value in (("role", role), ("group", group)) if value is not None]
    if len(given) != 1 or given[0] not in wanted:
        needs = " or ".join(repr(field) for field in wanted)
        problems.append(((*where, "scope"), f"scope {scope!r} needs exactly one {needs}"))
    if isinstance(role, str) and role not in role_ids:
        problems.append(((*where, "role"), f"no role has the id {role!r}"))
    if isinstance(group, str) and group not in group_ids:
        problems.append(((*where, "group"), f"no group has the id {group!r}"))
    inferred = item.inferred if isinstance(item.inferred, dict) else {}
    if scope == "inferred" and "scope" not in inferred:
        problems.append(
            ((*where, "scope"), "scope 'inferred' needs a note saying why: inferred.scope")
        )
    return problems


def _rank_problems(guidance: list[Any]) -> list[tuple[Location, str]]:
    """Two items of one ordered list (same topic, scope, target and year) share no rank."""
    problems: list[tuple[Location, str]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for index, item in enumerate(guidance):
        if not isinstance(item.rank, int):
            continue
        key = (item.topic, item.scope, item.role, item.group, item.year, item.rank)
        if key in seen:
            problems.append(
                (
                    ("guidance", index, "rank"),
                    f"rank {item.rank} is also the rank of guidance[{seen[key]}] in the same list",
                )
            )
        else:
            seen[key] = index
    return problems
