"""`mlroles map`: where each role sits on the skills chart of the lectures.

Machine-learning expertise is the x axis, software engineering the y axis, and communication the
size of the marker; all three are the role's `skills`, from 0 to 1. Drawing the chart is
`render/skillmap.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlroles.catalog.models import Catalog, Role
from mlroles.errors import UsageProblem
from mlroles.queries.names import find_role

#: On a terminal the chart is drawn at most this wide; `--width` may ask for up to `WIDEST`.
MAX_WIDTH = 100
WIDEST = 500
#: The chart is never drawn narrower than this.
MIN_WIDTH = 30


@dataclass(frozen=True)
class Point:
    """One role on the chart."""

    role: Role
    highlighted: bool = False

    @property
    def x(self) -> float:
        return self.role.skills.machine_learning

    @property
    def y(self) -> float:
        return self.role.skills.software_engineering

    @property
    def communication(self) -> float:
        return self.role.skills.communication

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.role.id,
            "title": self.role.title,
            "x": self.x,
            "y": self.y,
            "communication": self.communication,
            "highlighted": self.highlighted,
        }


@dataclass(frozen=True)
class SkillMap:
    """`mlroles map`: every role of the catalog as a point, in catalog order."""

    points: list[Point]

    @property
    def highlighted(self) -> Point | None:
        return next((point for point in self.points if point.highlighted), None)

    def to_data(self) -> list[dict[str, Any]]:
        return [point.to_data() for point in self.points]


def skill_map(catalog: Catalog, highlight: str | None = None) -> SkillMap:
    """Every role as a point; `highlight` (an id, alias or title) marks one of them."""
    marked = find_role(catalog, highlight).id if highlight is not None else None
    return SkillMap([Point(role, role.id == marked) for role in catalog.roles])


def chart_width(requested: int | None, available: int) -> int:
    """The width to draw at: `--width` if given (a usage error outside MIN_WIDTH..WIDEST), else
    the terminal's, at most `MAX_WIDTH` and at least `MIN_WIDTH`."""
    if requested is not None:
        if not MIN_WIDTH <= requested <= WIDEST:
            raise UsageProblem(
                f"--width must be from {MIN_WIDTH} to {WIDEST} columns (got {requested})"
            )
        return requested
    return max(MIN_WIDTH, min(available, MAX_WIDTH))
