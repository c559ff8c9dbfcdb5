"""`mlroles hire ROLE`: a hiring brief for one role, with a job ad and the catalog's advice.

The brief has three parts:

- the job ad: the role's title, summary, responsibilities (duties), work product
  (deliverables), tools and background, written for candidates: no skill levels, no inferred
  notes, no sources in it. Which of its fields hold a value no source states is kept beside it
  (`JobAd.inferred`), for the brief to say so outside the ad's body (and `--ad` on stderr).
- the advice: the catalog's guidance for this role, for its hiring group and for every industry
  ML role, on what to hire for, what to avoid, where to find candidates, what practitioners want
  (and how to stand out to them), how ML interviews run, and the market; each item with its
  scope and its sources. Advice for candidates (getting hired, standing out) is left to `path`.
- the interview: the assessment types that apply to the role, each with its scope: tied by a
  source to this role (`role`), common to every industry ML role (`general`), or tied to the
  role or its group by our reading (`inferred`, with the note that says why); in that order.

Which topics a brief holds, and the order of its sections, are our arrangement; the items
themselves are the catalog's, in its order within a section (the role's own first, then its
group's, then every role's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlroles.catalog.entries import Assessment, Catalog, Group, Guidance, Role, Source
from mlroles.errors import shown
from mlroles.queries.names import find_role
from mlroles.queries.outcome import PREFIX, Outcome

#: The guidance topics of a hiring brief, in the order of its sections, with their headings.
#: `employers-look-for` (what employers look for in a hiring group) is told with `hire-for`.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("What to hire for", ("hire-for", "employers-look-for")),
    ("What to avoid", ("avoid",)),
    ("Where to find candidates", ("find-candidates",)),
    ("What practitioners want, and how to stand out to them", ("practitioners-want",)),
    ("How ML interviews run", ("interview",)),
    ("The market", ("talent-gap",)),
)
#: Every topic a brief holds, in section order.
TOPICS: tuple[str, ...] = tuple(topic for _, topics in SECTIONS for topic in topics)

#: The ad's keys, and the role fields they come from.
AD_FIELDS: dict[str, str] = {
    "title": "title",
    "summary": "summary",
    "duties": "responsibilities",
    "deliverables": "work_product",
    "tools": "tools",
    "background": "background",
}

_SCOPE_ORDER = {"role": 0, "group": 1, "all": 2}
_STEP_ORDER = {"role": 0, "general": 1, "inferred": 2}


@dataclass(frozen=True)
class JobAd(Outcome):
    """A job ad for one role, for candidates to read."""

    title: str
    summary: str
    duties: list[str]
    deliverables: list[str]
    tools: list[str]
    background: str
    #: Ad key -> the note of the role field it comes from, where that value is our reading:
    #: never in the ad's body; the brief shows them beside it, `--ad` on stderr.
    inferred: dict[str, str] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary,
            "duties": list(self.duties),
            "deliverables": list(self.deliverables),
            "tools": list(self.tools),
            "background": self.background,
        }

    def notes(self, in_data: bool) -> list[str]:
        """One line per ad field whose value no source states, in every format (its data
        leaves them out): what `--ad` says on stderr."""
        return [
            f"{PREFIX}the ad's {key} {'is' if key in ('title', 'summary', 'background') else 'are'}"
            f" inferred, not stated by a source: {shown(' '.join(note.split()))}"
            for key, note in self.inferred.items()
        ]


@dataclass(frozen=True)
class Advice:
    """One piece of guidance as the brief gives it."""

    item: Guidance
    #: The brief's sources that this item cites, as numbers from 1 (`HiringBrief.sources`).
    cites: list[int]

    def to_data(self) -> dict[str, Any]:
        item = self.item
        return {
            "id": item.id,
            "topic": item.topic,
            "text": item.text,
            "scope": item.scope,
            "for": item.role or item.group,
            "year": item.year,
            "no_advice": item.no_advice,
            "source": [source_to_data(source) for source in item.sources],
            "inferred": dict(item.inferred),
        }


@dataclass(frozen=True)
class InterviewStep:
    """One assessment type that applies to the role."""

    item: Assessment
    cites: list[int]

    @property
    def note(self) -> str | None:
        """Why the assessment is tied to the role, when that is our reading."""
        return self.item.inferred.get("scope")

    def to_data(self) -> dict[str, Any]:
        item = self.item
        return {
            "id": item.id,
            "assessment": item.title,
            "summary": item.summary,
            "scope": item.scope,
            "for": item.role or item.group,
            "source": [source_to_data(source) for source in item.sources],
            "inferred": dict(item.inferred),
        }


@dataclass(frozen=True)
class HiringBrief(Outcome):
    """`mlroles hire ROLE`: the ad, the advice and the interview for one role."""

    role: Role
    group: Group | None
    ad: JobAd
    advice: list[Advice]
    interview: list[InterviewStep]
    #: Every document the brief rests on, numbered from 1: the role's, then its advice's.
    sources: list[Source]

    def to_data(self) -> dict[str, Any]:
        return {
            "role": self.role.id,
            "title": self.role.title,
            "group": self.role.group,
            "ad": self.ad.to_data(),
            "ad_inferred": dict(self.ad.inferred),
            "advice": [advice.to_data() for advice in self.advice],
            "interview": [step.to_data() for step in self.interview],
            "sources": [source_to_data(source) for source in self.sources],
        }

    def section(self, topics: tuple[str, ...]) -> list[Advice]:
        """The advice of these topics, in the brief's order."""
        return [advice for advice in self.advice if advice.item.topic in topics]


def source_to_data(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url}


def job_ad(role: Role) -> JobAd:
    """The ad for `role`: its fields for candidates, and which of them are our reading."""
    inferred: dict[str, str] = role.inferred  # type: ignore[assignment]
    return JobAd(
        title=role.title,
        summary=role.summary,
        duties=list(role.responsibilities),
        deliverables=list(role.work_product),
        tools=list(role.tools),
        background=role.background,
        inferred={key: inferred[name] for key, name in AD_FIELDS.items() if name in inferred},
    )


def advice_for(catalog: Catalog, role: Role) -> list[Guidance]:
    """The brief's guidance for `role`: by section, then the role's own, its group's, every
    role's, then catalog order."""
    chosen = [
        item
        for item in catalog.guidance
        if item.topic in TOPICS
        and (
            (item.scope == "role" and item.role == role.id)
            or (item.scope == "group" and item.group == role.group)
            or item.scope == "all"
        )
    ]
    order = {item.id: index for index, item in enumerate(catalog.guidance)}
    return sorted(
        chosen,
        key=lambda item: (TOPICS.index(item.topic), _SCOPE_ORDER[item.scope], order[item.id]),
    )


def interview_for(catalog: Catalog, role: Role) -> list[Assessment]:
    """The assessments for `role`: those its sources tie to the role, those common to every
    industry ML role, then those our reading ties to the role or to its group; catalog order
    within each."""
    chosen = [
        item
        for item in catalog.assessments
        if item.scope == "general"
        or (item.role is not None and item.role == role.id)
        or (item.scope == "inferred" and item.group is not None and item.group == role.group)
    ]
    return sorted(chosen, key=lambda item: _STEP_ORDER[item.scope])


def hiring_brief(catalog: Catalog, name: str) -> HiringBrief:
    """The brief for the role `name` resolves to (as `show` resolves it)."""
    role = find_role(catalog, name)
    group = next((group for group in catalog.groups if group.id == role.group), None)
    guidance = advice_for(catalog, role)
    assessments = interview_for(catalog, role)

    numbers: dict[tuple[str, str | None], int] = {}
    sources: list[Source] = []

    def cite(cited: list[Source]) -> list[int]:
        found = []
        for source in cited:
            key = (source.title, source.url)
            if key not in numbers:
                sources.append(source)
                numbers[key] = len(sources)
            found.append(numbers[key])
        return found

    cite(list(role.sources))
    advice = [Advice(item, cite(list(item.sources))) for item in guidance]
    interview = [InterviewStep(item, cite(list(item.sources))) for item in assessments]
    return HiringBrief(role, group, job_ad(role), advice, interview, sources)
