from __future__ import annotations

from typer.testing import CliRunner

from mlroles.cli import app


def test_show_resolves_an_alias_to_its_role() -> None:
    result = CliRunner().invoke(app, ["show", "mle", "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"id": "ml-engineer"' in result.stdout
