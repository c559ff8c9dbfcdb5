"""The README's "Finding the right role" shows real output: these tests keep it so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlroles.cli.entry import app

README = Path(__file__).resolve().parent.parent / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Finding the right role")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def output(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    return result.stdout


def compact(text: str, index: int) -> str:
    return json.dumps(json.loads(text)[index], separators=(",", ":"), ensure_ascii=False)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        pytest.param(["search", "kafka"], lambda out: out, id="search-plain"),
        pytest.param(
            ["search", "sklearn", "--json"], lambda out: compact(out, 0), id="search-json"
        ),
        pytest.param(
            ["match", "--have", "sql,excel"],
            lambda out: "".join(out.splitlines(keepends=True)[:3]),
            id="match-plain",
        ),
        pytest.param(
            ["match", "--have", "docker", "--skills", "ml=0.5,se=0.5", "--json"],
            lambda out: compact(out, 0),
            id="match-json",
        ),
        pytest.param(["map", "--width", "72"], lambda out: out, id="map"),
        pytest.param(
            ["map", "--width", "40", "--highlight", "researcher"], lambda out: out, id="map-40"
        ),
        pytest.param(["map", "--json"], lambda out: compact(out, 3), id="map-json"),
    ],
)
def test_the_readme_shows_what_the_command_prints(
    args: list[str], shown: Callable[[str], str]
) -> None:
    expected = shown(output(*args)).rstrip("\n")
    assert expected
    assert expected in section()
