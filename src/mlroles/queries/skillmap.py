"""`mlroles map`: where each role sits on the skills chart of the lectures.

Two of the catalog's skill axes are the chart's x and y (`--x`, `--y`: by default the first two
it declares; for the bundled catalog, machine learning across and software engineering up), and
the first other axis (communication) is the size of the marker; all are the role's `skills`,
from 0 to 1. Drawing the chart is `render/skillmap.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlroles.catalog.entries import Catalog, Role, Skill
from mlroles.errors import UsageProblem
from mlroles.queries.names import find_role
from mlroles.queries.outcome import Outcome

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
    x_axis: str = "machine_learning"
    y_axis: str = "software_engineering"
    #: The axis drawn as the marker's size, if the catalog has a third one.
    size_axis: str | None = "communication"

    @property
    def x(self) -> float:
        return self.role.skills[self.x_axis]

    @property
    def y(self) -> float:
        return self.role.skills[self.y_axis]

    @property
    def size(self) -> float:
        return self.role.skills[self.size_axis] if self.size_axis else 0.0

    @property
    def communication(self) -> float:
        """The marker's size (communication, on the bundled chart)."""
        return self.size

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.role.id, "title": self.role.title}
        data["x"], data["y"] = self.x, self.y
        if self.size_axis:
            data[self.size_axis] = self.size
        data["highlighted"] = self.highlighted
        return data


@dataclass(frozen=True)
class SkillMap(Outcome):
    """`mlroles map`: every role of the catalog as a point, in catalog order, and the width
    asked for (`--width`; None: the terminal's, which the renderer knows)."""

    points: list[Point]
    x_axis: Skill | None = None
    y_axis: Skill | None = None
    size_axis: Skill | None = None
    #: The width asked for (`--width`; None: the terminal's, which the renderer knows).
    width: int | None = None

    @property
    def highlighted(self) -> Point | None:
        return next((point for point in self.points if point.highlighted), None)

    def to_data(self) -> list[dict[str, Any]]:
        return [point.to_data() for point in self.points]


def skill_map(
    catalog: Catalog,
    highlight: str | None = None,
    x: str | None = None,
    y: str | None = None,
    width: int | None = None,
) -> SkillMap:
    """Every role as a point; `highlight` (an id, alias or title) marks one of them; `x` and
    `y` name the axes (ids or aliases; by default the catalog's first two)."""
    check_width(width)
    skills = catalog.skills
    if len(skills) < 2:
        raise UsageProblem(
            f"map needs two skill axes; the catalog declares {len(skills)}"
            f" ({', '.join(catalog.skill_ids)})"
        )
    x_axis = _axis(catalog, x, "--x") if x is not None else skills[0]
    y_axis = (
        _axis(catalog, y, "--y")
        if y is not None
        else next(skill for skill in skills if skill.id != x_axis.id)
    )
    if x_axis.id == y_axis.id:
        raise UsageProblem(f"--x and --y name the same skill axis ({x_axis.id})")
    size_axis = next((s for s in skills if s.id not in (x_axis.id, y_axis.id)), None)
    marked = find_role(catalog, highlight).id if highlight is not None else None
    size_id = size_axis.id if size_axis else None
    points = [
        Point(role, role.id == marked, x_axis.id, y_axis.id, size_id) for role in catalog.roles
    ]
    return SkillMap(points, x_axis, y_axis, size_axis, width)


def check_width(requested: int | None) -> None:
    """`--width` outside MIN_WIDTH..WIDEST is a usage error."""
    if requested is not None and not MIN_WIDTH <= requested <= WIDEST:
        raise UsageProblem(
            f"--width must be from {MIN_WIDTH} to {WIDEST} columns (got {requested})"
        )


def _axis(catalog: Catalog, name: str, option: str) -> Skill:
    import difflib

    plain = name.strip().lower().replace("-", "_").replace(" ", "_")
    skill = catalog.skill_named(plain)
    if skill is not None:
        return skill
    names = [n for s in catalog.skills for n in (s.id, *s.aliases)]
    close = difflib.get_close_matches(plain, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UsageProblem(
        f"{option}: unknown skill axis {name!r}{hint} (axes: {', '.join(catalog.skill_ids)})"
    )


def chart_width(requested: int | None, available: int) -> int:
    """The width to draw at: `--width` if given (a usage error outside MIN_WIDTH..WIDEST), else
    the terminal's, at most `MAX_WIDTH` and at least `MIN_WIDTH`."""
    if requested is not None:
        check_width(requested)
        return requested
    return max(MIN_WIDTH, min(available, MAX_WIDTH))
