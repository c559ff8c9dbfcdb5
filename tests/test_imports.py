"""What each fast path must not import, checked in a real process with `-X importtime`.

These are deterministic: a module is imported or it is not. The timings themselves are a
benchmark (benchmarks/), not tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "yaml", "rich", "importlib.metadata")


def imported_modules(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """Top-level names of every module the command imports, read from `-X importtime`."""
    code = "import sys; from mlroles.cli.entry import run; sys.argv[0] = 'mlroles'; run()"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).parent,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "mlroles.cli" in names  # the probe itself works
    return names


def loaded(names: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in names)


def test_version_imports_none_of_pydantic_yaml_rich() -> None:
    names = imported_modules(["--version"])
    for package in HEAVY:
        assert not loaded(names, package), f"--version imported {package}"


def test_show_json_imports_no_rich_no_metadata_scan_and_warm_no_pydantic(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "MLROLES_NO_CACHE": ""}
    first = imported_modules(["show", "devops", "--json"], env)
    assert loaded(first, "pydantic") and loaded(first, "yaml")
    # Then the bundled catalog comes from the parse cache, whose proven entry is trusted: no
    # YAML parser and no Pydantic at all.
    again = imported_modules(["show", "devops", "--json"], env)
    assert not loaded(again, "pydantic") and not loaded(again, "yaml")
    for names in (first, again):
        assert not loaded(names, "rich")
        assert not loaded(names, "importlib.metadata")


@pytest.mark.parametrize(
    "words",
    [
        pytest.param("mlroles show d", id="show-role"),
        pytest.param("mlroles compare mle d", id="compare-role"),
    ],
)
def test_completing_a_role_name_does_not_import_pydantic(words: str) -> None:
    env = {
        "_MLROLES_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    names = imported_modules([], env=env)
    assert not loaded(names, "pydantic")
    assert not loaded(names, "rich")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["show", "devops", "--json"], id="show-json"),
        pytest.param(["list"], id="list"),
        pytest.param(["map", "--format", "svg"], id="map-svg"),
        pytest.param(["--version"], id="version"),
    ],
)
def test_only_export_imports_the_template_engine(args: list[str]) -> None:
    names = imported_modules(args)
    assert not loaded(names, "jinja2") and not loaded(names, "markupsafe")


def test_export_imports_the_template_engine_and_the_svg_chart_needs_no_rich() -> None:
    assert loaded(imported_modules(["export", "--format", "markdown"]), "jinja2")
    names = imported_modules(["map", "--format", "svg"])
    assert loaded(names, "mlroles.render.svg")
    assert not loaded(names, "rich")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["show", "devops", "--json"], id="show"),
        pytest.param(["list", "--json"], id="list"),
        pytest.param(["match", "--have", "sql", "--json"], id="match"),
        pytest.param(["compare", "de", "devops", "--json"], id="compare"),
        pytest.param(["path", "de", "devops", "--json"], id="path"),
        pytest.param(["hire", "mle", "--json"], id="hire"),
    ],
)
def test_only_search_imports_the_stemmer(args: list[str]) -> None:
    assert not loaded(imported_modules(args), "snowballstemmer")


def test_search_imports_the_stemmer() -> None:
    # The probe of the test above: the same check sees the stemmer where it is used.
    assert loaded(imported_modules(["search", "training", "--json"]), "snowballstemmer")


def test_hire_json_imports_no_rich(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "MLROLES_NO_CACHE": ""}
    for validated in (True, False):  # a parse and its validation, then the cache
        names = imported_modules(["hire", "mle", "--json"], env)
        assert loaded(names, "pydantic") is validated
        assert not loaded(names, "rich")
        assert not loaded(names, "importlib.metadata")
