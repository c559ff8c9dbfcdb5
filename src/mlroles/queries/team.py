"""`mlroles team`: a team (a roster, or nobody yet) held against the way it means to organise.

What the catalog says is reported as it is: who covers each role, the roles an archetype relies
on that nobody covers, the roles one person alone covers, the tools of the covered roles that
nobody lists, and each skill axis's best level on the team against what its roles ask.

Three answers are mlroles' own rules, not the course's (docs/teams.md has them in full; the
output says so):

- resembles: the archetype whose relied-on roles overlap the team's covered roles most, by
  Jaccard overlap: the roles in both, over the roles in either; ties go to the archetype with
  more of its course-stated roles covered, then to the one listed first. An archetype that
  relies on no role (nascent) scores 0 against any team; it is the answer when no archetype
  scores above 0.
- next hire: of the roles the archetype relies on that nobody covers, the first by
  (1) stated by the course before our reading, (2) works with more of the roles the team
  already covers, (3) works with more of the archetype's other roles still to hire, (4) listed
  earlier in the archetype's `relies_on`. Two roles work together when either names the other
  in `works_with`.
- hiring order: the next hire, again and again, each hire counted as covered for the next,
  until no relied-on role is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from mlroles.catalog.entries import Archetype, Catalog, Role
from mlroles.queries.outcome import Outcome
from mlroles.queries.tools import tool_key

if TYPE_CHECKING:
    from mlroles.catalog.roster import Person, Roster

#: Said in every format, beside the answers that are rules of ours.
OUR_READING = (
    "'resembles', 'next hire' and the hiring order are mlroles' own reading of the catalog"
    " (rules in docs/teams.md), not the course's advice."
)

#: Where the archetype the team is held against came from.
Chosen = Literal["option", "roster", "resembles"]


@dataclass(frozen=True)
class Likeness:
    """How much a team looks like one archetype."""

    archetype: Archetype
    score: float
    shared: list[str]  # relied-on roles the team covers
    lacks: list[str]  # relied-on roles nobody covers
    extra: list[str]  # covered roles the archetype does not rely on
    stated_shared: int  # how many of `shared` the course states

    def why(self) -> str:
        relied = len(self.shared) + len(self.lacks)
        if not relied:
            return "it relies on no particular role, and no other archetype overlaps the team"
        union = len(self.shared) + len(self.lacks) + len(self.extra)
        parts = [f"the team covers {len(self.shared)} of the {relied} roles it relies on"]
        if self.shared:
            parts[0] += f" ({', '.join(self.shared)})"
        if self.lacks:
            parts.append(f"lacks {', '.join(self.lacks)}")
        if self.extra:
            parts.append(f"also has {', '.join(self.extra)}, which it does not rely on")
        return "; ".join(parts) + f": overlap {len(self.shared)}/{union} = {self.score:.2f}"

    def to_data(self) -> dict[str, Any]:
        return {
            "archetype": self.archetype.id,
            "score": round(self.score, 4),
            "shared": self.shared,
            "lacks": self.lacks,
            "extra": self.extra,
            "why": self.why(),
        }


@dataclass(frozen=True)
class Hire:
    """One step of the hiring order: a role, whether the course names it, and why it comes."""

    role: str
    basis: str  # stated | inferred
    reason: str

    def to_data(self) -> dict[str, Any]:
        return {"role": self.role, "basis": self.basis, "reason": self.reason}


@dataclass(frozen=True)
class SkillLevel:
    """One skill axis: the team's best stated level against the most its roles ask."""

    skill: str
    title: str
    best: float | None
    best_by: list[str]
    asked: float | None
    asked_by: list[str]

    @property
    def gap(self) -> float | None:
        """best - asked: below 0 when the team is short of what a role asks."""
        if self.best is None or self.asked is None:
            return None
        return round(self.best - self.asked, 4)

    def to_data(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "best": self.best,
            "best_by": self.best_by,
            "asked": self.asked,
            "asked_by": self.asked_by,
            "gap": self.gap,
        }


@dataclass(frozen=True)
class ToolGap:
    """A tool of a covered role that nobody on the team lists."""

    tool: str
    roles: list[str]

    def to_data(self) -> dict[str, Any]:
        return {"tool": self.tool, "roles": self.roles}


@dataclass(frozen=True)
class TeamReport(Outcome):
    """`mlroles team`: everything the command says about one team."""

    team: str | None
    archetype: Archetype | None
    chosen: Chosen | None
    people: list[Person]
    #: Every catalog role (id -> role), in catalog order, for titles and order.
    roles: dict[str, Role]
    covered: dict[str, list[str]]
    missing: list[str]
    single_points: list[str]
    #: None when nobody on the team lists a tool (then nothing can be said of tools).
    uncovered_tools: list[ToolGap] | None
    skills: list[SkillLevel]
    resembles: Likeness | None
    likeness: list[Likeness]
    order: list[Hire]
    has_archetypes: bool = True

    @property
    def next_hire(self) -> Hire | None:
        return self.order[0] if self.order else None

    def to_data(self) -> dict[str, Any]:
        hire = self.next_hire
        return {
            "team": self.team,
            "archetype": self.archetype.id if self.archetype else None,
            "archetype_from": self.chosen,
            "people": len(self.people),
            "covered": self.covered,
            "missing": self.missing,
            "single_points": self.single_points,
            "uncovered_tools": (
                None
                if self.uncovered_tools is None
                else [t.to_data() for t in self.uncovered_tools]
            ),
            "skills": [level.to_data() for level in self.skills],
            "resembles": self.resembles.to_data() if self.resembles else None,
            "likeness": [
                {"archetype": like.archetype.id, "score": round(like.score, 4)}
                for like in self.likeness
            ],
            "next_hire": hire.role if hire else None,
            "next_hire_why": hire.reason if hire else None,
            "hiring_order": [step.to_data() for step in self.order],
            "our_reading": OUR_READING,
        }


def team_report(
    catalog: Catalog,
    roster: Roster | None,
    archetype: Archetype | None,
) -> TeamReport:
    """The report on `roster` (None: a team of nobody yet), held against `archetype` (the
    command line's), else the roster's, else the one it most resembles."""
    people = list(roster.people) if roster else []
    chosen: Chosen | None = None
    if archetype is not None:
        chosen = "option"
    elif roster is not None and roster.archetype is not None:
        archetype, chosen = roster.archetype, "roster"
    roles = {role.id: role for role in catalog.roles}
    covered = _covered(people, roles)
    # A team of nobody resembles nothing (and is planned only against an archetype named).
    likeness = rank_likeness(catalog, set(covered)) if people else []
    resembles = likeness[0] if likeness else None
    if archetype is None and resembles is not None:
        archetype, chosen = resembles.archetype, "resembles"
    relied = [r.role for r in archetype.relies_on] if archetype else []
    missing = [role_id for role_id in relied if role_id not in covered]
    return TeamReport(
        team=roster.team if roster else None,
        archetype=archetype,
        chosen=chosen,
        people=people,
        roles=roles,
        covered=covered,
        missing=missing,
        single_points=[role_id for role_id, names in covered.items() if len(names) == 1],
        uncovered_tools=_uncovered_tools(people, covered, roles),
        skills=_skill_levels(catalog, people, covered, roles),
        resembles=resembles,
        likeness=likeness,
        order=hiring_order(archetype, set(covered), roles) if archetype else [],
        has_archetypes=bool(catalog.archetypes),
    )


def _covered(people: list[Person], roles: dict[str, Role]) -> dict[str, list[str]]:
    """Role id -> the names of the people who cover it, in catalog order, covered roles only."""
    names: dict[str, list[str]] = {}
    for person in people:
        for role_id in person.roles:
            names.setdefault(role_id, []).append(person.name)
    return {role_id: names[role_id] for role_id in roles if role_id in names}


def _uncovered_tools(
    people: list[Person], covered: dict[str, list[str]], roles: dict[str, Role]
) -> list[ToolGap] | None:
    listed = {tool_key(tool) for person in people for tool in person.tools}
    if not listed:
        return None
    gaps: dict[str, ToolGap] = {}
    for role_id in covered:
        for tool in roles[role_id].tools:
            key = tool_key(tool)
            if key in listed:
                continue
            gap = gaps.setdefault(key, ToolGap(tool, []))
            gap.roles.append(role_id)
    return list(gaps.values())


def _skill_levels(
    catalog: Catalog, people: list[Person], covered: dict[str, list[str]], roles: dict[str, Role]
) -> list[SkillLevel]:
    levels = []
    for skill in catalog.skills:
        stated = {p.name: p.skills[skill.id] for p in people if skill.id in p.skills}
        asks = {role_id: roles[role_id].skills[skill.id] for role_id in covered}
        best = max(stated.values()) if stated else None
        asked = max(asks.values()) if asks else None
        levels.append(
            SkillLevel(
                skill=skill.id,
                title=skill.title,
                best=best,
                best_by=[name for name, level in stated.items() if level == best],
                asked=asked,
                asked_by=[role_id for role_id, level in asks.items() if level == asked],
            )
        )
    return levels


def likeness_to(archetype: Archetype, covered: set[str], order: list[str]) -> Likeness:
    """How much a team covering `covered` looks like `archetype` (see the module's rules)."""
    relied = [r.role for r in archetype.relies_on]
    shared = [role_id for role_id in relied if role_id in covered]
    union = set(relied) | covered
    score = len(shared) / len(union) if union and relied else 0.0
    stated = {r.role for r in archetype.relies_on if r.basis == "stated"}
    return Likeness(
        archetype=archetype,
        score=score,
        shared=shared,
        lacks=[role_id for role_id in relied if role_id not in covered],
        extra=[role_id for role_id in order if role_id in covered and role_id not in relied],
        stated_shared=len(stated & covered),
    )


def rank_likeness(catalog: Catalog, covered: set[str]) -> list[Likeness]:
    """Every archetype by likeness, the most alike first. When none overlaps the team, the
    archetypes that rely on no role (nascent) come first."""
    order = [role.id for role in catalog.roles]
    found = [likeness_to(archetype, covered, order) for archetype in catalog.archetypes]
    position = {like.archetype.id: n for n, like in enumerate(found)}
    if not any(like.score > 0 for like in found):
        # Nobody the archetypes rely on: a team like the ones that rely on no one in particular.
        return sorted(
            found, key=lambda like: (bool(like.archetype.relies_on), position[like.archetype.id])
        )
    return sorted(
        found, key=lambda like: (-like.score, -like.stated_shared, position[like.archetype.id])
    )


def works_together(a: Role, b: Role) -> bool:
    """Whether either role names the other in `works_with`."""
    return b.id in a.works_with or a.id in b.works_with


def hiring_order(archetype: Archetype, covered: set[str], roles: dict[str, Role]) -> list[Hire]:
    """The relied-on roles nobody covers, in the order of the next-hire rule (see the module)."""
    have = set(covered)
    left = [r for r in archetype.relies_on if r.role not in have]
    steps: list[Hire] = []
    while left:

        def key(n: int) -> tuple[int, int, int, int]:
            reliance = left[n]
            role = roles[reliance.role]
            with_team = sum(1 for other in have if works_together(role, roles[other]))
            with_left = sum(
                1 for o in left if o.role != role.id and works_together(role, roles[o.role])
            )
            return (reliance.basis != "stated", -with_team, -with_left, n)

        reliance = left.pop(min(range(len(left)), key=key))
        role = roles[reliance.role]
        hired = [step.role for step in steps]
        reason = _reason(role, reliance.basis, covered, hired, [o.role for o in left], roles)
        steps.append(Hire(role.id, reliance.basis, reason))
        have.add(role.id)
    return steps


def _reason(
    role: Role,
    basis: str,
    covered: set[str],
    hired: list[str],
    left: list[str],
    roles: dict[str, Role],
) -> str:
    """Why a role comes where it does in the hiring order, in the terms of the rule."""
    parts = [
        "the course names it for this archetype"
        if basis == "stated"
        else "our reading counts it for this archetype (the course does not name it)"
    ]

    def partners(ids: Iterable[str]) -> list[str]:
        return [other for other in ids if works_together(role, roles[other])]

    team = partners(other for other in roles if other in covered)
    if team:
        parts.append(f"works with {', '.join(team)}, already on the team")
    earlier = partners(hired)
    if earlier:
        parts.append(f"works with {', '.join(earlier)}, hired before it")
    later = partners(left)
    if later:
        parts.append(f"works with {', '.join(later)}, still to hire")
    return "; ".join(parts)


def check_team(catalog: Catalog, roster_path: str | None, archetype_name: str | None) -> TeamReport:
    """`mlroles team [ROSTER] [--archetype NAME]`: the one call the command line makes.

    The archetype named on the command line is resolved first (unknown: exit 1, with the
    closest names), then the roster is read (any problem: exit 3, every problem at once).
    """
    from pathlib import Path

    from mlroles.errors import UsageProblem
    from mlroles.queries.org import find_archetype

    if roster_path is None and archetype_name is None:
        raise UsageProblem(
            "team needs a ROSTER file, or --archetype NAME to plan a team from nobody"
        )
    if roster_path is not None and not roster_path:
        raise UsageProblem("team needs the path of a roster file (got an empty one)")
    archetype = find_archetype(catalog, archetype_name) if archetype_name is not None else None
    roster = None
    if roster_path is not None:
        from mlroles.catalog.roster import read_roster

        roster = read_roster(Path(roster_path).expanduser(), catalog)
    return team_report(catalog, roster, archetype)
