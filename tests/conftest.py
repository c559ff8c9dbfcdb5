"""Shared fixtures: every test runs in an environment a developer's shell cannot change."""

from __future__ import annotations

import os
from collections.abc import Iterator

import chromium
import pytest


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ("MLROLES_DATA", "MLROLES_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "LINES", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # The parse cache goes to a folder of the test run's own, never the developer's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def browser() -> Iterator[chromium.Browser]:
    """One headless Chromium for the session. Skipped where Chromium is not installed, but never
    in CI (CI=true): there a missing browser fails the run, since .ci/run installs it."""
    why = chromium.missing()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests must run in CI, but {why}")
        pytest.skip(why)
    yield from chromium.browser_session()
