"""The SVG bubble chart as a document: valid XML, self-contained, escaped, and labelled without
overlaps (checked here on the layout's own geometry; the browser tests check what Chromium draws).
"""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroles.render import svg
from mlroles.render.svg import Axis, BubbleChart, ChartPoint, layout, radius, render_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
TITLES = [
    ("ml-product-manager", "ML Product Manager", 0.31, 0.10, 0.88),
    ("devops-engineer", "DevOps Engineer", 0.11, 0.93, 0.24),
    ("data-engineer", "Data Engineer", 0.27, 0.77, 0.24),
    ("ml-engineer", "ML Engineer", 0.70, 0.56, 0.25),
    ("ml-researcher", "ML Researcher", 0.94, 0.28, 0.43),
    ("data-scientist", "Data Scientist", 0.52, 0.23, 0.68),
]


def chart_of(points: list[ChartPoint], title: str = "Skills") -> BubbleChart:
    return BubbleChart(
        title,
        points,
        Axis("machine-learning expertise"),
        Axis("software engineering"),
        "communication",
        notes=["Positions are our reading."],
    )


def course(highlight: str | None = None) -> list[ChartPoint]:
    return [
        ChartPoint(id_, title, x, y, size, id_ == highlight, id_.split("-")[0])
        for id_, title, x, y, size in TITLES
    ]


def generated(count: int, seed: int = 7) -> list[ChartPoint]:
    rng = random.Random(seed)
    return [
        ChartPoint(
            f"role-{i}",
            f"Generated Role {i}",
            round(rng.random(), 2),
            round(rng.random(), 2),
            round(rng.random(), 2),
            i == 3,
            f"r{i}",
        )
        for i in range(count)
    ]


def parse(document: str) -> ET.Element:
    return ET.fromstring(document.encode("utf-8"))


def check_layout(chart: BubbleChart) -> svg.Layout:
    """What every layout must keep: boxes inside the plot, apart from each other and from every
    bubble, and every point either labelled or counted as unlabelled."""
    placed = layout(chart)
    plot = svg.Box(
        svg.PLOT_LEFT, svg.PLOT_TOP, svg.PLOT_RIGHT - svg.PLOT_LEFT, svg.PLOT_BOTTOM - svg.PLOT_TOP
    )
    boxes = [label.box for label in placed.labels]
    for box in boxes:
        assert plot.left <= box.left and box.right <= plot.right
        assert plot.top <= box.top and box.bottom <= plot.bottom
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.meets(b, margin=0), (a, b)
    for box in boxes:
        for bubble in placed.bubbles:
            assert not box.meets_circle(bubble.cx, bubble.cy, bubble.r, margin=0)
    labelled = [id_ for label in placed.labels for id_ in label.ids]
    assert sorted(labelled + placed.unlabelled) == sorted(p.id for p in chart.points)
    assert len(placed.key) <= svg.MAX_KEY
    return placed


def test_the_course_chart_names_every_role_in_full() -> None:
    placed = check_layout(chart_of(course("ml-engineer")))
    assert sorted(label.text for label in placed.labels) == sorted(t[1] for t in TITLES)
    assert {label.kind for label in placed.labels} == {"label"}
    assert placed.unlabelled == []
    (marked,) = [label for label in placed.labels if label.highlighted]
    assert marked.text == "ML Engineer"


def test_a_document_that_parses_and_stands_alone() -> None:
    document = render_svg(chart_of(course("ml-engineer"), title="Skills of the roles"))
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    root = parse(document)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox", "").startswith("0 0 800 ")
    assert root.get("role") == "img"
    first, second = list(root)[:2]
    assert first.tag.endswith("title") and first.text == "Skills of the roles"
    assert second.tag.endswith("desc")
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    # Nothing that fetches: no links, images, scripts, foreign content or CSS urls.
    for element in root.iter():
        tag = element.tag.split("}")[1]
        assert tag not in ("script", "image", "use", "a", "foreignObject", "style", "link")
        for name, value in element.attrib.items():
            assert "href" not in name
            assert "url(" not in value and "javascript" not in value.lower()
    # The labels are text, each held to the width it was placed at.
    labels = root.findall(".//svg:text[@class]", NS)
    named = {t.text for t in labels if "label" in (t.get("class") or "").split()}
    assert named == {t[1] for t in TITLES}
    for text in labels:
        if "label" in (text.get("class") or "").split():
            assert float(text.get("textLength", "0")) > 0
            assert text.get("lengthAdjust") == "spacingAndGlyphs"


def test_the_description_reads_every_point() -> None:
    root = parse(render_svg(chart_of(course("ml-engineer"))))
    desc = root.find("svg:desc", NS)
    assert desc is not None and desc.text is not None
    assert "machine-learning expertise across" in desc.text
    assert "software engineering up" in desc.text
    assert "area stands for communication (bigger is more)" in desc.text
    for id_, title, x, y, size in TITLES:
        mark = " (highlighted)" if id_ == "ml-engineer" else ""
        assert (
            f"{title}{mark}: machine-learning expertise {x:.2f}, software engineering {y:.2f},"
            f" communication {size:.2f}."
        ) in desc.text
    tooltips = [t.text for t in root.findall(".//svg:circle/svg:title", NS)]
    assert len(tooltips) == len(TITLES)


def test_the_highlighted_bubble_is_drawn_last_and_said_in_the_legend() -> None:
    root = parse(render_svg(chart_of(course("data-engineer"))))
    circles = root.findall(".//svg:g[@class='bubbles']/svg:circle", NS)
    assert circles[-1].get("data-id") == "data-engineer"
    assert circles[-1].get("class") == "bubble highlighted"
    assert all("highlighted" not in (c.get("class") or "") for c in circles[:-1])
    legend = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "highlighted: Data Engineer" in legend
    assert "highlighted" not in " ".join(
        t or "" for t in (x.text for x in parse(render_svg(chart_of(course()))).iter())
    ).replace("(highlighted)", "")


def test_bigger_means_more_and_area_grows_in_step() -> None:
    largest = svg.MAX_RADIUS
    radii = [radius(v / 10, largest) for v in range(11)]
    assert radii == sorted(radii) and len(set(radii)) == 11
    assert radii[-1] == pytest.approx(largest)
    assert radii[0] == pytest.approx(svg.FLOOR * largest)
    # Area above the floor's dot is proportional to the value.
    extra = [r * r - radii[0] ** 2 for r in radii]
    for value, area in zip(range(11), extra, strict=True):
        assert area == pytest.approx(extra[-1] * value / 10)
    root = parse(render_svg(chart_of(course())))
    sizes = {
        c.get("data-id"): float(c.get("r", "0"))
        for c in root.findall(".//svg:circle[@data-id]", NS)
    }
    assert sizes["ml-product-manager"] > sizes["data-scientist"] > sizes["ml-researcher"]


HOSTILE = [
    "<script>alert(1)</script>",
    "A & B </text><script>x</script>",
    "\"quoted\" 'single' ]]> <!-- not a comment -->",
    "line\nbreak\ttab \x01control",
    '<a href="javascript:alert(1)">link</a>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_catalog_text_is_text(text: str) -> None:
    points = [ChartPoint("x", text, 0.5, 0.5, 0.5, True, text), *course()]
    document = render_svg(
        BubbleChart(text, points, Axis(text, text, text), Axis(text), text, notes=[text])
    )
    root = parse(document)
    for element in root.iter():
        assert element.tag.split("}")[1] not in ("script", "a")
    flat = svg.one_line(text)
    title = root.find("svg:title", NS)
    assert title is not None and title.text == flat
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert flat in labels
    assert "\x01" not in document


def test_inline_form_has_no_declaration_and_its_own_ids() -> None:
    chart = BubbleChart("t", course(), Axis("x"), Axis("y"), "s", id_prefix="handbook-chart")
    inline = render_svg(chart, standalone=False)
    assert inline.startswith("<svg ")
    root = parse(inline)
    assert root.find("svg:title", NS).get("id") == "handbook-chart-title"  # type: ignore[union-attr]


def test_a_thousand_points_are_thinned_and_say_so() -> None:
    chart = chart_of(generated(1000))
    placed = check_layout(chart)
    kinds = {label.kind for label in placed.labels}
    assert "number" in kinds and placed.unlabelled
    assert len(placed.key) == svg.MAX_KEY
    root = parse(render_svg(chart))
    notes = " ".join(t.text or "" for t in root.findall(".//svg:text[@class='note']", NS))
    assert f"{len(placed.unlabelled)} not labelled for lack of room" in notes
    keys = [t.text or "" for t in root.findall(".//svg:text[@class='key']", NS)]
    assert keys[0].startswith("1 = Generated Role")
    desc = root.find("svg:desc", NS)
    assert desc is not None and desc.text is not None
    assert desc.text.count("Generated Role") == 1000
    # Bubbles shrink as the chart fills.
    assert placed.max_radius < svg.MAX_RADIUS


def test_the_layout_is_deterministic() -> None:
    chart = chart_of(generated(300, seed=3))
    assert render_svg(chart) == render_svg(chart)


def test_points_at_one_spot_share_a_label() -> None:
    points = [
        ChartPoint("a", "Alpha", 0.5, 0.5, 0.3),
        ChartPoint("b", "Beta", 0.5, 0.5, 0.6),
    ]
    placed = check_layout(chart_of(points))
    (label,) = placed.labels
    assert label.text == "Alpha / Beta" and label.ids == ("a", "b")


def test_a_name_too_long_for_the_plot_falls_back_to_its_short_name() -> None:
    points = [ChartPoint("long", "L" * 300, 0.5, 0.5, 0.5, short="long")]
    placed = check_layout(chart_of(points))
    assert [(lb.text, lb.kind) for lb in placed.labels] == [("long", "short")]


coordinate = st.floats(min_value=0, max_value=1, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(coordinate, coordinate, coordinate, st.text(min_size=1, max_size=30)),
        min_size=1,
        max_size=60,
    )
)
def test_any_points_give_a_clean_layout_and_a_document(
    rows: list[tuple[float, float, float, str]],
) -> None:
    points = [
        ChartPoint(f"p{i}", name, x, y, size, i == 0, f"p{i}")
        for i, (x, y, size, name) in enumerate(rows)
    ]
    chart = chart_of(points)
    check_layout(chart)
    parse(render_svg(chart))


def test_text_width_is_wider_for_wider_text() -> None:
    assert svg.text_width("WWW", 12) > svg.text_width("iii", 12)
    assert svg.text_width("漢字", 12) == pytest.approx(24)
    assert svg.text_width("ab", 12, bold=True) > svg.text_width("ab", 12)
    assert math.isclose(svg.text_width("", 12), 0)
