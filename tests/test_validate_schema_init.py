"""`validate`, `schema` and `init`, the catalog each command reads, and round trips between them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.entries import Catalog
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.catalog.models import Role
from mlroles.cli.entry import app
from mlroles.errors import ExitCode, UsageProblem
from mlroles.queries import starter

BUNDLED_TEXT = bundled_path().read_text(encoding="utf-8")


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


def tiny_catalog(prefix: str) -> str:
    """A valid catalog of two roles whose ids start with `prefix`."""
    roles = []
    for n, other in ((1, 2), (2, 1)):
        roles.append(
            {
                "id": f"{prefix}-{n}",
                "title": f"{prefix.title()} {n}",
                "aliases": [f"{prefix}{n}"],
                "summary": "Does things.",
                "responsibilities": ["Things"],
                "work_product": ["Stuff"],
                "tools": ["Shared tool", f"{prefix} tool {n}"],
                "background": "Anywhere.",
                "skills": {
                    "machine_learning": 0.5,
                    "software_engineering": 0.5,
                    "communication": 1,
                },
                "group": "core-ml",
                "works_with": [f"{prefix}-{other}"],
                "sources": [{"title": "Notes", "url": "https://example.org/notes"}],
            }
        )
    return yaml.safe_dump({"version": 1, "roles": roles}, sort_keys=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- validate --------------------------------------------------------------------------------


def test_validate_confirms_with_the_role_count(in_tmp: Path) -> None:
    Path("team.yaml").write_text(tiny_catalog("alpha"), encoding="utf-8")
    result = run("validate", "team.yaml")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "team.yaml: valid catalog, 2 roles\n"
    assert result.stderr == ""


def test_validate_without_a_path_checks_the_bundled_catalog() -> None:
    result = run("validate")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{bundled_path()}: valid catalog, 6 roles\n"


def test_validate_lists_every_error_on_stderr(in_tmp: Path) -> None:
    text = tiny_catalog("alpha").replace("communication: 1", "communication: 4")
    Path("team.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "team.yaml")

    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all("skills.communication: should be at most 1 (got 4)" in line for line in lines)
    assert [line.split(":")[0] for line in lines] == ["team.yaml", "team.yaml"]


def test_validate_json_when_valid(in_tmp: Path) -> None:
    Path("team.yaml").write_text(tiny_catalog("alpha"), encoding="utf-8")
    result = run("validate", "team.yaml", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "valid": True,
        "roles": 2,
        "errors": [],
        "omitted": 0,
        "files": [{"file": "team.yaml", "valid": True, "roles": 2}],
    }


def test_validate_json_when_invalid_goes_to_stdout_and_exits_3(in_tmp: Path) -> None:
    text = tiny_catalog("alpha").replace("- alpha-2\n", "- alpha-9\n", 1)
    Path("team.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "team.yaml", "--json")

    assert result.exit_code == 3
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["roles"] == 0
    (error,) = report["errors"]
    assert set(error) == {"file", "line", "column", "path", "message"}
    expected_line = text.splitlines().index("  - alpha-9") + 1
    assert error == {
        "file": "team.yaml",
        "line": expected_line,
        "column": 5,
        "path": "roles[0].works_with[0]",
        "message": "no role has the id 'alpha-9'",
    }


def test_validate_json_for_a_missing_file(in_tmp: Path) -> None:
    result = run("validate", "nowhere.yaml", "--json")

    assert result.exit_code == 3
    assert json.loads(result.stdout)["errors"] == [
        {
            "file": "nowhere.yaml",
            "line": None,
            "column": None,
            "path": None,
            "message": "no such file",
        }
    ]


# --- the chosen catalog: --data beats MLROLES_DATA beats the bundled one ----------------------

COMMANDS = [
    pytest.param(["list"], id="list"),
    pytest.param(["show", "{a}", "--json"], id="show"),
    pytest.param(["compare", "{a}", "{b}", "--json"], id="compare"),
    pytest.param(["validate"], id="validate"),
]
SOURCES = [
    pytest.param(True, True, "flag", id="flag-and-env"),
    pytest.param(True, False, "flag", id="flag-only"),
    pytest.param(False, True, "env", id="env-only"),
    pytest.param(False, False, "bundled", id="neither"),
]
#: Two names that only the catalog of each source knows.
NAMES = {"flag": ("flag-1", "flag2"), "env": ("env-1", "env2"), "bundled": ("ml-engineer", "ds")}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("use_flag", "use_env", "winner"), SOURCES)
def test_every_command_reads_the_chosen_catalog(
    in_tmp: Path, command: list[str], use_flag: bool, use_env: bool, winner: str
) -> None:
    Path("flag.yaml").write_text(tiny_catalog("flag"), encoding="utf-8")
    Path("env.yaml").write_text(tiny_catalog("env"), encoding="utf-8")
    first, second = NAMES[winner]
    options = ["--data", "flag.yaml"] if use_flag else []
    env = {"MLROLES_DATA": "env.yaml"} if use_env else None

    result = run(*options, *(arg.format(a=first, b=second) for arg in command), env=env)

    assert result.exit_code == 0, result.stderr
    if command[0] == "validate":
        files = {"flag": "flag.yaml", "env": "env.yaml", "bundled": str(bundled_path())}
        assert result.stdout.startswith(f"{files[winner]}: valid catalog")
    else:
        assert first in result.stdout
        for other, (marker, _) in NAMES.items():
            assert other == winner or marker not in result.stdout


def test_a_broken_catalog_named_by_the_environment_is_reported(in_tmp: Path) -> None:
    Path("env.yaml").write_text("version: [\n", encoding="utf-8")
    result = run("list", env={"MLROLES_DATA": "env.yaml"})

    assert result.exit_code == 3
    assert result.stderr.startswith("env.yaml:2:1: version: YAML:")


def test_an_explicit_path_to_validate_beats_the_chosen_catalog(in_tmp: Path) -> None:
    Path("flag.yaml").write_text(tiny_catalog("flag"), encoding="utf-8")
    Path("other.yaml").write_text("nope: 1\n", encoding="utf-8")
    result = run("--data", "flag.yaml", "validate", "other.yaml", env={"MLROLES_DATA": "x"})

    assert result.exit_code == 3
    assert "other.yaml:1:1: nope: unknown field 'nope'" in result.stderr
    assert "flag.yaml" not in result.stderr


# --- schema ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run("schema")
    assert result.exit_code == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_schema_declares_draft_2020_12_and_is_itself_valid(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_bundled_catalog_passes_the_schema(schema: dict[str, Any]) -> None:
    data = yaml.safe_load(BUNDLED_TEXT)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(data)) == []
    # Editors' YAML language servers read draft-07; the schema uses no keyword it lacks.
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []


BROKEN = [
    pytest.param(("communication: 0.88}", "communication: 3}"), "maximum", id="out-of-range"),
    pytest.param(("    tools: [Jira]", "    tool: [Jira]"), "additionalProperties", id="unknown"),
    pytest.param(("\nversion: 2\n", "\nversion: 3\n"), "const", id="version"),
    pytest.param(("  - id: ml-product-manager", "  - id: ML PM"), "pattern", id="slug"),
    pytest.param(("    group: ml-adjacent", "    group: Sales"), "pattern", id="group"),
    pytest.param(
        ("work_product: [Design docs, Wireframes, Work plans]", "work_product: x"),
        "type",
        id="type",
    ),
    pytest.param(("    title: ML Product Manager\n", "\n"), "required", id="missing"),
]


@pytest.mark.parametrize(("change", "validator_kind"), BROKEN)
def test_a_broken_catalog_fails_the_schema(
    schema: dict[str, Any], change: tuple[str, str], validator_kind: str
) -> None:
    old, new = change
    assert old in BUNDLED_TEXT
    data = yaml.safe_load(BUNDLED_TEXT.replace(old, new, 1))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))

    assert [error.validator for error in errors] == [validator_kind]
    draft7 = list(jsonschema.Draft7Validator(schema).iter_errors(data))
    assert [error.validator for error in draft7] == [validator_kind]
    assert list(errors[0].absolute_path)[:2] == ["roles", 0] or validator_kind == "const"


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("as_yaml", [pytest.param(False, id="json"), pytest.param(True, id="yaml")])
def test_list_json_wrapped_as_a_catalog_validates(
    in_tmp: Path, schema: dict[str, Any], as_yaml: bool
) -> None:
    listed = run("list", "--json")
    assert listed.exit_code == 0
    catalog = {"version": 1, "roles": json.loads(listed.stdout)}
    text = yaml.safe_dump(catalog, sort_keys=False) if as_yaml else json.dumps(catalog)
    Path("round.yaml").write_text(text, encoding="utf-8")

    result = run("validate", "round.yaml")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "round.yaml: valid catalog, 6 roles\n"
    jsonschema.Draft202012Validator(schema).validate(catalog)
    assert same_roles(load_catalog(Path("round.yaml")), load_catalog(bundled_path()))


def same_roles(one: Catalog, other: Catalog) -> bool:
    """Whether two catalogs hold the same groups, skill axes and roles (a version 1 file holds
    nothing else; where each was read from does not count)."""
    kinds = {"groups", "skills", "roles"}
    return all(getattr(one, kind) == getattr(other, kind) for kind in kinds)


def test_init_output_validates_and_holds_the_bundled_roles(in_tmp: Path) -> None:
    result = run("init", "team.yaml")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "team.yaml: wrote a starter catalog; edit it, then run" + (
        " 'mlroles validate team.yaml'\n"
    )
    checked = run("validate", "team.yaml")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout == "team.yaml: valid catalog, 6 roles\n"
    loaded, bundled = load_catalog(Path("team.yaml")), load_catalog(bundled_path())
    assert loaded.replace(files=[], origins={}) == bundled.replace(files=[], origins={})
    listed = run("--data", "team.yaml", "list")
    assert listed.stdout == run("list").stdout


def test_the_starter_header_explains_every_field_as_the_models_have_it() -> None:
    header = starter.HEADER.format(name="team.yaml")
    explained = {}
    for line in header.splitlines():
        words = line[1:].split()
        if line.startswith("#   ") and words and words[0] in Role.model_fields:
            explained[words[0]] = "required:" in line
    assert explained == {name: field.is_required() for name, field in Role.model_fields.items()}
    assert all(line.startswith("#") or not line for line in header.splitlines())


# --- init: never overwrite, atomic, no temporary file left ------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_init_never_overwrites_without_force(in_tmp: Path) -> None:
    Path("team.yaml").write_bytes(b"mine: 1\n")
    result = run("init", "team.yaml")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "mlroles init: team.yaml already exists; use --force to replace it"
        " (see 'mlroles init --help')\n"
    )
    assert Path("team.yaml").read_bytes() == b"mine: 1\n"
    assert leftovers(in_tmp) == []


def test_init_force_replaces(in_tmp: Path) -> None:
    Path("team.yaml").write_bytes(b"mine: 1\n")
    result = run("init", "team.yaml", "--force")

    assert result.exit_code == 0, result.stderr
    assert Path("team.yaml").read_text(encoding="utf-8") == starter.starter_text("team.yaml")
    assert leftovers(in_tmp) == []


def test_init_into_a_missing_folder_is_a_clear_error(in_tmp: Path) -> None:
    result = run("init", "nowhere/team.yaml")

    assert result.exit_code == 2
    assert result.stderr == (
        "mlroles init: cannot write nowhere/team.yaml: the folder 'nowhere' does not exist"
        " (see 'mlroles init --help')\n"
    )
    assert not Path("nowhere").exists()


def test_init_onto_a_folder_is_a_clear_error(in_tmp: Path) -> None:
    Path("team.yaml").mkdir()
    result = run("init", "team.yaml", "--force")

    assert result.exit_code == 2
    assert result.stderr == (
        "mlroles init: cannot write team.yaml: it is a folder (see 'mlroles init --help')\n"
    )
    assert list(Path("team.yaml").iterdir()) == []
    assert leftovers(in_tmp) == []


def test_init_writes_with_the_usual_permissions(in_tmp: Path) -> None:
    old = os.umask(0o027)
    try:
        run("init", "team.yaml")
    finally:
        os.umask(old)
    assert Path("team.yaml").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("force", [pytest.param(False, id="new"), pytest.param(True, id="force")])
def test_a_failed_rename_leaves_the_target_untouched_and_no_temporary_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    if force:
        Path("team.yaml").write_bytes(b"mine: 1\n")

    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(os, "link", fail)
    result = run("init", "team.yaml", *(["--force"] if force else []))

    assert result.exit_code == ExitCode.OUTPUT_ERROR  # the disk, not the user's words
    assert result.stderr == "mlroles: cannot write team.yaml: No space left on device\n"
    assert leftovers(in_tmp) == []
    if force:
        assert Path("team.yaml").read_bytes() == b"mine: 1\n"
    else:
        assert not Path("team.yaml").exists()


def test_an_interrupted_write_leaves_no_half_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        starter.write_starter(Path("team.yaml"))

    assert sorted(p.name for p in in_tmp.iterdir()) == []


def test_a_file_created_meanwhile_is_not_overwritten(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(**kwargs: Any) -> tuple[int, str]:
        Path("team.yaml").write_bytes(b"theirs\n")  # appears after the existence check
        return real_mkstemp(**kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    with pytest.raises(UsageProblem, match="already exists"):
        starter.write_starter(Path("team.yaml"))

    assert Path("team.yaml").read_bytes() == b"theirs\n"
    assert leftovers(in_tmp) == []


def test_init_in_a_real_process(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("mlroles")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mlroles"]
    env = {k: v for k, v in os.environ.items() if k != "MLROLES_DATA"}

    def mlroles(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
        )

    first = mlroles("init", "team.yaml")
    second = mlroles("init", "team.yaml")
    checked = mlroles("--data", "team.yaml", "validate", "--json")

    assert (first.returncode, second.returncode, checked.returncode) == (0, 2, 0)
    assert "already exists" in second.stderr and second.stdout == ""
    assert json.loads(checked.stdout) == {
        "valid": True,
        "roles": 6,
        "errors": [],
        "omitted": 0,
        "files": [{"file": "team.yaml", "valid": True, "roles": 6}],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.yaml"]


def test_force_keeps_the_permissions_of_the_file_it_replaces(in_tmp: Path) -> None:
    Path("team.yaml").write_bytes(b"private: 1\n")
    os.chmod("team.yaml", 0o600)
    result = run("init", "team.yaml", "--force")
    assert result.exit_code == 0, result.stderr
    assert Path("team.yaml").stat().st_mode & 0o777 == 0o600
    assert Path("team.yaml").read_text(encoding="utf-8").startswith("# An mlroles catalog")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: os.symlink("elsewhere.yaml", p), id="symlink"),
        pytest.param(lambda p: os.mkfifo(p), id="fifo"),
    ],
)
def test_force_never_replaces_what_is_not_a_regular_file(in_tmp: Path, make: Any) -> None:
    make("team.yaml")
    result = run("init", "team.yaml", "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        "mlroles init: cannot replace team.yaml: it is not a regular file"
        " (see 'mlroles init --help')\n"
    )
    assert Path("team.yaml").is_symlink() or not Path("team.yaml").is_file()
    assert leftovers(in_tmp) == []


def test_a_name_with_a_control_character_is_refused(in_tmp: Path) -> None:
    result = run("init", "team\nx.yaml")
    assert result.exit_code == 2
    assert "control character" in result.stderr
    assert list(in_tmp.iterdir()) == []


def _many_problems(path: Path, count: int) -> None:
    """A catalog whose roles each hold one bad skill level: `count` problems in all."""
    roles = yaml.safe_load(tiny_catalog("alpha"))["roles"]
    bad = []
    for n in range(count):
        role = {**roles[0], "id": f"alpha-x{n}", "aliases": [], "works_with": []}
        role["skills"] = {**role["skills"], "communication": 4}
        bad.append(role)
    path.write_text(yaml.safe_dump({"version": 1, "roles": bad}), encoding="utf-8")


def test_validate_text_and_data_agree_on_how_many_errors_are_left_out(in_tmp: Path) -> None:
    _many_problems(Path("team.yaml"), 80)
    text = run("validate", "team.yaml")
    data = run("validate", "team.yaml", "--json")
    as_yaml = run("validate", "team.yaml", "--format", "yaml")
    assert (text.exit_code, data.exit_code, as_yaml.exit_code) == (3, 3, 3)
    *listed, more = text.stderr.splitlines()
    report = json.loads(data.stdout)
    assert report == yaml.safe_load(as_yaml.stdout)
    assert len(report["errors"]) == len(listed)
    assert more == f"... and {report['omitted']} more error(s) not shown"
    assert len(report["errors"]) == 50 and report["omitted"] > 0
    assert (data.stderr, as_yaml.stderr) == ("", "")


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_validate_takes_every_format_of_the_read_commands(in_tmp: Path, fmt: str) -> None:
    Path("team.yaml").write_text(tiny_catalog("alpha"), encoding="utf-8")
    result = run("validate", "team.yaml", "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == "team.yaml: valid catalog, 2 roles\n"
