"""A guidance item or an assessment whose scope is not one of its kind's is one clean error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path
from mlroles.cli.entry import app

SOURCE = {"title": "Team handbook", "url": "https://example.org/handbook"}


@pytest.mark.parametrize(
    ("kind", "entry"),
    [
        pytest.param(
            "guidance",
            {"id": "odd", "topic": "interview", "scope": "everyone", "text": "Ask."},
            id="guidance",
        ),
        pytest.param(
            "assessments",
            {"id": "odd", "title": "Odd", "summary": "Odd.", "scope": "everyone"},
            id="assessment",
        ),
    ],
)
def test_an_unknown_scope_is_one_line_and_exit_3(
    tmp_path: Path, kind: str, entry: dict[str, str]
) -> None:
    catalog = tmp_path / "ours.yaml"
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))  # a whole catalog
    data[kind].append({**entry, "sources": [dict(SOURCE)]})
    catalog.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(catalog), "validate"])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{kind}[{len(data[kind]) - 1}].scope" in result.stderr
    assert "Traceback" not in result.stderr
