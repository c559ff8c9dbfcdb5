"""`mlroles path FROM TO` (or `path --have TOOLS --skills LEVELS TO`): from one role to another.

What it answers: the tools that carry over, the tools to learn and the tools left behind; for
each skill axis the catalog declares, the level you come from, the level you go to and the
change; one overlap figure; the change of hiring group, what the course says employers look
for in the target's group, how people stand out, the target's background, and the sources.

The overlap, from 0 to 1, is our reading (no source defines it), the same figure that ranks the
closest roles under `show`:

    tool overlap  = (tools both list) / (tools either lists)       tools compared as `same_tool`
    skill overlap = 1 - mean over the compared axes of |from level - to level|
    overlap       = the mean of the parts there are

Between two roles, every declared axis is compared, and the tool overlap is left out when
neither role lists a tool. From you, the tool overlap is there when you give `--have` (0 when
neither you nor the role name a tool in common), the skill overlap compares the axes you give
with `--skills`; you give at least one of the two. Both parts are symmetric, so the overlap of
A and B is the overlap of B and A. Figures are rounded to 3 decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mlroles.catalog.entries import Catalog, Group, Guidance, Role, Source, to_data
from mlroles.errors import UsageProblem
from mlroles.queries.match import parse_have, parse_skills, skill_names
from mlroles.queries.names import find_role, name_index
from mlroles.queries.outcome import Outcome
from mlroles.queries.tools import tool_key

DIGITS = 3
#: How many roles `show` lists as the closest to a role.
CLOSEST = 3
#: The guidance topics that say what employers look for: the target group's, then the role's.
LOOK_FOR_GROUP = "employers-look-for"
LOOK_FOR_ROLE = "hire-for"
STAND_OUT = "stand-out"


@dataclass(frozen=True)
class SkillChange:
    """One skill axis: the level you come from (None: you did not say), the level you go to."""

    skill: str
    title: str
    source: float | None
    target: float

    @property
    def change(self) -> float | None:
        return None if self.source is None else round(self.target - self.source, DIGITS)

    def to_data(self) -> dict[str, Any]:
        return {"skill": self.skill, "from": self.source, "to": self.target, "change": self.change}


@dataclass(frozen=True)
class Overlap:
    """The overlap figure and its two parts (None: a part that is not there)."""

    value: float
    tools: float | None
    skills: float | None

    def to_data(self) -> dict[str, float | None]:
        return {"tools": self.tools, "skills": self.skills}


@dataclass(frozen=True)
class PathResult(Outcome):
    """`mlroles path`: from a role (or from you) to a role."""

    source: Role | None
    target: Role
    keep: list[str]
    learn: list[str]
    leave: list[str]
    skills: list[SkillChange]
    overlap: Overlap
    #: The tools you named (`--have`), or None when FROM is a role or you named none.
    have: list[str] | None = None
    group_from: Group | None = None
    group_to: Group | None = None
    #: What employers look for: the target group's guidance, then the target role's.
    look_for: list[Guidance] = field(default_factory=list)
    #: How people stand out, in the course's order of increasing impressiveness.
    stand_out: list[Guidance] = field(default_factory=list)
    stand_out_year: int | None = None
    #: The other years whose lectures rank the stand-out steps in another order: each year's
    #: order as the numbers of `stand_out`'s steps (1 first), or None where its steps differ.
    other_years: dict[int, list[int] | None] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    @property
    def changes_group(self) -> bool | None:
        """Whether the target is in another hiring group (None: you come from no role)."""
        if self.source is None:
            return None
        return self.source.group != self.target.group

    def source_numbers(self, sources: Sequence[Source]) -> list[int]:
        """The numbers (1 first) under which `sources` are listed in `self.sources`."""
        keys = [_source_key(source) for source in self.sources]
        return [keys.index(_source_key(s)) + 1 for s in sources if _source_key(s) in keys]

    def to_data(self) -> dict[str, Any]:
        return {
            "from": None if self.source is None else self.source.id,
            "to": self.target.id,
            "tools": {"keep": self.keep, "learn": self.learn, "leave": self.leave},
            "skills": [change.to_data() for change in self.skills],
            "overlap": self.overlap.value,
            "overlap_parts": self.overlap.to_data(),
            "group": {
                "from": None if self.source is None else self.source.group,
                "to": self.target.group,
                "changes": self.changes_group,
            },
            "employers_look_for": [to_data(item) for item in self.look_for],
            "stand_out": {
                "year": self.stand_out_year,
                "steps": [to_data(item) for item in self.stand_out],
            },
            "background": self.target.background,
            "sources": [to_data(source) for source in self.sources],
        }


# --- the overlap -------------------------------------------------------------------------------


def tool_overlap(ours: Sequence[str], theirs: Sequence[str]) -> float | None:
    """|both| / |either|, tools compared as `same_tool`; None when neither lists a tool."""
    a = {tool_key(tool) for tool in ours}
    b = {tool_key(tool) for tool in theirs}
    if not a | b:
        return None
    return len(a & b) / len(a | b)


def skill_overlap(levels: dict[str, float], other: dict[str, float], axes: Sequence[str]) -> float:
    """1 - the mean of |a - b| over `axes` (which both `levels` and `other` hold)."""
    return 1 - sum(abs(levels[axis] - other[axis]) for axis in axes) / len(axes)


def overlap_of(tools: float | None, skills: float | None) -> Overlap:
    parts = [part for part in (tools, skills) if part is not None]
    value = sum(parts) / len(parts) if parts else 0.0
    return Overlap(
        round(value, DIGITS),
        None if tools is None else round(tools, DIGITS),
        None if skills is None else round(skills, DIGITS),
    )


def role_overlap(catalog: Catalog, one: Role, other: Role) -> Overlap:
    """The overlap of two roles, on every declared skill axis."""
    return overlap_of(
        tool_overlap(one.tools, other.tools),
        skill_overlap(one.skills, other.skills, catalog.skill_ids),
    )


@dataclass(frozen=True)
class Nearby:
    """A role close to another, and their overlap."""

    role: Role
    overlap: Overlap


def closest_roles(catalog: Catalog, role: Role, limit: int = CLOSEST) -> list[Nearby]:
    """The `limit` other roles with the highest overlap with `role`; ties in catalog order.

    The same figure as `role_overlap`, with the role's own tools and levels read once, since
    `show` computes it against every role of the catalog.
    """
    axes = catalog.skill_ids
    mine = _keys(role.tools)
    levels = [role.skills[axis] for axis in axes]
    keys: dict[str, str] = {}  # a catalog names few tools many times: each one's key once
    scored: list[tuple[float, int, float | None, float]] = []
    for index, other in enumerate(catalog.roles):
        if other.id == role.id:
            continue
        theirs = set()
        for tool in other.tools:
            found = keys.get(tool)
            if found is None:
                found = keys[tool] = tool_key(tool)
            theirs.add(found)
        either = len(mine | theirs)
        tools = len(mine & theirs) / either if either else None
        gaps = sum(abs(a - other.skills[axis]) for a, axis in zip(levels, axes, strict=True))
        skills = 1 - gaps / len(axes)
        value = overlap_of(tools, skills).value
        scored.append((-value, index, tools, skills))
    scored.sort()
    return [
        Nearby(catalog.roles[index], overlap_of(tools, skills))
        for _, index, tools, skills in scored[:limit]
    ]


# --- the path ----------------------------------------------------------------------------------


def path_between(catalog: Catalog, source_name: str, target_name: str) -> PathResult:
    """From the role `source_name` to the role `target_name`; the same role is a usage error."""
    index = name_index(catalog)
    source = find_role(catalog, source_name, index)
    target = find_role(catalog, target_name, index)
    if source.id == target.id:
        raise UsageProblem(
            f"path needs two different roles: {source_name!r} and {target_name!r} are both"
            f" {source.id}"
        )
    axes = catalog.skill_ids
    keep, learn = _split(target.tools, source.tools)
    leave = [tool for tool in source.tools if tool_key(tool) not in _keys(target.tools)]
    skills = [_change(catalog, axis, source.skills[axis], target) for axis in axes]
    overlap = role_overlap(catalog, source, target)
    return _with_guidance(catalog, PathResult(source, target, keep, learn, leave, skills, overlap))


def path_from_you(
    catalog: Catalog, have: list[str], skills: str | Sequence[str] | None, target_name: str
) -> PathResult:
    """From what you have (`--have`, `--skills`, read as `match` reads them) to a role."""
    target = find_role(catalog, target_name)
    listed = {tool_key(tool) for role in catalog.roles for tool in role.tools}
    names = skill_names(catalog)
    tools = parse_have(have, listed, names)
    values = [skills] if isinstance(skills, str) else list(skills or [])
    profile = parse_skills(values, names) if values else {}
    if not tools and not profile:
        raise UsageProblem(
            "path needs where you come from: a role (path FROM TO), or what you have"
            " (--have TOOL,... and/or --skills NAME=LEVEL,...)"
        )
    if tools:
        keep, learn = _split(target.tools, tools)
        leave = [tool for tool in tools if tool_key(tool) not in _keys(target.tools)]
    else:  # you said nothing of your tools: none is to keep, learn or leave
        keep, learn, leave = [], [], []
    changes = [_change(catalog, axis, profile.get(axis), target) for axis in catalog.skill_ids]
    given = [axis for axis in catalog.skill_ids if axis in profile]
    overlap = overlap_of(
        tool_overlap(tools, target.tools) if tools else None,
        skill_overlap(profile, target.skills, given) if given else None,
    )
    result = PathResult(None, target, keep, learn, leave, changes, overlap, tools or None)
    return _with_guidance(catalog, result)


def _keys(tools: Sequence[str]) -> set[str]:
    return {tool_key(tool) for tool in tools}


def _split(target: Sequence[str], mine: Sequence[str]) -> tuple[list[str], list[str]]:
    """The target's tools that `mine` has (keep) and lacks (learn), as the target spells them."""
    have = _keys(mine)
    return [t for t in target if tool_key(t) in have], [
        t for t in target if tool_key(t) not in have
    ]


def _change(catalog: Catalog, axis: str, source: float | None, target: Role) -> SkillChange:
    skill = next(skill for skill in catalog.skills if skill.id == axis)
    return SkillChange(axis, skill.title, source, target.skills[axis])


def _with_guidance(catalog: Catalog, result: PathResult) -> PathResult:
    """The path with the hiring group, the guidance and the sources filled in."""
    target = result.target
    look_for = [
        item
        for item in catalog.guidance
        if item.topic == LOOK_FOR_GROUP and item.scope == "group" and item.group == target.group
    ] + [
        item
        for item in catalog.guidance
        if item.topic == LOOK_FOR_ROLE and item.scope == "role" and item.role == target.id
    ]
    year, steps, others = stand_out_steps(catalog.guidance)
    sources: dict[tuple[str, str | None], Source] = {}
    for source in [*target.sources, *(s for item in [*look_for, *steps] for s in item.sources)]:
        sources.setdefault(_source_key(source), source)
    return replace(
        result,
        group_from=None if result.source is None else catalog.group(result.source.group),
        group_to=catalog.group(target.group),
        look_for=look_for,
        stand_out=steps,
        stand_out_year=year,
        other_years=others,
        sources=list(sources.values()),
    )


def stand_out_steps(
    guidance: Sequence[Guidance],
) -> tuple[int | None, list[Guidance], dict[int, list[int] | None]]:
    """How people stand out, for every industry ML role: the latest year's steps, ranked (the
    course's order of increasing impressiveness), and each other year's order where it differs
    (as the numbers of the latest year's steps; None when its steps are not the same ones)."""
    items = [item for item in guidance if item.topic == STAND_OUT and item.scope == "all"]
    years = sorted({item.year for item in items if item.year is not None})
    year = years[-1] if years else None

    def ranked(of: int | None) -> list[Guidance]:
        steps = [item for item in items if item.year == of]
        steps.sort(key=lambda item: (item.rank is None, item.rank or 0))  # stable: catalog order
        return steps

    steps = ranked(year)
    texts = [" ".join(item.text.split()) for item in steps]
    others: dict[int, list[int] | None] = {}
    for other in reversed(years[:-1]):
        theirs = [" ".join(item.text.split()) for item in ranked(other)]
        if theirs == texts:
            continue
        same = sorted(theirs) == sorted(texts) and len(set(texts)) == len(texts)
        others[other] = [texts.index(text) + 1 for text in theirs] if same else None
    return year, steps, others


def _source_key(source: Source) -> tuple[str, str | None]:
    return (source.title, None if source.url is None else str(source.url))
