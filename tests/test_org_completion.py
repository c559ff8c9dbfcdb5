"""Shell completion of archetype names and roster paths, run as the shells run it: the installed
program, in a subprocess, never importing Pydantic."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from test_completion import PROGRAM, SHELLS, complete, imported, messages, shell_env

from mlroles.catalog.load import bundled_path


def archetype_names() -> list[tuple[str, str]]:
    """(name, archetype id) in catalog order, read straight from the bundled YAML."""
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    return [(name, a["id"]) for a in data["archetypes"] for name in (a["id"], *a["aliases"])]


def expected(prefix: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    return [
        name
        for name, owner in archetype_names()
        if name.startswith(prefix) and owner not in leave_out
    ]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("line", "prefix", "leave_out"),
    [
        pytest.param("mlroles org show ", "", (), id="show-all"),
        pytest.param("mlroles org show c", "c", (), id="show-c"),
        pytest.param("mlroles org compare embedded ", "", ("embedded",), id="compare-second"),
        pytest.param("mlroles org compare rnd ml-", "ml-", ("rnd",), id="compare-leaves-out"),
        pytest.param("mlroles team --archetype i", "i", (), id="team-archetype"),
        pytest.param("mlroles org show zzz", "zzz", (), id="no-match"),
    ],
)
def test_completes_archetype_ids_and_aliases_without_pydantic(
    shell: str, line: str, prefix: str, leave_out: tuple[str, ...]
) -> None:
    candidates, done = complete(shell, line)
    assert done.returncode == 0
    assert candidates == expected(prefix, leave_out)
    assert messages(done) == []
    assert "mlroles" in imported(done)
    assert "pydantic" not in imported(done)


def test_a_catalog_without_archetypes_completes_nothing(tmp_path: Path) -> None:
    v1 = Path(__file__).resolve().parent / "data" / "roles-v1.yaml"
    candidates, done = complete("bash", f"mlroles --data {v1} org show ")
    assert done.returncode == 0
    assert candidates == []


def complete_in(folder: Path, line: str) -> list[str]:
    env = {**os.environ, **shell_env("bash", line)}
    done = subprocess.run(
        [str(PROGRAM)], env=env, cwd=folder, capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0
    assert done.stderr == ""
    return done.stdout.split()


def test_completes_roster_paths_folders_and_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "acme.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "teams" / "beta.yml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "teams" / "notes.txt").write_text("not a roster\n", encoding="utf-8")
    (tmp_path / "team.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("version: 1\n", encoding="utf-8")
    assert complete_in(tmp_path, "mlroles team ") == ["team.yaml", "teams/"]
    assert complete_in(tmp_path, "mlroles team teams/") == ["teams/acme.yaml", "teams/beta.yml"]
    assert complete_in(tmp_path, "mlroles team teams/a") == ["teams/acme.yaml"]
    assert complete_in(tmp_path, "mlroles team .h") == [".hidden.yaml"]
    assert complete_in(tmp_path, "mlroles team nowhere/") == []
