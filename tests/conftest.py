"""Shared fixtures: every test runs in an environment a developer's shell cannot change."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ("MLROLES_DATA", "MLROLES_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "LINES", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # The parse cache goes to a folder of the test run's own, never the developer's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
