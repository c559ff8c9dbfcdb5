"""Drawing a `SkillMap` as a chart of characters, as wide as asked.

Each role is a marker at (machine learning, software engineering); the marker's shape says how
much communication the role needs, and a legend under the chart says which shape is which.
Labels are placed so that they never overwrite a marker or another label: each goes to the right
of its marker, else to the left, above or below; a label that fits nowhere is replaced by a
shorter name (an alias or the id), then by a number explained under the chart, and a role that
even a number cannot be put beside is listed under the chart with its coordinates. Roles that
fall on the same character share one marker and one label.

The chart is plain text; styles (colour on a terminal) are kept apart as spans, so that the plain
renderer and the Rich one draw the same characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mlroles.queries.skillmap import Point, SkillMap, chart_width
from mlroles.render.env import ASCII_FALLBACK, Environment

# `scalar` puts a title on one line: a line break or a tab in it must not break the chart's rows.
from mlroles.render.text import SKILL_LABELS, scalar

if TYPE_CHECKING:
    from rich.text import Text

Cell = tuple[int, int]


@dataclass(frozen=True)
class Glyphs:
    """The characters a chart is drawn with."""

    #: Markers for low, medium and high communication.
    markers: tuple[str, str, str]
    highlight: str
    vertical: str
    tick: str
    corner: str
    horizontal: str


UNICODE = Glyphs(("•", "●", "◉"), "★", "│", "┤", "└", "─")


def _ascii(glyphs: Glyphs) -> Glyphs:
    """The same characters through the one ASCII fallback table, but for the low marker: the
    table turns a bullet into `-`, which on the chart would read as part of an axis."""

    def plain(text: str) -> str:
        return text.translate(ASCII_FALLBACK)

    _, medium, high = glyphs.markers
    return Glyphs(
        ("o", plain(medium), plain(high)),
        plain(glyphs.highlight),
        plain(glyphs.vertical),
        plain(glyphs.tick),
        plain(glyphs.corner),
        plain(glyphs.horizontal),
    )


ASCII = _ascii(UNICODE)

#: Communication below the first limit is "low", below the second "medium", else "high".
TIERS = (1 / 3, 2 / 3)
TIER_NAMES = ("low", "medium", "high")
#: Columns left of the plot: "High ┤".
LEFT = 6
MIN_ROWS, MAX_ROWS = 8, 18

MARKER_STYLE = "bold cyan"
HIGHLIGHT_STYLE = "bold reverse yellow"
AXIS_STYLE = "dim"
TITLE_STYLE = "bold"


@dataclass(frozen=True)
class Label:
    """A label on the chart, at a line and column of the whole chart's text."""

    ids: tuple[str, ...]
    text: str
    line: int
    column: int
    highlighted: bool = False


@dataclass
class Chart:
    """The chart's lines, the styles to lay over them, and where each label went."""

    lines: list[str]
    #: (line, start, end, style) spans over `lines`.
    styles: list[tuple[int, int, int, str]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    #: Ids of the roles whose marker carries a number instead of a name (explained below it).
    keyed: list[str] = field(default_factory=list)
    #: Ids of the roles that could not be labelled on the chart at all (listed below it).
    unlabelled: list[str] = field(default_factory=list)


def glyphs_for(env: Environment) -> Glyphs:
    """Box-drawing characters when stdout can encode them, else plain ASCII."""
    unicode = (*UNICODE.markers, UNICODE.highlight, UNICODE.vertical, UNICODE.tick)
    return UNICODE if env.takes("".join(unicode) + UNICODE.corner + UNICODE.horizontal) else ASCII


def plot_size(width: int) -> tuple[int, int]:
    """(rows, columns) of the plot area in a chart `width` columns wide."""
    columns = width - LEFT
    return max(MIN_ROWS, min(MAX_ROWS, columns // 4)), columns


def tier(communication: float) -> int:
    return sum(communication >= limit for limit in TIERS)


def position(point: Point, rows: int, columns: int) -> Cell:
    """The plot cell of a point: x across from the left, y up from the bottom."""
    return _nearest((1 - point.y) * (rows - 1)), _nearest(point.x * (columns - 1))


def _nearest(value: float) -> int:
    return int(value + 0.5)


def draw(result: SkillMap, width: int, glyphs: Glyphs = UNICODE) -> Chart:
    """The whole chart, `width` columns wide at most."""
    rows, columns = plot_size(width)
    groups: dict[Cell, list[Point]] = {}
    for point in result.points:
        groups.setdefault(position(point, rows, columns), []).append(point)
    plot, keys, unlabelled = _best_layout(groups, rows, columns, glyphs)

    top = 1  # the plot's first line in the chart; line 0 is the y axis's title
    y_title = axis_label(result.y_axis.id if result.y_axis else "software_engineering")
    chart = Chart([" " * LEFT + y_title])
    chart.styles.append((0, LEFT, LEFT + len(y_title), TITLE_STYLE))
    for row in range(rows):
        if row == 0:
            axis = "High " + glyphs.tick
        elif row == rows - 1:
            axis = " Low " + glyphs.tick
        else:
            axis = " " * (LEFT - 1) + glyphs.vertical
        chart.lines.append(axis + "".join(plot.canvas[row]))
        chart.styles.append((top + row, 0, LEFT, AXIS_STYLE))
    for (row, column), style in plot.styles.items():
        chart.styles.append((top + row, LEFT + column, LEFT + column + 1, style))
    for label in plot.labels:
        chart.labels.append(
            Label(label.ids, label.text, top + label.line, LEFT + label.column, label.highlighted)
        )
        if label.highlighted:
            start = LEFT + label.column
            end = start + len(cells(label.text))
            chart.styles.append((top + label.line, start, end, HIGHLIGHT_STYLE))
    chart.lines.append(" " * (LEFT - 1) + glyphs.corner + glyphs.horizontal * columns)
    chart.styles.append((len(chart.lines) - 1, 0, width, AXIS_STYLE))
    chart.lines.append(_x_axis_title(columns, result.x_axis.id if result.x_axis else None))
    chart.styles.append((len(chart.lines) - 1, LEFT, width, TITLE_STYLE))
    chart.lines.append("")
    legend = [f"{glyphs.markers[i]} {TIER_NAMES[i]}" for i in range(3)]
    size = result.points[0].size_axis if result.points else "communication"
    if size is not None:
        chart.lines.extend(_wrap([f"{axis_label(size)}:", *legend], width))
    marked = result.highlighted
    if marked is not None:
        chart.lines.extend(
            wrap(
                f"{glyphs.highlight} {scalar(marked.role.title)} (highlighted): "
                + _coordinates(marked),
                width,
            )
        )
    for number, named in keys:
        titles = " / ".join(scalar(p.role.title) for p in named)
        chart.lines.extend(wrap(f"{number} = {titles}", width, subsequent_indent="    "))
    if unlabelled:
        chart.lines.append("no room to label:")
        for point in unlabelled:
            chart.lines.extend(
                wrap(
                    f"{scalar(point.role.title)}: {_coordinates(point)}",
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    chart.keyed = [p.role.id for _, named in keys for p in named]
    chart.unlabelled = [p.role.id for p in unlabelled]
    return chart


def map_view(result: SkillMap, env: Environment) -> Text:
    """`table`: the chart at the width asked for (else the terminal's), in what stdout takes."""
    return map_text(result, chart_width(result.width, env.width), glyphs_for(env))


def map_view_plain(result: SkillMap, env: Environment) -> str:
    """`plain`: the same chart, without colour."""
    return map_plain(result, chart_width(result.width, env.width), glyphs_for(env))


def map_plain(result: SkillMap, width: int, glyphs: Glyphs = UNICODE) -> str:
    """The chart as plain text, no styles, no trailing blanks."""
    return "".join(line.rstrip() + "\n" for line in draw(result, width, glyphs).lines)


def map_text(result: SkillMap, width: int, glyphs: Glyphs = UNICODE) -> Text:
    """The chart as Rich text: the same characters, with colour for a terminal."""
    from rich.text import Text

    chart = draw(result, width, glyphs)
    starts: list[int] = []
    offset = 0
    for line in chart.lines:
        starts.append(offset)
        offset += len(line) + 1
    text = Text("\n".join(chart.lines), no_wrap=True, overflow="crop")
    for number, start, end, style in chart.styles:
        # Styles count terminal cells; a wide or zero-width character makes them differ from
        # the string's indexes.
        line = chart.lines[number]
        first, stop = _index(line, start), _index(line, end)
        if first < stop:
            text.stylize(style, starts[number] + first, starts[number] + stop)
    return text


def cells(text: str) -> list[str]:
    """`text` as one string per terminal cell, as Rich measures them: a wide character (a
    fullwidth letter) fills two cells, the second of them "", and a zero-width one (U+200B, a
    combining accent) joins the cell before it. The chart is a grid of these cells."""
    from rich.cells import get_character_cell_size

    units: list[str] = []
    pending = ""
    for char in text:
        size = get_character_cell_size(char)
        if size == 0:
            if units:
                units[-1] += char
            else:
                pending += char
        else:
            units.append(pending + char)
            pending = ""
            if size == 2:
                units.append("")
    if pending:
        units.append(pending)
    return units


def _index(line: str, cell: int) -> int:
    """The index in `line` where its `cell`-th terminal cell starts (its length past the end)."""
    from rich.cells import get_character_cell_size

    seen = 0
    for index, char in enumerate(line):
        if seen >= cell and get_character_cell_size(char) > 0:
            return index
        seen += get_character_cell_size(char)
    return len(line)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken between words (a word wider
    than a line is folded): textwrap counts characters, not cells."""
    lines: list[str] = []
    line = initial_indent
    for word in text.split():
        indent = subsequent_indent if lines else initial_indent
        room = width - len(cells(indent))
        parts = cells(word)
        while len(parts) > room > 0:  # a word wider than a whole line: fold it
            if line.strip():
                lines.append(line)
                line = subsequent_indent
                indent, room = subsequent_indent, width - len(cells(subsequent_indent))
            lines.append(indent + "".join(parts[:room]))
            parts = parts[room:]
            line = subsequent_indent
        word = "".join(parts)
        if not word:
            continue
        gap = " " if line.strip() else ""
        if len(cells(line + gap + word)) <= width:
            line += gap + word
        else:
            lines.append(line)
            line = subsequent_indent + word
    if line.strip():
        lines.append(line)
    return lines


# --- placing markers and labels ------------------------------------------------------------

#: The ways of naming the roles on the chart that `draw` tries, each name tried in turn.
NAMINGS: tuple[tuple[str, ...], ...] = (
    ("title", "short", "number"),
    ("short", "number"),
    ("number",),
)

_Layout = tuple["_Plot", list[tuple[int, list[Point]]], list[Point]]


def _best_layout(
    groups: dict[Cell, list[Point]], rows: int, columns: int, glyphs: Glyphs
) -> _Layout:
    """Names first; when that leaves a role without a label, short names or numbers everywhere
    may leave fewer: whichever labels the most roles wins, the earliest on a tie. A layout
    that labels every role cannot be beaten, so the namings after it are not tried."""
    best: _Layout | None = None
    for naming in NAMINGS:
        layout = _label(groups, rows, columns, glyphs, naming)
        if best is None or len(layout[2]) < len(best[2]):
            best = layout
        if not best[2]:
            break
    assert best is not None
    return best


def _label(
    groups: dict[Cell, list[Point]],
    rows: int,
    columns: int,
    glyphs: Glyphs,
    naming: tuple[str, ...],
) -> _Layout:
    """Markers for every group of points, then a label for each where one fits."""
    plot = _Plot(rows, columns)
    for cell, points in groups.items():
        plot.put_marker(cell, _marker(points, glyphs), any(p.highlighted for p in points))
    order = sorted(groups, key=lambda cell: not any(p.highlighted for p in groups[cell]))
    keys: list[tuple[int, list[Point]]] = []
    unlabelled: list[Point] = []
    for cell in order:
        points = groups[cell]
        names = {
            "title": " / ".join(scalar(p.role.title) for p in points),
            "short": " / ".join(_short_name(p) for p in points),
            "number": str(len(keys) + 1),
        }
        for kind in naming:
            if plot.put_label(cell, names[kind], points):
                if kind == "number":
                    keys.append((len(keys) + 1, points))
                break
        else:
            unlabelled.extend(points)
    return plot, keys, unlabelled


@dataclass
class _Plot:
    rows: int
    columns: int
    canvas: list[list[str]] = field(default_factory=list)
    #: Cells with something drawn in them.
    ink: set[Cell] = field(default_factory=set)
    #: Blank cells that must stay blank: beside a marker or a label, so that words stay apart.
    halo: set[Cell] = field(default_factory=set)
    styles: dict[Cell, str] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.canvas = [[" "] * self.columns for _ in range(self.rows)]

    def put_marker(self, cell: Cell, marker: str, highlighted: bool) -> None:
        row, column = cell
        self.canvas[row][column] = marker
        self.ink.add(cell)
        self.halo.update({(row, column - 1), (row, column + 1)})
        self.styles[cell] = HIGHLIGHT_STYLE if highlighted else MARKER_STYLE

    def put_label(self, cell: Cell, text: str, points: list[Point]) -> bool:
        """Write `text` beside the marker at `cell` where it fits; False if it fits nowhere."""
        row, column = cell
        units = cells(text)
        size = len(units)
        spots = [
            (row, column + 2),  # right
            (row, column - 1 - size),  # left
            (row - 1, column),  # above, starting over the marker
            (row + 1, column),  # below, starting under it
            (row - 1, column - size + 1),  # above, ending over it
            (row + 1, column - size + 1),  # below, ending under it
            (row - 1, column - size // 2),  # above, centred
            (row + 1, column - size // 2),  # below, centred
        ]
        for line, start in spots:
            if self._free(line, start, size):
                self._write(line, start, units)
                self.labels.append(
                    Label(
                        tuple(p.role.id for p in points),
                        text,
                        line,
                        start,
                        any(p.highlighted for p in points),
                    )
                )
                return True
        return False

    def _free(self, line: int, start: int, size: int) -> bool:
        if not (0 <= line < self.rows and start >= 0 and start + size <= self.columns):
            return False
        # Cell by cell: a union of `ink` and `halo` would cost as much as everything drawn.
        for column in range(start, start + size):
            if (line, column) in self.ink or (line, column) in self.halo:
                return False
        return (line, start - 1) not in self.ink and (line, start + size) not in self.ink

    def _write(self, line: int, start: int, units: list[str]) -> None:
        for offset, unit in enumerate(units):
            self.canvas[line][start + offset] = unit
            self.ink.add((line, start + offset))
        self.halo.update({(line, start - 1), (line, start + len(units))})


def _marker(points: list[Point], glyphs: Glyphs) -> str:
    if any(point.highlighted for point in points):
        return glyphs.highlight
    return glyphs.markers[max(tier(point.communication) for point in points)]


def _short_name(point: Point) -> str:
    role = point.role
    return min((scalar(role.title), role.id, *role.aliases), key=len)


def _coordinates(point: Point) -> str:
    text = f"{axis_label(point.x_axis)} {point.x:.2f}, {axis_label(point.y_axis)} {point.y:.2f}"
    if point.size_axis:
        text += f", {axis_label(point.size_axis)} {point.size:.2f}"
    return text


def axis_label(skill_id: str) -> str:
    """An axis as the chart names it: `machine learning`, or the id in words."""
    return SKILL_LABELS.get(skill_id, skill_id.replace("_", " "))


def _x_axis_title(columns: int, axis: str | None = "machine_learning") -> str:
    if axis in (None, "machine_learning"):
        title = "machine-learning expertise"
        if columns < len(title) + len("Low") + len("High") + 4:
            title = "ML expertise"
    else:
        title = axis_label(axis)
    gap = columns - len("Low") - len("High") - len(title)
    left = gap // 2
    return " " * LEFT + "Low" + " " * left + title + " " * (gap - left) + "High"


def _wrap(items: list[str], width: int) -> list[str]:
    """Items joined by two spaces, wrapped between items to `width`."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return lines


# --- the chart as a picture ----------------------------------------------------------------

#: The SVG chart's title.
SVG_TITLE = "The skills each role needs"


def map_svg(result: SkillMap, *, standalone: bool = True, id_prefix: str = "skills-chart") -> str:
    """The chart as an SVG document, drawn by `render/svg.py`: the same axes, sizes and
    highlight as the chart in characters, each role named by its title where there is room."""
    from mlroles.render import svg

    x_id = result.x_axis.id if result.x_axis else "machine_learning"
    y_id = result.y_axis.id if result.y_axis else "software_engineering"
    size_id = result.points[0].size_axis if result.points else None
    x_title = "machine-learning expertise" if x_id == "machine_learning" else axis_label(x_id)
    points = []
    for point in result.points:
        role = point.role
        shortest = min((role.id, *role.aliases), key=len)
        points.append(
            svg.ChartPoint(
                role.id,
                role.title,
                point.x,
                point.y,
                point.size,
                point.highlighted,
                shortest if len(shortest) < len(role.title) else None,
            )
        )
    inferred = sum("skills" in point.role.inferred for point in result.points)
    notes = []
    if inferred:
        which = (
            f"all {inferred:,}"
            if inferred == len(points)
            else f"{inferred:,} of the {len(points):,}"
        )
        notes.append(
            f"The catalog marks the levels of {which} roles as inferred: approximate readings,"
            " not published numbers."
        )
    chart = svg.BubbleChart(
        SVG_TITLE,
        points,
        svg.Axis(x_title),
        svg.Axis(axis_label(y_id)),
        axis_label(size_id) if size_id else None,
        notes=notes,
        id_prefix=id_prefix,
        noun="roles",
    )
    return svg.render_svg(chart, standalone=standalone)
