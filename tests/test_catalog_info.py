"""`mlroles groups` and `mlroles tools`, in every format of the read commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.queries.catalog_info import tool_index

BUNDLED = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def catalog_with_tools(tmp_path: Path, tools: list[list[str]]) -> str:
    """The bundled catalog with the tools of its first roles replaced, one list per role."""
    data = json.loads(json.dumps(BUNDLED))
    for role in data["roles"]:
        role["tools"] = []
    for role, names in zip(data["roles"], tools, strict=False):
        role["tools"] = names
    path = tmp_path / "tools.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def ids(n: int) -> list[str]:
    return [role["id"] for role in BUNDLED["roles"][:n]]


# --- tools -----------------------------------------------------------------------------------


def test_tools_json_has_every_bundled_tool_once_with_its_roles() -> None:
    result = run("tools", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(list(item) == ["name", "roles"] for item in data)
    expected: dict[str, list[str]] = {}
    for role in BUNDLED["roles"]:
        for tool in role["tools"]:
            expected.setdefault(tool.casefold(), []).append(role["id"])
    assert {item["name"].casefold(): item["roles"] for item in data} == expected
    names = [item["name"] for item in data]
    assert names == sorted(names, key=str.casefold)


def test_spellings_of_one_tool_are_one_entry_under_the_first_spelling(tmp_path: Path) -> None:
    path = catalog_with_tools(
        tmp_path,
        [["sklearn", "k8s"], ["Kubernetes"], ["Scikit-Learn", "scikit_learn", "Zed"], ["zed"]],
    )
    result = run("--data", path, "tools", "--json")
    assert result.exit_code == 0, result.stderr
    first, second, third, fourth = ids(4)
    assert json.loads(result.stdout) == [
        {"name": "k8s", "roles": [first, second]},
        {"name": "sklearn", "roles": [first, third]},
        {"name": "Zed", "roles": [third, fourth]},
    ]


def test_a_catalog_whose_roles_name_no_tool_finds_nothing(tmp_path: Path) -> None:
    path = catalog_with_tools(tmp_path, [])
    result = run("--data", path, "tools")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "mlroles: no role in the catalog names a tool\n"
    as_json = run("--data", path, "tools", "--json")
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (1, [])


def test_tools_plain_is_one_tab_separated_line_per_tool() -> None:
    result = run("tools")  # not a terminal: plain
    assert result.exit_code == 0
    index = tool_index(load_catalog(bundled_path()))
    assert result.stdout.splitlines() == [
        f"{tool.name}\t{','.join(tool.roles)}" for tool in index.tools
    ]
    assert run("tools", "--format", "plain").stdout == result.stdout


@pytest.mark.parametrize(
    "fmt", [pytest.param("table", id="table"), pytest.param("markdown", id="markdown")]
)
def test_tools_table_and_markdown_name_every_tool_and_role(fmt: str) -> None:
    result = run("tools", "--format", fmt)
    assert result.exit_code == 0
    for item in json.loads(run("tools", "--json").stdout):
        line = next(line for line in result.stdout.splitlines() if f" {item['name']} " in line)
        for role in item["roles"]:
            assert role in line


def test_tools_markdown_is_a_table() -> None:
    lines = run("tools", "--format", "markdown").stdout.splitlines()
    assert lines[:2] == ["| tool | roles |", "| --- | --- |"]
    assert "| Kafka | `devops-engineer`, `data-engineer` |" in lines


def test_tools_yaml_is_the_json_data() -> None:
    result = run("tools", "--format", "yaml")
    assert yaml.safe_load(result.stdout) == json.loads(run("tools", "--json").stdout)


def test_a_tool_name_with_markup_is_shown_as_text(tmp_path: Path) -> None:
    path = catalog_with_tools(tmp_path, [["[bold red]Dask[/bold red]"]])
    result = run("--data", path, "tools", "--format", "table")
    assert result.exit_code == 0
    assert "[bold red]Dask[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout


# --- groups ----------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def test_groups_json_is_the_bundled_groups_in_catalog_order() -> None:
    result = run("groups", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"id": group["id"], "title": group["title"], "summary": group["summary"]}
        for group in BUNDLED["groups"]
    ]
    assert [group["id"] for group in json.loads(result.stdout)] == [
        "ml-adjacent",
        "core-ml",
        "business-analytics",
    ]


def test_a_catalog_lists_the_groups_it_declares(tmp_path: Path) -> None:
    data = json.loads(json.dumps(BUNDLED))
    data["groups"].append(
        {"id": "analytics", "title": "Analytics", "summary": "The people who [b]count[/b]."}
    )
    data["roles"][-1]["group"] = "analytics"
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("--data", str(path), "groups", "--json")
    assert result.exit_code == 0, result.stderr
    assert [group["id"] for group in json.loads(result.stdout)][-1] == "analytics"
    table = " ".join(run("--data", str(path), "groups", "--format", "table").stdout.split())
    assert "The people who [b]count[/b]." in table  # catalog text, not markup


def test_a_version_1_catalog_has_the_course_groups() -> None:
    result = run("--data", str(EXAMPLES / "two-roles.yaml"), "groups", "--json")
    assert result.exit_code == 0, result.stderr
    assert [group["id"] for group in json.loads(result.stdout)] == [
        "ml-adjacent",
        "core-ml",
        "business-analytics",
    ]


def test_groups_plain_is_one_tab_separated_line_per_group() -> None:
    result = run("groups")  # not a terminal: plain
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "\t".join((group["id"], group["title"], " ".join(group["summary"].split())))
        for group in BUNDLED["groups"]
    ]


@pytest.mark.parametrize(
    "fmt", [pytest.param("table", id="table"), pytest.param("markdown", id="markdown")]
)
@pytest.mark.parametrize(
    "columns", [pytest.param("100", id="wide"), pytest.param("40", id="narrow")]
)
def test_groups_table_and_markdown_name_every_group(
    fmt: str, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run("groups", "--format", fmt)
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for group in BUNDLED["groups"]:
        assert group["id"] in flat and group["title"] in flat
        assert " ".join(group["summary"].split()[:4]) in flat


def test_groups_yaml_is_the_json_data() -> None:
    result = run("groups", "--format", "yaml")
    assert yaml.safe_load(result.stdout) == json.loads(run("groups", "--json").stdout)
