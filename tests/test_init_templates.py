"""`mlroles init --minimal` and `init --extends`: starters that validate as written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.catalog.models import Group, Role, Skill, Source
from mlroles.cli.entry import app

MODELINE = "# yaml-language-server: $schema=./mlroles.schema.json"
KINDS = [pytest.param("--minimal", id="minimal"), pytest.param("--extends", id="extends")]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("kind", KINDS)
def test_the_starter_validates_as_written(in_tmp: Path, kind: str) -> None:
    result = run("init", "mine.yaml", kind)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("mine.yaml: wrote ")
    assert "'mlroles validate mine.yaml'" in result.stdout
    checked = run("validate", "mine.yaml")
    assert checked.exit_code == 0, checked.stderr
    assert sorted(p.name for p in in_tmp.iterdir()) == ["mine.yaml"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_starter_opens_with_the_schema_comment_and_passes_the_schema(
    in_tmp: Path, kind: str
) -> None:
    run("init", "mine.yaml", kind)
    text = Path("mine.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(yaml.safe_load(text), schema)


def test_the_minimal_catalog_has_one_role_and_explains_every_field(in_tmp: Path) -> None:
    run("init", "mine.yaml", "--minimal")
    catalog = load_catalog(Path("mine.yaml"))
    assert len(catalog.roles) == 1
    text = Path("mine.yaml").read_text(encoding="utf-8")
    explained = {
        match[1] for match in re.finditer(r"^\s*(?:- |# )?(\w+):[^#\n]*#", text, flags=re.MULTILINE)
    }
    for model in (Role, Group, Skill, Source):
        missing = set(model.model_fields) - explained
        assert not missing, f"{model.__name__}: {sorted(missing)} not explained"


def test_the_extends_starter_adds_one_role_after_the_bundled_ones(in_tmp: Path) -> None:
    run("init", "ours.yaml", "--extends")
    bundled = load_catalog(bundled_path())
    ours = load_catalog(Path("ours.yaml"))
    assert [role.id for role in ours.roles] == [
        *(role.id for role in bundled.roles),
        "analytics-engineer",
    ]
    assert ours.groups == bundled.groups
    assert ours.skills == bundled.skills
    assert yaml.safe_load(Path("ours.yaml").read_text(encoding="utf-8"))["extends"] == "bundled"


def test_the_commented_override_is_a_valid_override_once_uncommented(in_tmp: Path) -> None:
    run("init", "ours.yaml", "--extends")
    text = Path("ours.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = lines.index("  # - id: data-scientist\n")
    uncommented = [line.replace("  # ", "  ", 1) for line in lines[start:]]
    assert all(not line.lstrip().startswith("#") for line in uncommented)
    Path("override.yaml").write_text("".join(lines[:start] + uncommented), encoding="utf-8")

    bundled = load_catalog(bundled_path())
    overridden = load_catalog(Path("override.yaml"))
    # the copy replaces the bundled role where it stood, unchanged until it is edited
    assert [role.id for role in overridden.roles] == [
        *(role.id for role in bundled.roles),
        "analytics-engineer",
    ]
    by_id = {role.id: role for role in overridden.roles}
    assert by_id["data-scientist"] == next(r for r in bundled.roles if r.id == "data-scientist")


@pytest.mark.parametrize("kind", KINDS)
def test_the_starter_never_replaces_a_file_without_force(in_tmp: Path, kind: str) -> None:
    Path("mine.yaml").write_bytes(b"theirs\n")
    result = run("init", "mine.yaml", kind)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "mlroles init: mine.yaml already exists; use --force to replace it"
        " (see 'mlroles init --help')\n"
    )
    assert Path("mine.yaml").read_bytes() == b"theirs\n"

    forced = run("init", "mine.yaml", kind, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert Path("mine.yaml").read_text(encoding="utf-8").startswith(MODELINE)
    assert sorted(p.name for p in in_tmp.iterdir()) == ["mine.yaml"]  # no temporary file left


def test_minimal_and_extends_together_is_a_usage_error(in_tmp: Path) -> None:
    result = run("init", "mine.yaml", "--minimal", "--extends")
    assert result.exit_code == 2
    assert "--minimal and --extends" in result.stderr
    assert not Path("mine.yaml").exists()


def test_the_commented_remove_works_once_uncommented(in_tmp: Path) -> None:
    run("init", "ours.yaml", "--extends")
    text = Path("ours.yaml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("# remove: "))
    (removed,) = yaml.safe_load(line[2:].split("#")[0])["remove"]
    Path("removed.yaml").write_text(text.replace(line, line[2:]), encoding="utf-8")
    result = run("validate", "removed.yaml")
    assert result.exit_code == 0, result.stderr

    def ids(catalog: Any) -> set[str]:
        kinds = ("groups", "skills", "roles", "archetypes", "guidance", "assessments")
        return {entry.id for kind in kinds for entry in getattr(catalog, kind)}

    assert removed in ids(load_catalog(bundled_path()))
    assert removed not in ids(load_catalog(Path("removed.yaml")))


@pytest.mark.parametrize("kind", KINDS)
def test_a_name_that_is_not_utf8_gets_a_starter_that_validates(in_tmp: Path, kind: str) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")  # bytes a Linux file system allows in a name
    result = run("init", name, kind)
    assert result.exit_code == 0, result.stderr
    text = Path(name).read_bytes().decode("utf-8")  # the file itself is UTF-8
    assert "mlroles validate 'caf\ufffd.yaml'" in text
    assert len(load_catalog(Path(name)).roles) >= 1
