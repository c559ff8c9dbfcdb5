"""A bubble chart as a standalone SVG document, from plain inputs (no catalog, no terminal).

The chart of the course's lectures: one bubble per point, its centre at (x, y), both from 0 to 1,
and its size for a third value from 0 to 1. The bubble's *area* grows in step with the value
(a floor keeps a value of 0 visible as a dot), so that twice the value is twice the ink; bigger
always means more.

Every point is labelled where there is room. Labels are placed by a deterministic search over
candidate spots around each bubble (right, left, above, below, the four corners, then the same
directions further out with a thin leader line), and a spot is taken only when the label's box
touches no bubble, no other label and stays inside the plot. Each label's width is fixed with
`textLength`, so the box the browser draws is the box that was placed, whatever font it has.
Points that cannot all be named are thinned as the text chart does: full names first, for every
point; then a shorter name for those left; then a number, explained in a key under the chart;
and the rest are counted under the chart as not labelled. Every point, labelled or not, is
listed in the document's `<desc>` and carries a `<title>` (a tooltip, and a name for screen
readers). Points at the same position share one label.

The document has a `viewBox`, a `<title>` and a `<desc>`, no external references (no fonts,
images, scripts or styles from anywhere), and every piece of text in it is escaped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# --- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    """One bubble: where it sits (x, y from 0 to 1), its size (0 to 1) and its name."""

    id: str
    label: str
    x: float
    y: float
    size: float
    highlighted: bool = False
    #: A shorter name, tried when `label` fits nowhere.
    short: str | None = None


@dataclass(frozen=True)
class Axis:
    """An axis: its title and the words at its two ends."""

    title: str
    low: str = "Low"
    high: str = "High"


@dataclass(frozen=True)
class BubbleChart:
    """Everything the SVG shows."""

    title: str
    points: Sequence[ChartPoint]
    x_axis: Axis
    y_axis: Axis
    #: What the bubbles' size stands for, e.g. "communication"; None: every bubble one size.
    size_title: str | None
    #: Extra lines for the legend (e.g. that positions are approximate readings).
    notes: Sequence[str] = ()
    #: Prefix of the element ids, so that two charts can share one HTML page.
    id_prefix: str = "chart"
    #: What the points are, for the description: "roles".
    noun: str = "points"


# --- geometry ------------------------------------------------------------------------------

WIDTH = 800
PLOT_LEFT, PLOT_RIGHT = 86, WIDTH - 24
PLOT_TOP, PLOT_BOTTOM = 64, 64 + 480
LABEL_SIZE = 12
TITLE_SIZE = 18
AXIS_SIZE = 14
LEGEND_SIZE = 12
#: A label's box reaches this far above its baseline and below it, in font sizes: room for the
#: ascent and descent of any common sans-serif font (Noto Sans is among the tallest).
ASCENT, DESCENT = 1.1, 0.3
#: Space kept between a label and its bubble, and around every box.
GAP = 3.0
MARGIN = 1.0
#: A label's box is this much wider than its text: the browser's box can reach a little past
#: `textLength` (a glyph's overhang), and this keeps that inside the box that was placed.
SLACK = 1.5
#: Further-out rings of spots, each with a leader line back to the bubble.
RINGS = (0.0, 14.0, 30.0)
#: At most this many numbered labels (the key under the chart must stay readable).
MAX_KEY = 60
#: The largest bubble's radius, for a chart of up to `FEW` points; more points, smaller bubbles.
MAX_RADIUS = 26.0
MIN_MAX_RADIUS = 5.0
FEW = 20
#: A value of 0 is still a dot this fraction of the largest radius.
FLOOR = 0.2

FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
BUBBLE_FILL = "#2f6fb0"
BUBBLE_STROKE = "#1b4b7a"
HIGHLIGHT_FILL = "#e8871e"
HIGHLIGHT_STROKE = "#7a3e00"
LEADER = "#9aa5b1"

NAMINGS = ("label", "short", "number")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def meets(self, other: Box, margin: float = MARGIN) -> bool:
        return not (
            self.right + margin <= other.left
            or other.right + margin <= self.left
            or self.bottom + margin <= other.top
            or other.bottom + margin <= self.top
        )

    def meets_circle(self, cx: float, cy: float, r: float, margin: float = MARGIN) -> bool:
        nearest_x = min(max(cx, self.left), self.right)
        nearest_y = min(max(cy, self.top), self.bottom)
        return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < (r + margin) ** 2


@dataclass(frozen=True)
class Bubble:
    point: ChartPoint
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class PlacedLabel:
    """A label on the chart: its text, box, baseline, and the bubbles it names."""

    text: str
    box: Box
    ids: tuple[str, ...]
    kind: str
    highlighted: bool
    #: A leader line (x1, y1, x2, y2) when the label sits away from its bubble.
    leader: tuple[float, float, float, float] | None = None

    @property
    def baseline(self) -> float:
        return self.box.top + ASCENT * LABEL_SIZE


@dataclass
class Layout:
    """Where everything went: the bubbles, the labels, the key and what was left unlabelled."""

    bubbles: list[Bubble]
    labels: list[PlacedLabel]
    #: (number, titles) for the numbered labels.
    key: list[tuple[int, str]] = field(default_factory=list)
    #: Ids of the points that got no label at all.
    unlabelled: list[str] = field(default_factory=list)
    max_radius: float = MAX_RADIUS


def one_line(text: str) -> str:
    """Text on one line: runs of white space (newlines and tabs too) become one space, and
    characters that XML cannot carry become U+FFFD."""
    return _NOT_XML.sub("\ufffd", " ".join(text.split()))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def radius(size: float, largest: float) -> float:
    """The radius of a bubble whose area stands for `size` (0 to 1)."""
    size = min(max(size, 0.0), 1.0)
    smallest = FLOOR * largest
    return math.sqrt(smallest**2 + size * (largest**2 - smallest**2))


def largest_radius(count: int) -> float:
    """Bubbles shrink as the chart fills, so that a thousand points stay apart."""
    if count <= FEW:
        return MAX_RADIUS
    return max(MIN_MAX_RADIUS, MAX_RADIUS * math.sqrt(FEW / count))


# Widths of Helvetica's characters in thousandths of the font size (its published metrics); other
# sans-serif fonts come close, and `textLength` holds the drawn text to this width exactly.
_WIDTHS = dict(
    zip(
        "".join(map(chr, range(32, 127))),
        (
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ),
        strict=True,
    )
)  # fmt: skip


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width `text` is given on the chart, in user units."""
    total = 0
    for char in text:
        if char in _WIDTHS:
            total += _WIDTHS[char]
        elif unicodedata.combining(char):
            continue
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1000
        else:
            total += 600
    return total / 1000 * size * (1.1 if bold else 1.0)


def _position(point: ChartPoint, pad: float) -> tuple[float, float]:
    x = min(max(point.x, 0.0), 1.0)
    y = min(max(point.y, 0.0), 1.0)
    left, right = PLOT_LEFT + pad, PLOT_RIGHT - pad
    top, bottom = PLOT_TOP + pad, PLOT_BOTTOM - pad
    return left + x * (right - left), bottom - y * (bottom - top)


class _Grid:
    """Boxes and circles bucketed by area, so that a search looks only at its neighbours.

    `free` is `Box.meets` and `Box.meets_circle` over the neighbours, written out with plain
    numbers: a thousand-role chart asks it tens of thousands of times."""

    CELL = 40.0

    def __init__(self) -> None:
        self.boxes: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        self.circles: dict[tuple[int, int], list[tuple[float, float, float]]] = {}

    def _cells(
        self, left: float, top: float, right: float, bottom: float
    ) -> Iterable[tuple[int, int]]:
        size = self.CELL
        for i in range(int(left // size), int(right // size) + 1):
            for j in range(int(top // size), int(bottom // size) + 1):
                yield i, j

    def add_box(self, box: Box) -> None:
        edges = (box.left, box.top, box.right, box.bottom)
        for cell in self._cells(*edges):
            self.boxes.setdefault(cell, []).append(edges)

    def add_circle(self, cx: float, cy: float, r: float) -> None:
        for cell in self._cells(cx - r, cy - r, cx + r, cy + r):
            self.circles.setdefault(cell, []).append((cx, cy, r))

    def free(self, box: Box) -> bool:
        m = MARGIN
        left, top = box.left, box.top
        right, bottom = left + box.width, top + box.height
        for cell in self._cells(left - m, top - m, right + m, bottom + m):
            for o_left, o_top, o_right, o_bottom in self.boxes.get(cell, ()):
                if not (
                    right + m <= o_left
                    or o_right + m <= left
                    or bottom + m <= o_top
                    or o_bottom + m <= top
                ):
                    return False
            for cx, cy, r in self.circles.get(cell, ()):
                reach = r + m
                if cx + reach <= left or cx - reach >= right:
                    continue
                if cy + reach <= top or cy - reach >= bottom:
                    continue
                dx = (left if cx < left else right if cx > right else cx) - cx
                dy = (top if cy < top else bottom if cy > bottom else cy) - cy
                if dx * dx + dy * dy < reach * reach:
                    return False
        return True


def _spots(cx: float, cy: float, r: float, w: float, h: float) -> Iterable[tuple[Box, bool]]:
    """Candidate boxes for a label w x h beside a bubble, nearest first; the flag says whether
    the box is far enough away to need a leader line."""
    d = r * math.sqrt(0.5)
    for ring in RINGS:
        g = GAP + ring
        far = ring > 0
        yield Box(cx + r + g, cy - h / 2, w, h), far  # right
        yield Box(cx - r - g - w, cy - h / 2, w, h), far  # left
        yield Box(cx - w / 2, cy - r - g - h, w, h), far  # above
        yield Box(cx - w / 2, cy + r + g, w, h), far  # below
        yield Box(cx + d + g, cy - d - g - h, w, h), far  # above right
        yield Box(cx - d - g - w, cy - d - g - h, w, h), far  # above left
        yield Box(cx + d + g, cy + d + g, w, h), far  # below right
        yield Box(cx - d - g - w, cy + d + g, w, h), far  # below left


def _leader(bubble: Bubble, box: Box) -> tuple[float, float, float, float]:
    """A line from the bubble's edge to the nearest point of the label's box."""
    tx = min(max(bubble.cx, box.left), box.right)
    ty = min(max(bubble.cy, box.top), box.bottom)
    dx, dy = tx - bubble.cx, ty - bubble.cy
    length = math.hypot(dx, dy) or 1.0
    return (
        bubble.cx + dx / length * bubble.r,
        bubble.cy + dy / length * bubble.r,
        tx - dx / length * 1.5,
        ty - dy / length * 1.5,
    )


def layout(chart: BubbleChart) -> Layout:
    """Place every bubble and as many labels as fit; deterministic for the same input."""
    largest = largest_radius(len(chart.points))
    pad = largest + 2
    bubbles = []
    for point in chart.points:
        cx, cy = _position(point, pad)
        size = point.size if chart.size_title is not None else 0.5
        bubbles.append(Bubble(point, cx, cy, radius(size, largest)))
    grid = _Grid()
    for bubble in bubbles:
        grid.add_circle(bubble.cx, bubble.cy, bubble.r)

    # Bubbles at one spot share a label; the group is named by its largest bubble's centre.
    groups: dict[tuple[float, float], list[Bubble]] = {}
    for bubble in bubbles:
        groups.setdefault((round(bubble.cx, 1), round(bubble.cy, 1)), []).append(bubble)
    order = sorted(groups.values(), key=lambda g: not any(b.point.highlighted for b in g))

    plot = Box(PLOT_LEFT, PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP)
    height = (ASCENT + DESCENT) * LABEL_SIZE
    result = Layout(bubbles, [], max_radius=largest)
    left = order
    for kind in NAMINGS:
        still: list[list[Bubble]] = []
        for group in left:
            if kind == "number" and len(result.key) >= MAX_KEY:
                still.append(group)
                continue
            text = _name(group, kind, len(result.key) + 1)
            if text is None:
                still.append(group)
                continue
            anchor = max(group, key=lambda b: b.r)
            highlighted = any(b.point.highlighted for b in group)
            width = text_width(text, LABEL_SIZE, bold=highlighted) + SLACK
            for box, far in _spots(anchor.cx, anchor.cy, anchor.r, width, height):
                if _inside(box, plot) and grid.free(box):
                    grid.add_box(box)
                    result.labels.append(
                        PlacedLabel(
                            text,
                            box,
                            tuple(b.point.id for b in group),
                            kind,
                            highlighted,
                            _leader(anchor, box) if far else None,
                        )
                    )
                    if kind == "number":
                        result.key.append((len(result.key) + 1, _name(group, "label", 0) or ""))
                    break
            else:
                still.append(group)
        left = still
    result.unlabelled = [b.point.id for group in left for b in group]
    return result


def _name(group: list[Bubble], kind: str, number: int) -> str | None:
    if kind == "number":
        return str(number)
    if kind == "label":
        return " / ".join(one_line(b.point.label) for b in group)
    shorts = [one_line(b.point.short or b.point.label) for b in group]
    text = " / ".join(shorts)
    return text if text != _name(group, "label", 0) else None


def _inside(box: Box, frame: Box) -> bool:
    return (
        box.left >= frame.left + MARGIN
        and box.right <= frame.right - MARGIN
        and box.top >= frame.top + MARGIN
        and box.bottom <= frame.bottom - MARGIN
    )


# --- writing the document ------------------------------------------------------------------


def escape(text: str) -> str:
    """Text for XML character data or a quoted attribute value, on one line."""
    return (
        one_line(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


Attribute = str | float


class _Document:
    """SVG elements as text. Every attribute value and every piece of text goes through
    `escape`; attribute names are written with hyphens (`font_size` is `font-size`)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    @staticmethod
    def _attrs(attrs: dict[str, Attribute]) -> str:
        return "".join(
            f' {name.rstrip("_").replace("_", "-")}="'
            + (escape(value) if isinstance(value, str) else _number(value))
            + '"'
            for name, value in attrs.items()
        )

    def element(self, tag: str, text: str | None = None, **attrs: Attribute) -> None:
        if text is None:
            self.parts.append(f"<{tag}{self._attrs(attrs)}/>")
        else:
            self.parts.append(f"<{tag}{self._attrs(attrs)}>{escape(text)}</{tag}>")

    def open(self, tag: str, **attrs: Attribute) -> None:
        self.parts.append(f"<{tag}{self._attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, x: float, y: float, content: str, **attrs: Attribute) -> None:
        self.element("text", content, x=x, y=y, **attrs)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of `text` no wider than `width` (with room to spare for a wider font), broken
    between words; a word too long for a line is cut."""

    def fits(line: str) -> bool:
        return text_width(line, size) * 1.15 <= width

    lines: list[str] = []
    line = ""
    for word in one_line(text).split(" "):
        while not fits(word):
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and not fits(candidate):
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _reading(chart: BubbleChart, point: ChartPoint) -> str:
    mark = " (highlighted)" if point.highlighted else ""
    text = (
        f"{one_line(point.label)}{mark}: {one_line(chart.x_axis.title)} {point.x:.2f},"
        f" {one_line(chart.y_axis.title)} {point.y:.2f}"
    )
    if chart.size_title is not None:
        text += f", {one_line(chart.size_title)} {point.size:.2f}"
    return text


def description(chart: BubbleChart, placed: Layout) -> str:
    """What a screen reader reads: what the chart shows, how it is labelled, and every point."""
    x, y = chart.x_axis, chart.y_axis
    parts = [
        f"Bubble chart of {len(chart.points):,} {one_line(chart.noun)}: {one_line(x.title)}"
        f" across (from"
        f" {one_line(x.low)} at the left to {one_line(x.high)} at the right),"
        f" {one_line(y.title)} up (from {one_line(y.low)} at the bottom to {one_line(y.high)}"
        f" at the top)"
        + (
            f"; a bubble's area stands for {one_line(chart.size_title)} (bigger is more)."
            if chart.size_title is not None
            else "."
        ),
        *_labelling_notes(placed),
        *(one_line(note) for note in chart.notes),
    ]
    parts.extend(_reading(chart, point) + "." for point in chart.points)
    return " ".join(parts)


def _labelling_notes(placed: Layout) -> list[str]:
    """What the legend says of labels that are not full names."""

    def count(kind: str) -> int:
        return sum(len(label.ids) for label in placed.labels if label.kind == kind)

    notes = []
    if count("short"):
        notes.append(f"{count('short'):,} labelled by a shorter name for lack of room.")
    if count("number"):
        notes.append(f"{count('number'):,} labelled by a number, named in the key under the chart.")
    if placed.unlabelled:
        notes.append(
            f"{len(placed.unlabelled):,} not labelled for lack of room (each bubble's tooltip"
            " names it, and the chart's description lists every point)."
        )
    return notes


def render_svg(chart: BubbleChart, *, standalone: bool = True) -> str:
    """The chart as an SVG document; `standalone=False` leaves out the XML declaration, for
    putting the chart inside an HTML page."""
    placed = layout(chart)
    svg = _Document()
    _frame(svg, chart)
    _bubbles(svg, chart, placed)
    _labels(svg, placed)
    bottom = _legend(svg, chart, placed, PLOT_BOTTOM + 76)
    height = bottom + 16

    title_id, desc_id = f"{chart.id_prefix}-title", f"{chart.id_prefix}-desc"
    head = _Document()
    head.open(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {_number(height)}",
        width=float(WIDTH),
        height=height,
        role="img",
        aria_labelledby=f"{title_id} {desc_id}",
        font_family=FONT,
        style="max-width:100%;height:auto",
    )
    head.element("title", chart.title, id=title_id)
    head.element("desc", description(chart, placed), id=desc_id)
    head.element("rect", x=0.0, y=0.0, width=float(WIDTH), height=height, fill="#ffffff")
    text = "\n".join([*head.parts, *svg.parts, "</svg>"]) + "\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text if standalone else text


def _frame(svg: _Document, chart: BubbleChart) -> None:
    """The title, the plot's frame with a light grid at quarters, and the axes' words."""
    svg.text(PLOT_LEFT, 34.0, chart.title, font_size=TITLE_SIZE, font_weight="bold", fill=INK)
    svg.open("g", stroke=GRID, stroke_width=1.0)
    for step in (0.25, 0.5, 0.75):
        x = PLOT_LEFT + step * (PLOT_RIGHT - PLOT_LEFT)
        y = PLOT_BOTTOM - step * (PLOT_BOTTOM - PLOT_TOP)
        svg.element("line", x1=x, y1=PLOT_TOP, x2=x, y2=PLOT_BOTTOM)
        svg.element("line", x1=PLOT_LEFT, y1=y, x2=PLOT_RIGHT, y2=y)
    svg.close("g")
    svg.element(
        "rect",
        x=PLOT_LEFT,
        y=PLOT_TOP,
        width=PLOT_RIGHT - PLOT_LEFT,
        height=PLOT_BOTTOM - PLOT_TOP,
        fill="none",
        stroke=MUTED,
    )
    below = PLOT_BOTTOM + 20
    ends: dict[str, Attribute] = {"font_size": AXIS_SIZE, "fill": MUTED}
    titles: dict[str, Attribute] = {"font_size": AXIS_SIZE, "font_weight": "bold", "fill": INK}
    svg.text(PLOT_LEFT, below, chart.x_axis.low, **ends)
    svg.text(PLOT_RIGHT, below, chart.x_axis.high, text_anchor="end", **ends)
    middle = (PLOT_LEFT + PLOT_RIGHT) / 2
    svg.text(middle, below + 22, chart.x_axis.title, text_anchor="middle", **titles)
    svg.text(PLOT_LEFT - 8, PLOT_TOP + 12, chart.y_axis.high, text_anchor="end", **ends)
    svg.text(PLOT_LEFT - 8, PLOT_BOTTOM, chart.y_axis.low, text_anchor="end", **ends)
    middle = (PLOT_TOP + PLOT_BOTTOM) / 2
    rotate = f"rotate(-90 24 {_number(middle)})"
    svg.text(24.0, middle, chart.y_axis.title, text_anchor="middle", transform=rotate, **titles)


def _bubbles(svg: _Document, chart: BubbleChart, placed: Layout) -> None:
    """The bubbles, largest first so that a small one is never hidden under a big one, and the
    highlighted last, on top."""
    svg.open("g", class_="bubbles", fill_opacity="0.55", stroke_width=1.5)
    for bubble in sorted(placed.bubbles, key=lambda b: (b.point.highlighted, -b.r)):
        point = bubble.point
        look: dict[str, Attribute] = {"fill": BUBBLE_FILL, "stroke": BUBBLE_STROKE}
        if point.highlighted:
            look = {"fill": HIGHLIGHT_FILL, "stroke": HIGHLIGHT_STROKE}
            look.update(fill_opacity="0.9", stroke_width=3.0)
        svg.open(
            "circle",
            class_="bubble highlighted" if point.highlighted else "bubble",
            data_id=point.id,
            cx=bubble.cx,
            cy=bubble.cy,
            r=bubble.r,
            **look,
        )
        svg.element("title", _reading(chart, point))
        svg.close("circle")
    svg.close("g")


def _labels(svg: _Document, placed: Layout) -> None:
    """The leader lines, then the labels, each held to the width it was placed with."""
    svg.open("g", class_="leaders", stroke=LEADER, stroke_width=1.0)
    for label in placed.labels:
        if label.leader is not None:
            x1, y1, x2, y2 = label.leader
            svg.element("line", x1=x1, y1=y1, x2=x2, y2=y2)
    svg.close("g")
    svg.open("g", class_="labels", font_size=LABEL_SIZE, fill=INK)
    for label in placed.labels:
        bold: dict[str, Attribute] = {"font_weight": "bold"} if label.highlighted else {}
        svg.text(
            label.box.left,
            label.baseline,
            label.text,
            class_="label highlighted" if label.highlighted else "label",
            data_ids=" ".join(label.ids),
            textLength=label.box.width - SLACK,
            lengthAdjust="spacingAndGlyphs",
            **bold,
        )
    svg.close("g")


def _legend(svg: _Document, chart: BubbleChart, placed: Layout, top: float) -> float:
    """The legend under the chart (sizes, the highlight, notes, the key); where it ends."""
    style: dict[str, Attribute] = {"font_size": LEGEND_SIZE, "fill": INK}
    largest = placed.max_radius
    row = top + largest
    x = float(PLOT_LEFT)
    if chart.size_title is not None:
        caption = f"{one_line(chart.size_title)} (bubble area; bigger is more):"
        svg.text(x, row + 4, caption, **style)
        x += text_width(caption, LEGEND_SIZE) + 14
        for value, word in ((0.0, "0"), (0.5, "0.5"), (1.0, "1")):
            r = radius(value, largest)
            svg.element(
                "circle",
                class_="legend-bubble",
                cx=x + r,
                cy=row,
                r=r,
                fill=BUBBLE_FILL,
                fill_opacity="0.55",
                stroke=BUBBLE_STROKE,
                stroke_width=1.5,
            )
            x += 2 * r + 4
            svg.text(x, row + 4, word, **style)
            x += text_width(word, LEGEND_SIZE) + 14
    marked = [p for p in chart.points if p.highlighted]
    lines_used = 1
    if marked:
        x += 10
        svg.element(
            "circle",
            class_="legend-bubble",
            cx=x + 7,
            cy=row,
            r=7.0,
            fill=HIGHLIGHT_FILL,
            fill_opacity="0.9",
            stroke=HIGHLIGHT_STROKE,
            stroke_width=3.0,
        )
        x += 20
        names = ", ".join(one_line(p.label) for p in marked)
        lines = _wrap(f"highlighted: {names}", WIDTH - 24 - x, LEGEND_SIZE)
        for i, line in enumerate(lines):
            svg.text(x, row + 4 + i * 16, line, font_weight="bold", **style)
        lines_used = len(lines)
    y = row + max(largest, 16 * lines_used) + 22
    width = float(PLOT_RIGHT - PLOT_LEFT)
    for note in [*_labelling_notes(placed), *(one_line(n) for n in chart.notes)]:
        for line in _wrap(note, width, LEGEND_SIZE):
            svg.text(PLOT_LEFT, y, line, class_="note", **style)
            y += 16
    if placed.key:
        y += 4
        svg.text(PLOT_LEFT, y, "Key:", font_weight="bold", **style)
        y += 16
        # Two columns, each laid out on its own: a wrapped entry pushes its column's next down.
        column_width = width / 2
        per_column = math.ceil(len(placed.key) / 2)
        bottoms = []
        for column in range(2):
            left = PLOT_LEFT + column * column_width
            line_y = y
            for number, name in placed.key[column * per_column : (column + 1) * per_column]:
                entry = _wrap(f"{number} = {name}", column_width - 28, LEGEND_SIZE)
                for i, line in enumerate(entry):
                    svg.text(left + (16 if i else 0), line_y, line, class_="key", **style)
                    line_y += 16
            bottoms.append(line_y)
        y = max(bottoms)
    return y
