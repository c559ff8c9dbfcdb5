"""`mlroles match --have TOOLS [--skills PROFILE]`: every role ranked by how well it fits you.

The score, from 0 to 1, is deterministic and made of two parts:

- tool fit = the share of the role's tools that you have (2 of 3 -> 0.67); tools are compared
  whatever their case or spelling (`tools.py`). A role that lists no tools has a tool fit of 0.
- skill fit = 1 - the mean distance between your level and the role's on each skill you gave
  (`machine_learning`, `software_engineering`, `communication`, each 0..1). Being 0.2 above or
  below the role counts the same: the fit measures how close you sit to it on the skills chart.

With only `--have`, the score is the tool fit; with only `--skills`, the skill fit; with both,
their mean. Roles are ranked by score (rounded to 3 decimals), then by how many of their tools you
have, then in catalog order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mlroles.catalog.entries import Catalog, Role
from mlroles.errors import UsageProblem
from mlroles.queries.outcome import PREFIX, Outcome
from mlroles.queries.tools import tool_key

#: A catalog's skill axes as `--skills` reads them: each axis's id and aliases -> its id.
SkillNames = dict[str, str]
#: A role asks for more of a skill than you have when its level is above yours by more than this.
GAP = 0.05
DIGITS = 3

_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class SkillGap:
    """One skill you gave: your level and the role's."""

    skill: str
    you: float
    role: float

    @property
    def short(self) -> bool:
        """The role asks for clearly more than you have."""
        return self.role - self.you > GAP

    def to_data(self) -> dict[str, float]:
        return {"you": self.you, "role": self.role}


@dataclass(frozen=True)
class Fit:
    """How well one role fits: the score, its two parts, and the tools you have and lack."""

    role: Role
    score: float
    tool_fit: float | None
    skill_fit: float | None
    matched: list[str]
    missing: list[str]
    skills: list[SkillGap] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.role.id,
            "title": self.role.title,
            "score": self.score,
            "matched": self.matched,
            "missing": self.missing,
            "tool_fit": self.tool_fit,
            "skill_fit": self.skill_fit,
            "skills": {gap.skill: gap.to_data() for gap in self.skills},
        }


@dataclass(frozen=True)
class MatchResult(Outcome):
    """`mlroles match`: every role, best fit first, and what was asked."""

    fits: list[Fit]
    have: list[str]
    #: The tools you named that no role in the catalog lists (they count for nothing).
    unknown: list[str] = field(default_factory=list)
    #: The tools that the most roles list, with how many: where to start when nothing fits.
    common: list[tuple[str, int]] = field(default_factory=list)

    def to_data(self) -> list[dict[str, Any]]:
        return [fit.to_data() for fit in self.fits]

    def notes(self, in_data: bool) -> list[str]:
        """Warnings: the tools you named that count for nothing."""
        if not self.unknown:
            return []
        count = "it counts" if len(self.unknown) == 1 else "they count"
        return [f"{PREFIX}no role in the catalog lists {any_of(self.unknown)}; {count} for nothing"]


def any_of(names: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" or {names[-1]}"


def match_roles(
    catalog: Catalog, have: list[str], skills: str | Sequence[str] | None
) -> MatchResult:
    """Rank every role of `catalog` by how well `have` (tools) and `skills` fit it.

    `skills` is what `--skills` was given: one value or several (the option repeated), each
    `NAME=LEVEL` items separated by commas; None or no value at all means no skills.
    """
    listed = {tool_key(tool) for role in catalog.roles for tool in role.tools}
    names = skill_names(catalog)
    tools = parse_have(have, listed, names)
    values = [skills] if isinstance(skills, str) else list(skills or [])
    profile = parse_skills(values, names) if values else {}
    if not tools and not profile:
        raise UsageProblem(
            "match needs what you have: --have TOOL,TOOL,... and/or --skills NAME=LEVEL,..."
        )
    mine = {tool_key(tool) for tool in tools}
    fits = [_fit(role, mine, bool(tools), profile, catalog.skill_ids) for role in catalog.roles]
    order = sorted(
        range(len(fits)),
        key=lambda i: (-round(fits[i].score, DIGITS), -len(fits[i].matched), i),
    )
    unknown = [tool for tool in tools if tool_key(tool) not in listed]
    return MatchResult([fits[i] for i in order], tools, unknown, common_tools(catalog))


def common_tools(catalog: Catalog, limit: int = 3) -> list[tuple[str, int]]:
    """The `limit` tools listed by the most roles (two at least), each with its count.

    A tool is named as the catalog first spells it; ties go to the tool listed first.
    """
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for role in catalog.roles:
        keys = {tool_key(tool) for tool in role.tools}
        for tool in role.tools:
            names.setdefault(tool_key(tool), tool)
        counts.update(keys)
    order = sorted(names, key=lambda key: -counts[key])  # stable: first listed first on a tie
    return [(names[key], counts[key]) for key in order[:limit] if counts[key] > 1]


def skill_names(catalog: Catalog) -> SkillNames:
    """The names `--skills` takes for the catalog's axes: each id and alias."""
    names: SkillNames = {}
    for skill in catalog.skills:
        for name in (skill.id, *skill.aliases):
            names.setdefault(name, skill.id)
    return names


def _fit(
    role: Role, mine: set[str], gave_tools: bool, profile: dict[str, float], axes: list[str]
) -> Fit:
    # Without --have the person said nothing about tools: none is "missing" (nor matched).
    matched = [tool for tool in role.tools if tool_key(tool) in mine]
    missing = [tool for tool in role.tools if gave_tools and tool_key(tool) not in mine]
    tool_fit = skill_fit = None
    if gave_tools:
        tool_fit = len(matched) / len(role.tools) if role.tools else 0.0
    gaps = [SkillGap(name, profile[name], role.skills[name]) for name in axes if name in profile]
    if gaps:
        skill_fit = 1 - sum(abs(gap.you - gap.role) for gap in gaps) / len(gaps)
    parts = [part for part in (tool_fit, skill_fit) if part is not None]
    score = sum(parts) / len(parts)
    return Fit(
        role,
        round(score, DIGITS),
        None if tool_fit is None else round(tool_fit, DIGITS),
        None if skill_fit is None else round(skill_fit, DIGITS),
        matched,
        missing,
        gaps,
    )


def parse_have(
    values: list[str],
    listed: set[str] | frozenset[str] = frozenset(),
    names: SkillNames | None = None,
) -> list[str]:
    """`["python,docker", "sql"]` -> `["python", "docker", "sql"]`, each tool once.

    A skill's name (`communication`) is refused with a pointer to `--skills`, unless a role in
    the catalog lists a tool of that name (`listed` holds their `tool_key`s).
    """
    tools: dict[str, str] = {}
    for value in values:
        for item in value.split(","):
            name = item.strip()
            if not name:
                continue
            skill = _skill_name(name, names)
            if skill and tool_key(name) not in listed:
                raise UsageProblem(
                    f"--have: {name!r} is a skill, not a tool; give your level with"
                    f" --skills {skill}=0.7"
                )
            tools.setdefault(tool_key(name), name)
    if values and not tools:
        raise UsageProblem("--have: no tool given (like: --have python,docker)")
    return list(tools.values())


def parse_skills(values: str | Sequence[str], names: SkillNames | None = None) -> dict[str, float]:
    """`"machine_learning=0.8,communication=0.3"` -> `{"machine_learning": 0.8, ...}`.

    Several values (`["ml=0.8", "comm=0.3"]`) are read as one list: a skill may be given once
    in all of them together. `names` are the catalog's axes (`skill_names`); by default, the
    course's three.
    """
    names = names if names is not None else _COURSE_NAMES
    axes = list(dict.fromkeys(names.values()))
    example = "like " + ",".join(f"{axis}=0.{8 - 2 * n}" for n, axis in enumerate(axes[:2]))
    profile: dict[str, float] = {}
    if isinstance(values, str):
        values = [values]
    items = [item.strip() for value in values for item in value.split(",")]
    if not any(items):
        raise UsageProblem(f"--skills: no skill given ({example})")
    for item in items:
        if not item:
            continue
        name, equals, level = item.partition("=")
        if not equals or not name.strip() or not level.strip():
            raise UsageProblem(f"--skills: expected NAME=LEVEL, got {item!r} ({example})")
        skill = _skill_name(name, names)
        if skill is None:
            raise UsageProblem(
                f"--skills: unknown skill {name.strip()!r}; the skills are: {', '.join(axes)}"
            )
        try:
            value = float(level)
        except ValueError:
            raise UsageProblem(
                f"--skills: {skill} must be a number from 0 to 1, got {level.strip()!r}"
            ) from None
        if not math.isfinite(value) or not 0 <= value <= 1:
            raise UsageProblem(f"--skills: {skill} must be from 0 to 1, got {level.strip()}")
        if skill in profile:
            raise UsageProblem(f"--skills: {skill} is given twice")
        profile[skill] = value
    return profile


_COURSE_NAMES: SkillNames = {
    "machine_learning": "machine_learning",
    "ml": "machine_learning",
    "software_engineering": "software_engineering",
    "se": "software_engineering",
    "swe": "software_engineering",
    "communication": "communication",
    "comm": "communication",
}


def _skill_name(name: str, names: SkillNames | None = None) -> str | None:
    """`"Machine-Learning"`, `"machine learning"` or `"ml"` -> `"machine_learning"`; else None."""
    plain = _SEPARATORS.sub("_", name.strip().lower())
    return (names if names is not None else _COURSE_NAMES).get(plain)
