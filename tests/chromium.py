"""Headless Chromium for the tests: load a page, read what a person would see, save a picture.

Chromium and its driver are Debian's (`chromium`, `chromium-driver`), driven through Selenium
with the driver's path given, so that nothing is downloaded. Console messages come from the
browser log, and every request the page makes from the performance log (the DevTools
protocol's Network events).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("MLROLES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MLROLES_CHROMEDRIVER", "/usr/bin/chromedriver")
#: Flags for a headless browser on a machine with no network: nothing of its own goes out.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def missing() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


#: Where each run leaves its pictures, unless $MLROLES_SCREENSHOTS names another folder.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def screenshot_folder() -> Path:
    """The folder for this run's pictures: $MLROLES_SCREENSHOTS, else build/screenshots."""
    folder = Path(os.environ.get("MLROLES_SCREENSHOTS") or SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Page:
    """What loading one page gave: its console messages and the requests it made."""

    url: str
    console: list[dict[str, Any]]
    requests: list[str]

    @property
    def errors(self) -> list[str]:
        return [entry["message"] for entry in self.console if entry["level"] == "SEVERE"]

    @property
    def outside_requests(self) -> list[str]:
        """Requests for anything but the page itself."""
        return [url for url in self.requests if url.split("#")[0] != self.url]


class Browser:
    """One headless Chromium, reused by every test of a session."""

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self._profile = tempfile.mkdtemp(prefix="mlroles-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self._profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def load(self, path: Path, width: int, height: int = 900) -> Page:
        """Open `path` at a window `width` pixels wide; what it logged and asked for."""
        self.driver.get("about:blank")
        self._drain()
        self.driver.set_window_size(width, height)
        # The tests speak of the page's width: make the inner width the one asked for.
        inner = self.driver.execute_script("return window.innerWidth")
        if inner != width:
            self.driver.set_window_size(width + (width - inner), height)
        url = path.resolve().as_uri()
        self.driver.get(url)
        self.driver.execute_script("return document.fonts ? document.fonts.ready : null")
        console, requests = self._drain()
        return Page(url, console, requests)

    def _drain(self) -> tuple[list[dict[str, Any]], list[str]]:
        console = self.driver.get_log("browser")
        requests = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        return console, requests

    def script(self, source: str, *args: Any) -> Any:
        return self.driver.execute_script(source, *args)

    def screenshot(self, name: str) -> Path:
        """The whole page as a PNG in the screenshot folder."""
        path = screenshot_folder() / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        height = self.script(
            "return Math.ceil(Math.max(document.documentElement.scrollHeight,"
            " document.documentElement.getBoundingClientRect().height))"
        )
        width = self.script("return window.innerWidth")
        # A full-page picture: grow the window to the page's height for the shot.
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": min(int(height), 16000),
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        try:
            self.driver.save_screenshot(str(path))
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return path


#: JavaScript: every element's box that reaches past the window's right edge (or left of 0).
TOO_WIDE = """
const limit = document.documentElement.clientWidth;
const scrolls = arguments[0];  // let content scroll inside a table's own scroll box
const out = [];
for (const el of document.querySelectorAll('body *, svg')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (scrolls && el.closest('.table-wrap') && el.closest('.table-wrap') !== el) continue;
  if (r.right > limit + 0.5 || r.left < -0.5) {
    out.push({tag: el.tagName, id: el.id, cls: el.getAttribute('class'),
              left: r.left, right: r.right});
  }
}
return {limit: limit, scroll: document.documentElement.scrollWidth, out: out.slice(0, 20)};
"""

#: JavaScript: the chart's label boxes and bubbles, in the SVG's own units.
CHART_GEOMETRY = """
const svg = document.querySelector(arguments[0] || 'svg');
if (!svg) return {labels: [], bubbles: []};
const labels = [...svg.querySelectorAll('text.label')].map(t => {
  const b = t.getBBox();
  return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
});
const bubbles = [...svg.querySelectorAll('circle.bubble')].map(c => ({
  id: c.getAttribute('data-id'),
  cx: c.cx.baseVal.value, cy: c.cy.baseVal.value, r: c.r.baseVal.value
}));
return {labels: labels, bubbles: bubbles};
"""


def overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap (touching edges do not count)."""
    found = []
    ordered = sorted(labels, key=lambda b: b["x"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["x"] >= a["x"] + a["w"]:
                break
            if a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                found.append((a["text"], b["text"]))
    return found


def covered(labels: list[dict[str, Any]], bubbles: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(label, bubble id) where a label's box reaches into a bubble."""
    found = []
    for label in labels:
        for bubble in bubbles:
            nx = min(max(bubble["cx"], label["x"]), label["x"] + label["w"])
            ny = min(max(bubble["cy"], label["y"]), label["y"] + label["h"])
            if (nx - bubble["cx"]) ** 2 + (ny - bubble["cy"]) ** 2 < bubble["r"] ** 2:
                found.append((label["text"], bubble["id"]))
    return found


def browser_session() -> Iterator[Browser]:
    browser = Browser()
    try:
        yield browser
    finally:
        browser.close()


def check_page(
    browser: Browser, path: Path, width: int, name: str, *, table_scroll: bool = False
) -> dict[str, Any]:
    """Load `path` at `width`, save its picture, and check what every page must keep: no console
    error, no request for anything but the page, nothing wider than the window, no chart label
    over another or over a bubble. Returns the chart's geometry (labels and bubbles).

    `table_scroll`: a table may be wider than the window inside its own scroll box (which must
    fit), for catalogs with words too long to break (a 30-character tool name at 375 px)."""
    page = browser.load(path, width)
    browser.screenshot(f"{name}-{width}")
    assert page.errors == [], page.errors
    assert page.outside_requests == [], page.outside_requests
    wide = browser.script(TOO_WIDE, table_scroll)
    assert wide["scroll"] <= width, wide
    assert wide["out"] == [], wide["out"]
    geometry: dict[str, Any] = browser.script(CHART_GEOMETRY, "svg")
    assert overlaps(geometry["labels"]) == []
    assert covered(geometry["labels"], geometry["bubbles"]) == []
    return geometry
