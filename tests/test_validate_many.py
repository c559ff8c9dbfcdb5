"""`validate PATH...`: several files in one run, and `--format github` annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path
from mlroles.cli.entry import app
from mlroles.errors import Problem
from mlroles.render.github import annotation, escape_data, escape_property

BUNDLED = bundled_path().read_text(encoding="utf-8")
#: One role of the bundled catalog, as a catalog file of its own: valid, one role.
ONE_ROLE = {
    key: value
    for key, value in yaml.safe_load(BUNDLED).items()
    if key in ("version", "groups", "skills", "roles")
}
ONE_ROLE["roles"] = [{**ONE_ROLE["roles"][0], "works_with": []}]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """good.yaml (6 roles), one.yaml (1 role), bad.yaml (a level out of range), nope.yaml absent."""
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BUNDLED, encoding="utf-8")
    Path("one.yaml").write_text(yaml.safe_dump(ONE_ROLE, sort_keys=False), encoding="utf-8")
    bad = BUNDLED.replace("communication: 0.88", "communication: 8.8", 1)
    assert bad != BUNDLED
    Path("bad.yaml").write_text(bad, encoding="utf-8")
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "communication: 8.8" in text)
    column = bad.splitlines()[line - 1].index("8.8") + 1
    return {"bad_place": f"bad.yaml:{line}:{column}", "line": str(line), "col": str(column)}


def test_every_valid_file_gets_its_line(files: dict[str, str]) -> None:
    result = run("validate", "good.yaml", "one.yaml")
    assert result.exit_code == 0
    assert result.stdout == ("good.yaml: valid catalog, 6 roles\none.yaml: valid catalog, 1 role\n")
    assert result.stderr == ""


@pytest.mark.parametrize(
    "order",
    [
        pytest.param(["bad.yaml", "good.yaml", "nope.yaml"], id="bad-first"),
        pytest.param(["good.yaml", "nope.yaml", "bad.yaml"], id="bad-last"),
    ],
)
def test_one_invalid_file_fails_the_run_and_the_others_are_still_checked(
    files: dict[str, str], order: list[str]
) -> None:
    result = run("validate", *order)
    assert result.exit_code == 3
    assert result.stdout == "good.yaml: valid catalog, 6 roles\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    by_file = {line.split(":")[0]: line for line in lines}
    assert by_file["nope.yaml"] == "nope.yaml: no such file"
    assert by_file["bad.yaml"].startswith(files["bad_place"] + ": ")
    assert "should be at most 1 (got 8.8)" in by_file["bad.yaml"]
    # the files' problems in the order the files were named
    assert [line.split(":")[0] for line in lines] == [f for f in order if f != "good.yaml"]


def test_json_over_several_files(files: dict[str, str]) -> None:
    result = run("validate", "good.yaml", "bad.yaml", "one.yaml", "--json")
    assert result.exit_code == 3
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["valid", "roles", "errors", "omitted", "files"]
    assert data["valid"] is False
    assert data["roles"] == 7  # the valid files' roles
    assert [error["file"] for error in data["errors"]] == ["bad.yaml"]
    assert data["files"] == [
        {"file": "good.yaml", "valid": True, "roles": 6},
        {"file": "bad.yaml", "valid": False, "roles": 0},
        {"file": "one.yaml", "valid": True, "roles": 1},
    ]


def test_yaml_is_the_same_data(files: dict[str, str]) -> None:
    as_json = json.loads(run("validate", "good.yaml", "bad.yaml", "--json").stdout)
    result = run("validate", "good.yaml", "bad.yaml", "--format", "yaml")
    assert result.exit_code == 3
    assert yaml.safe_load(result.stdout) == as_json


def test_json_and_another_format_disagree(files: dict[str, str]) -> None:
    result = run("validate", "good.yaml", "--json", "--format", "github")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--json and --format github disagree" in result.stderr


# --- --format github -------------------------------------------------------------------------

#: A workflow command as GitHub's runner reads it: `::error PROPERTIES::MESSAGE`.
COMMAND = re.compile(r"^::error (?P<properties>[^:]*)::(?P<message>.*)$")


def unescape(text: str, *, is_property: bool) -> str:
    """What GitHub's runner makes of an escaped value (actions/runner, ActionCommand.cs)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if is_property:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for escaped, plain in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> tuple[dict[str, str], str]:
    found = COMMAND.match(line)
    assert found is not None, line
    properties = dict(item.split("=", 1) for item in found["properties"].split(","))
    values = {key: unescape(value, is_property=True) for key, value in properties.items()}
    return values, unescape(found["message"], is_property=False)


def test_github_annotations_point_at_the_line(files: dict[str, str]) -> None:
    result = run("validate", "good.yaml", "bad.yaml", "nope.yaml", "--format", "github")
    assert result.exit_code == 3
    assert result.stderr == ""
    first, second = result.stdout.splitlines()
    properties, message = parse(first)
    assert properties == {"file": "bad.yaml", "line": files["line"], "col": files["col"]}
    assert message.endswith(".skills.communication: should be at most 1 (got 8.8)")
    assert parse(second) == ({"file": "nope.yaml"}, "no such file")


def test_github_format_of_valid_files_prints_nothing(files: dict[str, str]) -> None:
    result = run("validate", "good.yaml", "one.yaml", "--format", "github")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("plain", "plain", "plain", id="plain"),
        pytest.param("100%", "100%25", "100%25", id="percent"),
        pytest.param("%0A", "%250A", "%250A", id="already-escaped-looking"),
        pytest.param("a\nb\rc", "a%0Ab%0Dc", "a%0Ab%0Dc", id="line-breaks"),
        pytest.param("a:b,c", "a:b,c", "a%3Ab%2Cc", id="colon-comma"),
        pytest.param("::error x", "::error x", "%3A%3Aerror x", id="command-in-text"),
    ],
)
def test_escaping_follows_the_workflow_command_rules(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop
    assert unescape(data, is_property=False) == text
    assert unescape(prop, is_property=True) == text


def test_a_file_name_with_commas_and_colons_survives_the_round_trip() -> None:
    problem = Problem("cat,a:log%.yaml", "bad: 50%\nworse", 3, 7, "roles[0].id")
    properties, message = parse(annotation(problem).rstrip("\n"))
    assert properties == {"file": "cat,a:log%.yaml", "line": "3", "col": "7"}
    assert message == "roles[0].id: bad: 50%\nworse"
    assert annotation(problem).count("\n") == 1  # one line, whatever the text holds


def test_a_file_past_the_problem_limit_says_how_many_more(tmp_path: Path) -> None:
    data = dict(ONE_ROLE)
    roles = data["roles"][0]
    data["roles"] = [
        {**roles, "id": f"role-{n}", "aliases": [], "works_with": [], "title": 1} for n in range(60)
    ]
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data))), encoding="utf-8")
    result = run("validate", str(path), "--format", "github")
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    text = run("validate", str(path)).stderr.splitlines()
    assert len(text) == 51
    more = re.fullmatch(r"\.\.\. and (\d+) more error\(s\) not shown", text[-1])
    assert more is not None, text[-1]
    assert int(more[1]) >= 10  # 60 roles, 1 error or more each
    assert parse(lines[-1]) == ({"file": str(path)}, f"{more[1]} more error(s) not shown")
