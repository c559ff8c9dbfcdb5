"""The browser checks themselves: each one catches what it is there to catch.

Hand-made pages that break one rule each, so that a browser test passing on our pages means
something.
"""

from __future__ import annotations

from pathlib import Path

import chromium
import pytest

BAD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>bad</title></head>
<body><p style="width: 2000px">too wide</p>
<img src="https://example.invalid/picture.png" alt="">
<script>console.error("boom")</script>
</body></html>
"""

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>good</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><p>fits</p></body></html>
"""

WIDE_TABLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>table</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><div class="table-wrap" style="overflow-x: auto"><table><tr><td>
Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword</td></tr></table></div>
<p style="width: 600px">a paragraph wider than a phone</p></body></html>
"""

CLASHING_CHART = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400"
 height="200" style="max-width:100%;height:auto">
<circle class="bubble" data-id="a" cx="100" cy="100" r="20"/>
<text class="label" x="90" y="104" font-size="12">over its bubble</text>
<text class="label" x="200" y="50" font-size="12">one label</text>
<text class="label" x="210" y="54" font-size="12">another label</text>
</svg>
"""


def test_console_errors_and_requests_are_seen(browser: chromium.Browser, tmp_path: Path) -> None:
    page_path = tmp_path / "bad.html"
    page_path.write_text(BAD_PAGE, encoding="utf-8")
    page = browser.load(page_path, 375)
    assert any("boom" in message for message in page.errors)
    assert "https://example.invalid/picture.png" in page.outside_requests
    wide = browser.script(chromium.TOO_WIDE)
    assert wide["scroll"] > 375
    assert any(item["tag"] == "P" for item in wide["out"])
    with pytest.raises(AssertionError):
        chromium.check_page(browser, page_path, 375, "harness-bad")


def test_a_clean_page_has_nothing_to_report(browser: chromium.Browser, tmp_path: Path) -> None:
    page_path = tmp_path / "good.html"
    page_path.write_text(GOOD_PAGE, encoding="utf-8")
    for width in (375, 1280):
        page = browser.load(page_path, width)
        assert page.errors == [] and page.outside_requests == []
        assert browser.script("return window.innerWidth") == width
    geometry = chromium.check_page(browser, page_path, 375, "harness-good")
    assert geometry == {"labels": [], "bubbles": []}


def test_overlapping_labels_and_covered_bubbles_are_seen(
    browser: chromium.Browser, tmp_path: Path
) -> None:
    chart = tmp_path / "clash.svg"
    chart.write_text(CLASHING_CHART, encoding="utf-8")
    browser.load(chart, 1280)
    geometry = browser.script(chromium.CHART_GEOMETRY, "svg")
    assert len(geometry["labels"]) == 3
    assert chromium.overlaps(geometry["labels"]) == [("one label", "another label")]
    assert chromium.covered(geometry["labels"], geometry["bubbles"]) == [("over its bubble", "a")]


def test_screenshots_go_to_the_named_folder(
    browser: chromium.Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page_path = tmp_path / "good.html"
    page_path.write_text(GOOD_PAGE, encoding="utf-8")
    monkeypatch.setenv("MLROLES_SCREENSHOTS", str(tmp_path / "shots"))
    browser.load(page_path, 375)
    picture = browser.screenshot("harness good/page")
    assert picture == tmp_path / "shots" / "harness-good-page.png"
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_a_table_may_scroll_in_its_box_but_nothing_else_may_be_wide(
    browser: chromium.Browser, tmp_path: Path
) -> None:
    page_path = tmp_path / "table.html"
    page_path.write_text(WIDE_TABLE_PAGE, encoding="utf-8")
    browser.load(page_path, 375)
    strict = browser.script(chromium.TOO_WIDE, False)["out"]
    lenient = browser.script(chromium.TOO_WIDE, True)["out"]
    assert {item["tag"] for item in strict} >= {"TABLE", "P"}
    assert [item["tag"] for item in lenient] == ["P"]
    with pytest.raises(AssertionError):
        chromium.check_page(browser, page_path, 375, "harness-table", table_scroll=True)
