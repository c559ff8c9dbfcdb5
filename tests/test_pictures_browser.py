"""The chart and the handbook as a person sees them: loaded in headless Chromium.

At 375 and 1280 pixels wide: no console error, no request for anything but the file itself,
nothing wider than the window, no two chart labels over each other, no label over a bubble.
Every run leaves its screenshots in build/screenshots/ (or $MLROLES_SCREENSHOTS).
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import chromium
import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app

WIDTHS = [pytest.param(375, id="phone"), pytest.param(1280, id="laptop")]
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script>"


def produce(tmp_path: Path, name: str, *args: str) -> Path:
    """Run mlroles and keep what it printed as a file, as a person would (`> name`)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / name
    path.write_text(result.stdout, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def thousand_roles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location(
        "make_catalog", ROOT / "benchmarks" / "make_catalog.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("big") / "roles-1000.yaml"
    module.write_catalog(path, 1000)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load(bundled_path().read_text(encoding="utf-8")))
    data["roles"][0]["title"] = HOSTILE
    data["roles"][1]["summary"] = '<img src="https://example.invalid/x.png" onerror="alert(2)">'
    data["roles"][2]["tools"] = ['<link rel="stylesheet" href="https://example.invalid/s.css">']
    data["archetypes"][0]["summary"] = "<iframe src='https://example.invalid/'></iframe>"
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chart_as_a_person_sees_it(
    browser: chromium.Browser, tmp_path: Path, width: int
) -> None:
    chart = produce(tmp_path, "skills.svg", "map", "--format", "svg", "--highlight", "mle")
    geometry = chromium.check_page(browser, chart, width, "map-svg")
    titles = {role.title for role in load_catalog(bundled_path()).roles}
    assert {label["text"] for label in geometry["labels"]} == titles
    assert len(geometry["bubbles"]) == len(titles)
    # The labels are real text: the page's own text holds every title.
    text = browser.script("return document.documentElement.textContent")
    assert all(title in text for title in titles)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_handbook_as_a_person_sees_it(
    browser: chromium.Browser, tmp_path: Path, width: int
) -> None:
    page = produce(tmp_path, "handbook.html", "export")
    geometry = chromium.check_page(browser, page, width, "export-html")
    assert len(geometry["labels"]) == len(load_catalog(bundled_path()).roles)
    links = browser.script(
        "return [...document.querySelectorAll('a[href^=\"http\"]')]"
        ".map(a => [a.getAttribute('href'), a.textContent])"
    )
    for role in load_catalog(bundled_path()).roles:
        for source in role.sources:
            assert [source.url, source.title] in links
    # Links inside the page lead somewhere in it.
    missing = browser.script(
        "return [...document.querySelectorAll('a[href^=\"#\"]')]"
        ".map(a => a.getAttribute('href').slice(1))"
        ".filter(id => !document.getElementById(id))"
    )
    assert missing == []
    # Readable on a phone: the body text is at least 14 px, and so are the tables' cells' at 11.
    sizes = browser.script(
        "const px = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);"
        "return [px('main p'), px('td')];"
    )
    assert sizes[0] >= 14 and sizes[1] >= 11


@pytest.mark.parametrize("width", WIDTHS)
def test_a_hostile_catalog_runs_and_fetches_nothing(
    browser: chromium.Browser, tmp_path: Path, width: int, hostile: Path
) -> None:
    for name, args in (
        ("hostile.html", ["export"]),
        ("hostile.svg", ["map", "--format", "svg"]),
    ):
        page = produce(tmp_path, name, "--data", str(hostile), *args)
        # A tag written as a tool's name is one 60-character word: its table may scroll.
        shot = name.replace(".", "-")
        chromium.check_page(browser, page, width, shot, table_scroll=True)
        alerted = browser.script(
            "return document.querySelectorAll('script, img, iframe, link').length"
        )
        assert alerted == 0
        text = browser.script("return document.documentElement.textContent")
        assert HOSTILE in text


@pytest.mark.parametrize("width", WIDTHS)
def test_a_thousand_roles_are_thinned_not_piled_up(
    browser: chromium.Browser, tmp_path: Path, width: int, thousand_roles: Path
) -> None:
    chart = produce(tmp_path, "big.svg", "--data", str(thousand_roles), "map", "--format", "svg")
    geometry = chromium.check_page(browser, chart, width, "map-svg-1000")
    assert len(geometry["bubbles"]) == 1000
    assert 0 < len(geometry["labels"]) < 1000
    notes = browser.script(
        "return [...document.querySelectorAll('text.note')].map(t => t.textContent).join(' ')"
    )
    assert "not labelled for lack of room" in notes
