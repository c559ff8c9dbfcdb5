"""The catalog in use: plain, frozen records of its entries, with no Pydantic in them.

A file is checked by the Pydantic models (models.py), which know every constraint and give the
JSON Schema; what the rest of mlroles works with is made of these records. Defining a Pydantic
model costs a short command a fifth of its time (Pydantic's field machinery is imported and every
class is inspected), and a warm run, which trusts its proven cache entry (`file_from_data`),
needs no validation: with records it imports no Pydantic at all. A test checks that each record
has the fields of its model, in the same order, with the same defaults.

- the records: `Source`, `Group`, `Skill`, `Role`, `DesignChoices`, `Reliance`, `Archetype`,
  `Guidance`, `Assessment`, one file's entries (`FileEntries`) and the catalog in use
  (`Catalog`, what a file or a chain of files joined by `extends` comes to);
- the rules across entries (references that resolve, a level on every declared axis, aliases
  that clash): `catalog_problems`, `role_problems`, `file_problems`;
- the course's groups and skills, which a version 1 file implies.
"""

# No `from __future__ import annotations`: a record's annotations are its fields' types, read
# when records are made from data (`file_from_data`) and dumped back (`to_data`).

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, get_args, get_origin

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


_T = TypeVar("_T")
_R = TypeVar("_R", bound="Record")

#: A place in a file's data: keys and list indexes from the top.
Location = tuple[str | int, ...]

#: The format versions a catalog file may declare.
VERSIONS = (1, 2)

#: The hiring groups of a version 1 file: the course's three.
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
TOPICS: tuple[str, ...] = get_args(Topic)
#: Whom a piece of guidance is for: one role, one hiring group, or every industry ML role.
GuidanceScope = Literal["role", "group", "all"]
#: How an assessment is tied to roles: common to every industry ML role, tied by a source to
#: one role, or tied to a role or group by our reading.
AssessmentScope = Literal["general", "role", "inferred"]
#: Whether a source names a role an archetype relies on, or it is our reading.
Basis = Literal["stated", "inferred"]


# --- records ---------------------------------------------------------------------------------


class _Factory:
    """A field's default made anew for each record (a list, a dict): see `field`."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A field whose default is `default_factory()`, made for each record."""
    return _Factory(default_factory)  # type: ignore[return-value]


#: Per record type, its fields in order: (name, how a stored JSON value is made into the
#: field's value or None when it is taken as it is, how the field's value is dumped to JSON
#: or None when it is dumped as it is).
_Plan = tuple[tuple[str, Any, Any], ...]


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """A frozen record: keyword fields declared by annotations, defaults by value or `field`.

    Records compare equal when they are of one type with equal fields, like Pydantic models;
    `replace` gives a copy with some fields changed."""

    #: The fields, in the order they are declared.
    _fields: ClassVar[tuple[str, ...]] = ()
    #: How each field with a default gets it, when it is not given.
    _defaults: ClassVar[dict[str, Callable[[], Any]]] = {}
    _plan_of: ClassVar[_Plan | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = list(inspect.get_annotations(cls))  # every annotation of a record is a field
        defaults = dict(cls._defaults)
        for name in own:
            if name in cls.__dict__:
                value = cls.__dict__[name]
                defaults[name] = value.make if isinstance(value, _Factory) else _constant(value)
                delattr(cls, name)  # the record's own value is always in its __dict__
        cls._fields = (*cls._fields, *own)
        cls._defaults = defaults

    @classmethod
    def _check_names(cls, values: dict[str, Any]) -> None:
        unknown = next((name for name in values if name not in cls._fields), None)
        if unknown is not None:
            raise TypeError(f"{cls.__name__} has no field {unknown!r}")

    def __init__(self, **values: Any) -> None:
        self._check_names(values)
        for name in self._fields:
            if name not in values:
                make = self._defaults.get(name)
                if make is None:
                    raise TypeError(f"{type(self).__name__} needs the field {name!r}")
                values[name] = make()
        object.__setattr__(self, "__dict__", values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *(self.__dict__[name] for name in self._fields)))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._fields)
        return f"{type(self).__name__}({values})"

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with the fields of `changes` changed."""
        self._check_names(changes)
        made = object.__new__(type(self))
        object.__setattr__(made, "__dict__", {**self.__dict__, **changes})
        return made


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


class Source(Record):
    """A document facts come from. The URL may be left out (an in-house document has none)."""

    title: str
    url: str | None = None


class Group(Record):
    """A hiring group: a set of roles that are hired for in the same way."""

    id: str
    title: str
    summary: str
    sources: list[Source] = field(default_factory=list)
    inferred: dict[GroupField, str] = field(default_factory=dict)


class Skill(Record):
    """A skill axis: every role gives a level from 0 (the low end) to 1 (the high end)."""

    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    summary: str
    sources: list[Source] = field(default_factory=list)
    inferred: dict[SkillField, str] = field(default_factory=dict)


class Role(Record):
    """One role on an ML team."""

    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    summary: str
    responsibilities: list[str]
    work_product: list[str]
    tools: list[str] = field(default_factory=list)
    background: str
    #: Skill axis id -> level, for every axis the catalog declares.
    skills: dict[str, float]
    group: str
    works_with: list[str] = field(default_factory=list)
    sources: list[Source]
    inferred: dict[InferableField, str] = field(default_factory=dict)


class DesignChoices(Record):
    """The three design choices of an organisation archetype."""

    engineering_vs_research: str
    data_ownership: str
    model_ownership: str


class Reliance(Record):
    """A role an archetype relies on: stated by a source, or our reading."""

    role: str
    basis: Basis
    note: str


class Archetype(Record):
    """A way a company organises its ML work."""

    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    summary: str
    companies: list[str] = field(default_factory=list)
    pros: list[str]
    cons: list[str]
    design: DesignChoices | None = None
    relies_on: list[Reliance] = field(default_factory=list)
    sources: list[Source]
    inferred: dict[ArchetypeField, str] = field(default_factory=dict)


class Guidance(Record):
    """One piece of hiring advice, for a role, a hiring group or every industry ML role."""

    id: str
    topic: Topic
    scope: GuidanceScope
    role: str | None = None
    group: str | None = None
    text: str
    year: int | None = None
    rank: int | None = None
    #: True when the item records that the sources give no advice of its topic for its scope.
    no_advice: bool = False
    sources: list[Source]
    inferred: dict[GuidanceField, str] = field(default_factory=dict)


class Assessment(Record):
    """A type of interview assessment, and how it is tied to roles."""

    id: str
    title: str
    summary: str
    scope: AssessmentScope
    role: str | None = None
    group: str | None = None
    sources: list[Source]
    inferred: dict[AssessmentField, str] = field(default_factory=dict)


class FileEntries(Record):
    """One valid file's entries, as a version 2 file declares them (a version 1 file comes to
    the version 2 file that declares the course's groups and skills: `as_version_2`)."""

    version: int
    #: `bundled`, or the path of the base catalog relative to this file.
    extends: str | None = None
    #: Ids of base entries to drop: `ID`, or `KIND:ID` where the id names two kinds.
    remove: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    archetypes: list[Archetype] = field(default_factory=list)
    guidance: list[Guidance] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    def to_catalog(self, file: str = "") -> "Catalog":
        """The catalog this file comes to on its own (its `extends` is the loader's business)."""
        lists: dict[str, list[Any]] = {kind: list(getattr(self, kind)) for kind in KINDS}
        origins: dict[str, dict[str, str]] = {
            kind: {entry.id: file for entry in lists[kind]} for kind in KINDS
        }
        return make_catalog(lists, [file], origins)


class Catalog(Record):
    """The catalog in use: everything a file, or a chain of files, declares.

    `files` lists the files it was read from, the base of an `extends` chain first; `origins`
    maps a kind (`"roles"`, `"archetypes"`, ...) and an id to the file its entry came from (a
    version 1 file's groups and skills, which it implies, count as its own).
    """

    groups: list[Group]
    skills: list[Skill]
    roles: list[Role]
    archetypes: list[Archetype] = field(default_factory=list)
    guidance: list[Guidance] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    origins: dict[str, dict[str, str]] = field(default_factory=dict)

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
    """A `Catalog` of entries that are valid already (the loader checks the rules across them
    with `catalog_problems`)."""
    return Catalog(
        groups=lists["groups"],
        skills=lists["skills"],
        roles=lists["roles"],
        archetypes=lists["archetypes"],
        guidance=lists["guidance"],
        assessments=lists["assessments"],
        files=files,
        origins=origins,
    )


# --- records from data known to be valid, and back -------------------------------------------
#
# A file's data is made into records once it is known to be valid: just validated by the models,
# or read from a proven parse cache entry, which holds exactly what this version validated. Each
# field is made as validation makes it (a level written `1` becomes `1.0`; an absent field its
# default), and records dump back to the JSON data of the file's keys, as the models'
# `model_dump(mode="json")` would. The tests compare both with Pydantic on a catalog that uses
# every field.


def _maker(annotation: Any) -> Any:
    """How a valid JSON value becomes the field's value: None when it is taken as it is."""
    origin, args = get_origin(annotation), get_args(annotation)
    if annotation is float:
        return float  # validation takes an int for a float, and makes it a float
    if isinstance(annotation, type) and issubclass(annotation, Record):
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
    """How the field's value becomes JSON data: None when it is dumped as it is."""
    origin, args = get_origin(annotation), get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Record):
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


def _plan(kind: type[Record]) -> _Plan:
    plan = kind.__dict__.get("_plan_of")
    if plan is None:
        hints: dict[str, Any] = {}
        for klass in reversed(kind.__mro__):
            hints.update(inspect.get_annotations(klass))
        plan = tuple((name, _maker(hints[name]), _dumper(hints[name])) for name in kind._fields)
        kind._plan_of = plan
    return plan


def _build(kind: type[_R], data: dict[str, Any]) -> _R:
    """A `kind` record from valid JSON data (a missing required field or an unknown one:
    KeyError)."""
    values: dict[str, Any] = {}
    found = 0
    defaults = kind._defaults
    for name, make, _ in _plan(kind):
        if name in data:
            found += 1
            value = data[name]
            values[name] = value if make is None else make(value)
        else:
            values[name] = defaults[name]()
    if found != len(data):
        raise KeyError(next(key for key in data if key not in values))
    made = object.__new__(kind)
    object.__setattr__(made, "__dict__", values)
    return made


def file_from_data(data: Any) -> FileEntries:
    """A version 2 file's entries from its data, known to be valid: just validated, or read from
    a proven parse cache entry (what this version validated before). Data of another shape
    raises `KeyError`, `TypeError`, `ValueError` or `AttributeError`."""
    if not isinstance(data, dict) or data.get("version") != 2:
        raise ValueError("not the data of a version 2 file")
    return _build(FileEntries, data)


def to_data(record: Record) -> dict[str, Any]:
    """A record as plain JSON-ready data, with exactly the keys of the catalog file."""
    values = record.__dict__
    return {
        name: values[name] if dump is None else dump(values[name])
        for name, _, dump in _plan(type(record))
    }


def as_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """A valid version 1 file's data as the version 2 file it amounts to: the course's groups
    and skills declared, its roles as they are."""
    return {
        "version": 2,
        "groups": [to_data(group) for group in course_groups()],
        "skills": [to_data(skill) for skill in course_skills()],
        "roles": data["roles"],
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
        Skill(id=i, title=t, aliases=list(a), summary=s, sources=_course_sources())
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
