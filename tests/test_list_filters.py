"""`mlroles list --tool NAME --group GROUP`: OR within an option, AND across the two."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from custom_catalog import PLATFORM_TEAM, role, run, run_in_terminal, write_catalog
from typer.testing import CliRunner

from mlroles.cli.entry import app
from mlroles.queries.tools import same_tool, tool_key

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--tool", "kafka"], ["devops-engineer", "data-engineer"], id="tool"),
        pytest.param(["--tool", "KAFKA"], ["devops-engineer", "data-engineer"], id="any-case"),
        pytest.param(["--tool", "Apache Kafka"], ["devops-engineer", "data-engineer"], id="apache"),
        pytest.param(["--tool", "sklearn"], ["data-scientist"], id="sklearn"),
        pytest.param(["--tool", "Scikit_Learn"], ["data-scientist"], id="scikit-learn-spelled"),
        pytest.param(["--tool", "tf"], ["ml-engineer", "ml-researcher", "data-scientist"], id="tf"),
        pytest.param(
            ["--tool", "Jupyter notebooks"], ["ml-researcher", "data-scientist"], id="jupyter"
        ),
        pytest.param(["--tool", "jira"], ["ml-product-manager"], id="jira"),
        pytest.param(
            ["--tool", "docker", "--tool", "jira"],
            ["ml-product-manager", "ml-engineer"],
            id="tools-or-catalog-order",
        ),
        pytest.param(["--group", "core-ml"], ["ml-engineer", "ml-researcher"], id="group"),
        pytest.param(["--group", "Core ML"], ["ml-engineer", "ml-researcher"], id="group-spelled"),
        pytest.param(
            ["--group", "business-analytics", "--group", "core-ml"],
            ["ml-engineer", "ml-researcher", "data-scientist"],
            id="groups-or",
        ),
        pytest.param(
            ["--tool", "tensorflow", "--group", "core-ml"],
            ["ml-engineer", "ml-researcher"],
            id="tool-and-group",
        ),
        pytest.param(
            ["--tool", "kafka", "--tool", "pandas", "--group", "ml-adjacent"],
            ["devops-engineer", "data-engineer"],
            id="tools-or-then-and-group",
        ),
    ],
)
def test_filters_pick_these_roles_in_json_and_in_a_pipe(
    args: list[str], expected: list[str]
) -> None:
    code, out, err = invoke("list", *args, "--json")
    assert (code, err) == (0, "")
    assert [item["id"] for item in json.loads(out)] == expected

    code, out, err = invoke("list", *args)
    assert (code, err) == (0, "")
    assert [line.split("\t")[0] for line in out.splitlines()] == expected


def test_without_filters_every_role_is_listed() -> None:
    code, out, _ = invoke("list", "--json")
    assert code == 0
    assert len(json.loads(out)) == 6


@pytest.mark.parametrize(
    "group",
    [pytest.param("core", id="close"), pytest.param("engineering", id="far")],
)
def test_an_unknown_group_is_a_usage_error_that_lists_the_groups(group: str) -> None:
    code, out, err = invoke("list", "--group", group)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"unknown group {group!r}" in err
    for known in ("ml-adjacent", "core-ml", "business-analytics"):
        assert known in err


def test_an_unknown_group_suggests_the_closest() -> None:
    _, _, err = invoke("list", "--group", "core")
    assert "did you mean 'core-ml'?" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--tool", "kafak"], "no role uses 'kafak'; did you mean 'Kafka'?", id="typo"),
        pytest.param(["--tool", "k8s"], "no role uses 'k8s'", id="unused-tool"),
        pytest.param(
            ["--tool", "kafka", "--group", "core-ml"],
            "no role in group 'core-ml' uses 'kafka'",
            id="tool-outside-group",
        ),
    ],
)
def test_no_role_left_is_exit_1_with_a_reason(args: list[str], message: str) -> None:
    code, out, err = invoke("list", *args)
    assert (code, out) == (1, "")
    assert err == f"mlroles: {message}\n"

    code, out, err = invoke("list", *args, "--json")
    assert code == 1
    assert json.loads(out) == []
    assert message in err


def test_an_empty_tool_name_is_a_usage_error() -> None:
    code, out, err = invoke("list", "--tool", " ")
    assert (code, out) == (2, "")
    assert "--tool needs a tool name" in err


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("sklearn", "scikit-learn", id="sklearn"),
        pytest.param("tf", "TensorFlow", id="tf"),
        pytest.param("k8s", "Kubernetes", id="k8s"),
        pytest.param("Jupyter", "Jupyter notebooks", id="jupyter"),
        pytest.param("Postgres", "PostgreSQL", id="postgres"),
        pytest.param("google cloud", "GCP", id="gcp"),
        pytest.param("Label-Studio", "label studio", id="separators"),
    ],
)
def test_common_spellings_name_the_same_tool(a: str, b: str) -> None:
    assert same_tool(a, b)
    assert tool_key(a) == tool_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("TensorFlow", "PyTorch", id="frameworks"),
        pytest.param("Jupyter", "Jira", id="j-tools"),
        pytest.param("C", "C++", id="c-family"),
    ],
)
def test_different_tools_stay_different(a: str, b: str) -> None:
    assert not same_tool(a, b)


# --- any catalog ---------------------------------------------------------------------------


@pytest.fixture
def platform(tmp_path: Path) -> Path:
    return write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--tool", "k8s"], ["site-reliability-engineer"], id="k8s"),
        pytest.param(["--tool", "label studio"], ["annotation-lead"], id="two-words"),
        pytest.param(["--tool", "jupyter"], ["applied-scientist"], id="jupyter-notebook"),
        pytest.param(
            ["--group", "ml-adjacent"],
            ["site-reliability-engineer", "annotation-lead"],
            id="group",
        ),
        pytest.param(
            ["--tool", "sql", "--tool", "jax", "--group", "core-ml"],
            ["applied-scientist"],
            id="and",
        ),
    ],
)
def test_filters_work_on_a_custom_catalog(
    platform: Path, args: list[str], expected: list[str]
) -> None:
    code, out, err = invoke("--data", str(platform), "list", *args, "--json")
    assert (code, err) == (0, "")
    assert [item["id"] for item in json.loads(out)] == expected


def test_a_group_with_no_role_in_a_custom_catalog_is_exit_1(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "one.yaml", [role("solo", "Solo", group="core-ml")])
    code, out, err = invoke("--data", str(catalog), "list", "--group", "business-analytics")
    assert (code, out) == (1, "")
    assert err == "mlroles: no role in group 'business-analytics'\n"


# --- the installed command -----------------------------------------------------------------


def test_installed_list_filters_in_a_pipe(tmp_path: Path) -> None:
    done = run("list", "--tool", "Kafka", "--group", "ml-adjacent")
    assert done.returncode == 0, done.stderr
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [
        "devops-engineer",
        "data-engineer",
    ]
    assert "\x1b" not in done.stdout

    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    done = run("--data", str(catalog), "list", "--tool", "kubernetes", "--json")
    assert done.returncode == 0, done.stderr
    assert [item["id"] for item in json.loads(done.stdout)] == ["site-reliability-engineer"]

    done = run("list", "--group", "nope")
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
    assert "(groups: ml-adjacent, core-ml, business-analytics)" in done.stderr


def test_installed_list_filters_the_table_on_a_terminal() -> None:
    code, screen = run_in_terminal("list", "--tool", "jupyter", columns=100)
    text = ANSI.sub("", screen)
    assert code == 0
    assert "\x1b[" in screen  # a real terminal: the table is styled
    assert "ml-researcher" in text
    assert "data-scientist" in text
    for other in ("devops-engineer", "data-engineer", "ml-product-manager", "ml-engineer "):
        assert other not in text


def test_installed_list_on_a_terminal_with_no_role_left_prints_no_empty_table() -> None:
    code, screen = run_in_terminal("list", "--tool", "k8s", columns=100)
    assert code == 1
    assert ANSI.sub("", screen).strip() == "mlroles: no role uses 'k8s'"
