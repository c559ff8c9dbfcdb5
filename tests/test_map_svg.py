"""`mlroles map --format svg`: the skills chart as a picture, from the catalog in use."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from custom_catalog import role, run, write_catalog
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app

SVG = "{http://www.w3.org/2000/svg}"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def svg_of(*args: str) -> ET.Element:
    code, out, err = invoke(*args)
    assert (code, err) == (0, ""), err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    return ET.fromstring(out.encode("utf-8"))


def labels(root: ET.Element) -> dict[str, str]:
    """Label text by the ids it names."""
    return {
        t.get("data-ids", ""): t.text or ""
        for t in root.iter(f"{SVG}text")
        if "label" in (t.get("class") or "").split()
    }


def bubbles(root: ET.Element) -> dict[str, dict[str, float]]:
    return {
        c.get("data-id", ""): {k: float(c.get(k, "0")) for k in ("cx", "cy", "r")}
        for c in root.iter(f"{SVG}circle")
        if "bubble" in (c.get("class") or "").split()
    }


def test_every_bundled_role_is_a_labelled_bubble_where_the_text_chart_puts_it() -> None:
    root = svg_of("map", "--format", "svg")
    catalog = load_catalog(bundled_path())
    assert labels(root) == {r.id: r.title for r in catalog.roles}
    placed = bubbles(root)
    by_id = {r.id: r for r in catalog.roles}
    # Across is machine learning, up is software engineering (SVG's y grows downwards).
    ml = sorted(by_id, key=lambda i: by_id[i].skills["machine_learning"])
    assert sorted(placed, key=lambda i: placed[i]["cx"]) == ml
    se = sorted(by_id, key=lambda i: by_id[i].skills["software_engineering"])
    assert sorted(placed, key=lambda i: -placed[i]["cy"]) == se
    # Bigger is more communication.
    comm = sorted(by_id, key=lambda i: by_id[i].skills["communication"])
    radii = [placed[i]["r"] for i in comm]
    assert radii == sorted(radii)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "machine-learning expertise" in texts and "software engineering" in texts
    assert "communication (bubble area; bigger is more):" in texts
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "The skills each role needs"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "Bubble chart of 6 roles" in (desc.text or "")


@pytest.mark.parametrize("name", ["mle", "ML Engineer", "ml-engineer"])
def test_highlight_marks_one_bubble_and_its_label(name: str) -> None:
    root = svg_of("map", "--format", "svg", "--highlight", name)
    marked = [c for c in root.iter(f"{SVG}circle") if "highlighted" in (c.get("class") or "")]
    assert [c.get("data-id") for c in marked] == ["ml-engineer"]
    bold = [t for t in root.iter(f"{SVG}text") if "highlighted" in (t.get("class") or "")]
    assert [t.text for t in bold] == ["ML Engineer"]
    assert "highlighted: ML Engineer" in [t.text for t in root.iter(f"{SVG}text")]


def test_the_axes_follow_x_and_y() -> None:
    root = svg_of("map", "--format", "svg", "--x", "communication", "--y", "ml")
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "communication" in texts and "machine learning" in texts
    assert "software engineering (bubble area; bigger is more):" in texts
    placed = bubbles(root)
    catalog = load_catalog(bundled_path())
    comm = sorted(catalog.roles, key=lambda r: r.skills["communication"])
    assert sorted(placed, key=lambda i: placed[i]["cx"]) == [r.id for r in comm]


def test_a_catalog_of_its_own_is_drawn_from_its_own_roles(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "team.yaml",
        [
            role("alpha", "Alpha & <Omega>", skills=(0.1, 0.9, 0.2)),
            role("beta", "Beta", skills=(0.9, 0.1, 0.8)),
        ],
    )
    root = svg_of("--data", str(path), "map", "--format", "svg")
    assert labels(root) == {"alpha": "Alpha & <Omega>", "beta": "Beta"}


def test_a_two_axis_catalog_draws_bubbles_of_one_size(tmp_path: Path) -> None:
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    data["skills"] = data["skills"][:2]
    for entry in data["roles"]:
        entry["skills"].pop("communication")
    data.pop("archetypes", None)
    data.pop("guidance", None)
    data.pop("assessments", None)
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    root = svg_of("--data", str(path), "map", "--format", "svg")
    assert len({b["r"] for b in bubbles(root).values()}) == 1
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "bubble area" not in texts


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(["--highlight", "nobody"], 1, "no role", id="unknown-role"),
        pytest.param(["--json"], 2, "--json and --format svg disagree", id="json-too"),
        pytest.param(["--x", "cooking"], 2, "unknown skill axis 'cooking'", id="unknown-axis"),
    ],
)
def test_bad_input_is_one_line_and_no_picture(args: list[str], code: int, message: str) -> None:
    got, out, err = invoke("map", "--format", "svg", *args)
    assert (got, out) == (code, "")
    assert message in err and err.count("\n") == 1


def test_other_commands_do_not_take_svg() -> None:
    code, out, err = invoke("list", "--format", "svg")
    assert (code, out) == (2, "")
    assert "'svg' is not one of" in err


def test_installed_map_svg_in_a_pipe() -> None:
    done = run("map", "--format", "svg")
    assert done.returncode == 0 and done.stderr == ""
    root = ET.fromstring(done.stdout.encode("utf-8"))
    assert len(labels(root)) == 6
    assert "\x1b" not in done.stdout


def test_map_offers_every_read_format_and_svg() -> None:
    from mlroles.render.registry import ChartFormat, Format

    assert [f.value for f in ChartFormat] == [*(f.value for f in Format), "svg"]
