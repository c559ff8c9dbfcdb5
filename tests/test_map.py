"""`mlroles map`: the skills chart in characters; fits the width, labels never overwrite."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from custom_catalog import PLATFORM_TEAM, role, run, run_in_terminal, write_catalog
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlroles.catalog.entries import Catalog
from mlroles.catalog.load import bundled_path, load_catalog, validate
from mlroles.cli.entry import app
from mlroles.queries.skillmap import Point, SkillMap, skill_map
from mlroles.render import skillmap as render_map
from mlroles.render.skillmap import ASCII, LEFT, UNICODE, Chart, draw, plot_size, position

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TITLES = [
    "ML Product Manager",
    "DevOps Engineer",
    "Data Engineer",
    "ML Engineer",
    "ML Researcher",
    "Data Scientist",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def bundled() -> Catalog:
    return load_catalog(bundled_path())


def check_chart(chart: Chart, result: SkillMap, width: int) -> None:
    """What every chart must keep, whatever the catalog and width."""
    lines = chart.lines
    assert all(len(line) <= width for line in lines)
    rows, columns = plot_size(width)
    markers = {*UNICODE.markers, UNICODE.highlight, *ASCII.markers, ASCII.highlight}
    cells: set[tuple[int, int]] = set()
    for point in result.points:
        row, column = position(point, rows, columns)
        cells.add((1 + row, LEFT + column))
        assert lines[1 + row][LEFT + column] in markers, point.role.id
    taken: set[tuple[int, int]] = set(cells)
    for label in chart.labels:
        span = {
            (label.line, column) for column in range(label.column, label.column + len(label.text))
        }
        # The label reads whole where it was put: nothing overwrote it.
        assert lines[label.line][label.column : label.column + len(label.text)] == label.text
        # It covers no marker and no other label.
        assert not span & taken, label
        taken |= span
        # And it touches nothing else on its line, so that words stay apart.
        for column in (label.column - 1, label.column + len(label.text)):
            if LEFT <= column < len(lines[label.line]):
                assert lines[label.line][column] == " ", label
    labelled = {role_id for label in chart.labels for role_id in label.ids}
    assert set(chart.keyed) <= labelled
    assert labelled.isdisjoint(chart.unlabelled)
    assert labelled | set(chart.unlabelled) == {point.role.id for point in result.points}


@pytest.mark.parametrize(
    "width", [pytest.param(w, id=f"{w}-columns") for w in (40, 50, 60, 80, 100)]
)
def test_every_bundled_role_is_placed_and_labelled_by_title(width: int) -> None:
    code, out, err = invoke("map", "--width", str(width))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    for title in TITLES:
        assert sum(line.count(title) for line in lines) == 1, title
    result = skill_map(bundled())
    check_chart(draw(result, width), result, width)


def test_the_narrowest_chart_falls_back_to_short_names_without_overlap() -> None:
    result = skill_map(bundled())
    chart = draw(result, 30)
    check_chart(chart, result, 30)
    assert not chart.unlabelled
    texts = {label.text for label in chart.labels}
    assert "DevOps Engineer" in texts
    assert texts & {"ds", "pm"}


def test_axes_and_legend_are_labelled() -> None:
    _, out, _ = invoke("map", "--width", "80")
    lines = out.splitlines()
    assert lines[0].strip() == "software engineering"
    assert lines[1].startswith("High ┤")
    assert any(line.startswith(" Low ┤") for line in lines)
    x_title = next(line for line in lines if "machine-learning expertise" in line)
    assert x_title.split() == ["Low", "machine-learning", "expertise", "High"]
    assert "communication:  • low  ● medium  ◉ high" in lines


def test_the_chart_keeps_the_lectures_orderings() -> None:
    """Higher software engineering is higher up; more ML expertise is further right."""
    result = skill_map(bundled())
    rows, columns = plot_size(80)
    where = {p.role.id: position(p, rows, columns) for p in result.points}
    up = [
        "ml-product-manager",
        "data-scientist",
        "ml-researcher",
        "ml-engineer",
        "data-engineer",
        "devops-engineer",
    ]
    assert [where[r][0] for r in up] == sorted((where[r][0] for r in up), reverse=True)
    across = [
        "devops-engineer",
        "data-engineer",
        "ml-product-manager",
        "data-scientist",
        "ml-engineer",
        "ml-researcher",
    ]
    assert [where[r][1] for r in across] == sorted(where[r][1] for r in across)
    _, out, _ = invoke("map", "--width", "80")
    lines = out.splitlines()
    pm, ds = where["ml-product-manager"], where["data-scientist"]
    assert lines[1 + pm[0]][LEFT + pm[1]] == "◉"  # PM: the most communication
    devops = where["devops-engineer"]
    assert lines[1 + devops[0]][LEFT + devops[1]] == "•"
    assert lines[1 + ds[0]][LEFT + ds[1]] == "◉"


def test_json_gives_each_role_its_coordinates() -> None:
    code, out, _ = invoke("map", "--json", "--highlight", "ML Engineer")
    assert code == 0
    points = json.loads(out)
    catalog = bundled()
    assert [p["id"] for p in points] == [r.id for r in catalog.roles]
    for point, r in zip(points, catalog.roles, strict=True):
        assert set(point) == {"id", "title", "x", "y", "communication", "highlighted"}
        assert (point["x"], point["y"], point["communication"]) == (
            r.skills["machine_learning"],
            r.skills["software_engineering"],
            r.skills["communication"],
        )
        assert point["highlighted"] is (r.id == "ml-engineer")


@pytest.mark.parametrize(
    "name", [pytest.param("mle", id="alias"), pytest.param("ML Engineer", id="title")]
)
def test_highlight_marks_one_role_in_the_chart_and_says_so(name: str) -> None:
    code, out, _ = invoke("map", "--highlight", name, "--width", "60")
    assert code == 0
    assert out.count("★") == 2  # the marker, and the line under the chart that explains it
    words = " ".join(out.split())
    assert "★ ML Engineer (highlighted): machine learning 0.70, software engineering 0.56," in words
    result = skill_map(bundled(), name)
    rows, columns = plot_size(60)
    row, column = position(next(p for p in result.points if p.highlighted), rows, columns)
    assert out.splitlines()[1 + row][LEFT + column] == "★"


def test_an_unknown_highlight_is_exit_1_with_did_you_mean() -> None:
    code, out, err = invoke("map", "--highlight", "reseacher")
    assert (code, out) == (1, "")
    assert (
        err == "mlroles: no role named 'reseacher'; did you mean 'researcher' or 'ml-researcher'?\n"
    )


@pytest.mark.parametrize(
    "width", [pytest.param("29", id="too-narrow"), pytest.param("501", id="too-wide")]
)
def test_a_width_out_of_range_is_a_usage_error(width: str) -> None:
    code, out, err = invoke("map", "--width", width)
    assert (code, out) == (2, "")
    assert err == (
        f"mlroles map: --width must be from 30 to 500 columns (got {width})"
        " (see 'mlroles map --help')\n"
    )


def test_roles_on_the_same_spot_share_a_marker_and_a_label(tmp_path: Path) -> None:
    twins = [role(f"twin-{n}", f"Twin {n}", skills=(0.5, 0.5, 0.2)) for n in (1, 2)]
    catalog = write_catalog(tmp_path / "c.yaml", twins)
    code, out, _ = invoke("--data", str(catalog), "map", "--width", "60")
    assert code == 0
    assert "• Twin 1 / Twin 2" in out


def test_a_title_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    odd = [role("odd", "Odd\nTitle\twith breaks", skills=(0.5, 0.5, 0.5))]
    catalog = load_catalog(write_catalog(tmp_path / "odd.yaml", odd))
    result = skill_map(catalog, "odd")
    chart = draw(result, 60)
    check_chart(chart, result, 60)
    plot = chart.lines[1 : 1 + plot_size(60)[0]]
    assert any("Odd Title with breaks" in line for line in plot)
    assert all("\t" not in line for line in chart.lines)


def test_a_crowded_catalog_keeps_every_label_legible(tmp_path: Path) -> None:
    crowd = [
        role(
            f"role-{n}",
            f"Specialist Number {n}",
            aliases=[f"s{n}"],
            skills=(0.4 + n / 50, 0.5 + (n % 3) / 20, n / 12),
        )
        for n in range(12)
    ]
    catalog = load_catalog(write_catalog(tmp_path / "crowd.yaml", crowd))
    result = skill_map(catalog)
    for width in (30, 40, 80):
        chart = draw(result, width)
        check_chart(chart, result, width)
        words = " ".join(" ".join(chart.lines).split())
        for role_id in chart.unlabelled:
            title = next(r.title for r in catalog.roles if r.id == role_id)
            # Listed under the chart instead, with where it would be.
            assert f"{title}: machine learning" in words
        titles = {r.id: r.title for r in catalog.roles}
        for label in chart.labels:
            if label.text.isdigit():  # a number on the chart, explained under it
                names = " / ".join(titles[role_id] for role_id in label.ids)
                assert f"{label.text} = {names}" in words


# --- any catalog, any width: the invariants ------------------------------------------------

WORDS = st.sampled_from(["Data", "ML", "Platform", "Lead", "Engineer", "Analyst", "Ops", "X"])


@st.composite
def skill_maps(draw_from: st.DrawFn) -> SkillMap:
    count = draw_from(st.integers(min_value=1, max_value=14))
    level = st.integers(min_value=0, max_value=100).map(lambda n: n / 100)
    roles = []
    for n in range(count):
        title = " ".join(draw_from(st.lists(WORDS, min_size=1, max_size=4)))
        roles.append(
            role(
                f"r-{n}",
                title,
                aliases=[f"a{n}"],
                skills=(draw_from(level), draw_from(level), draw_from(level)),
            )
        )
    catalog = validate({"version": 1, "roles": roles}, "", "roles.yaml")
    highlight = draw_from(st.none() | st.integers(min_value=0, max_value=count - 1))
    return skill_map(catalog, None if highlight is None else f"r-{highlight}")


@settings(max_examples=60, deadline=None)
@given(result=skill_maps(), width=st.integers(min_value=30, max_value=120))
def test_any_catalog_at_any_width_keeps_labels_whole_and_apart(
    result: SkillMap, width: int
) -> None:
    chart = draw(result, width)
    check_chart(chart, result, width)
    if result.highlighted is not None:
        assert any(line.startswith("★ ") for line in chart.lines)
    # The layout is the one that labels the most roles, the earliest naming on a tie: the same
    # as trying every naming, though `draw` stops at the first that labels every role.
    rows, columns = plot_size(width)
    groups: dict[tuple[int, int], list[Point]] = {}
    for point in result.points:
        groups.setdefault(position(point, rows, columns), []).append(point)
    layouts = [render_map._label(groups, rows, columns, UNICODE, n) for n in render_map.NAMINGS]
    plot, keys, unlabelled = min(layouts, key=lambda layout: len(layout[2]))
    assert [(label.ids, label.text) for label in chart.labels] == [
        (label.ids, label.text) for label in plot.labels
    ]
    assert chart.keyed == [p.role.id for _, named in keys for p in named]
    assert chart.unlabelled == [p.role.id for p in unlabelled]


def test_a_chart_that_labels_every_role_by_name_tries_no_other_naming(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    namings = []
    label = render_map._label

    def spy(*args: Any) -> Any:
        namings.append(args[-1])
        return label(*args)

    monkeypatch.setattr(render_map, "_label", spy)
    result = skill_map(bundled())
    assert not draw(result, 80).unlabelled
    assert namings == [render_map.NAMINGS[0]]


# --- the installed command -----------------------------------------------------------------


@pytest.mark.parametrize("columns", [pytest.param(c, id=f"{c}-columns") for c in (40, 80)])
def test_installed_map_fits_a_terminal(columns: int) -> None:
    code, screen = run_in_terminal("map", "--highlight", "researcher", columns=columns)
    assert code == 0
    assert "\x1b[" in screen  # styled on a terminal
    lines = ANSI.sub("", screen).replace("\r", "").splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    assert "ML Researcher" in "\n".join(lines)


def test_installed_map_in_a_pipe_has_no_escape_codes() -> None:
    done = run("map", "--highlight", "devops", COLUMNS="40")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 40
    assert "★ DevOps Engineer (highlighted)" in done.stdout

    done = run("map", "--highlight", "nobody")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("mlroles: no role named 'nobody'")


def test_installed_map_draws_in_ascii_where_unicode_cannot_be_written() -> None:
    done = run("map", "--width", "50", PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    done.stdout.encode("ascii")
    assert "communication:  o low  O medium  @ high" in done.stdout
    assert "+-----" in done.stdout


def test_installed_map_on_a_custom_catalog(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    done = run("--data", str(catalog), "map", "--width", "60", "--highlight", "sre")
    assert done.returncode == 0, done.stderr
    for member in PLATFORM_TEAM:
        assert member["title"] in done.stdout
    assert "★ Site Reliability Engineer (highlighted)" in done.stdout
    done = run("--data", str(catalog), "map", "--json")
    assert [p["id"] for p in json.loads(done.stdout)] == [m["id"] for m in PLATFORM_TEAM]
