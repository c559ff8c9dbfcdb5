"""--format table|plain|json|yaml|markdown on every read command, and the registry behind it."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog, validate
from mlroles.catalog.models import Role
from mlroles.cli.entry import app
from mlroles.queries.outcome import Outcome
from mlroles.render import registry
from mlroles.render.env import Environment

COMMANDS = [
    pytest.param(["list"], id="list"),
    pytest.param(["show", "mle"], id="show"),
    pytest.param(["compare", "mle", "de", "devops"], id="compare"),
]
FORMATS = [pytest.param(f.value, id=f.value) for f in registry.Format]
ESCAPE = "\x1b"


def run(args: list[str], **env: str) -> Any:
    result = CliRunner().invoke(app, args, env=env or None)
    return result


def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    return data


def catalog_file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def awkward_catalog(tmp_path: Path) -> Path:
    """The bundled catalog with text that plain and markdown output must not be broken by."""
    data = bundled_data()
    first = data["roles"][0]
    first["summary"] = "Pipes | and *stars* and a\ttab and\nnew lines and <b>tags</b> and `ticks`"
    first["responsibilities"][0] = "# not a heading"
    first["tools"] = ["A|B", "C_D"]
    return catalog_file(tmp_path, data)


# --- every command, every format ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS)
def test_every_read_command_writes_every_format(args: list[str], fmt: str) -> None:
    result = run([*args, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    assert ESCAPE not in result.stdout  # not a terminal


@pytest.mark.parametrize("args", COMMANDS)
def test_json_flag_and_format_json_are_the_same(args: list[str]) -> None:
    short, long = run([*args, "--json"]), run([*args, "--format", "json"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    json.loads(short.stdout)


@pytest.mark.parametrize("args", COMMANDS)
def test_yaml_is_the_same_data_as_json(args: list[str]) -> None:
    as_yaml = yaml.safe_load(run([*args, "--format", "yaml"]).stdout)
    assert as_yaml == json.loads(run([*args, "--json"]).stdout)


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize(
    "flags",
    [
        pytest.param(["--json", "--format", "yaml"], id="json-then-yaml"),
        pytest.param(["--format", "table", "--json"], id="table-then-json"),
        pytest.param(["--json", "--format", "plain"], id="json-then-plain"),
    ],
)
def test_json_with_another_format_is_a_usage_error(args: list[str], flags: list[str]) -> None:
    result = run([*args, *flags])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--json" in result.stderr and "--format" in result.stderr


def test_json_with_format_json_is_fine() -> None:
    result = run(["list", "--json", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "ml-product-manager"


def test_format_names_are_case_insensitive() -> None:
    assert run(["show", "mle", "--format", "JSON"]).stdout == run(["show", "mle", "--json"]).stdout


def test_an_unknown_format_is_a_usage_error_that_names_the_choices() -> None:
    result = run(["show", "mle", "--format", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "markdown" in result.stderr


# --- defaults in a pipe ------------------------------------------------------------------------


def test_list_in_a_pipe_is_plain_by_default() -> None:
    default, plain = run(["list"]), run(["list", "--format", "plain"])
    assert default.stdout == plain.stdout
    catalog = load_catalog(bundled_path())
    assert [line.split("\t")[0] for line in default.stdout.splitlines()] == [
        role.id for role in catalog.roles
    ]


@pytest.mark.parametrize("args", COMMANDS[1:])
def test_show_and_compare_in_a_pipe_are_tables_by_default(args: list[str]) -> None:
    assert run(args).stdout == run([*args, "--format", "table"]).stdout


def test_list_as_a_table_in_a_pipe_has_a_header_and_no_trailing_blanks() -> None:
    out = run(["list", "--format", "table"]).stdout
    assert re.search(r"^\s*role\s+summary$", out, re.MULTILINE)  # COLUMNS=100: two columns
    assert all(line == line.rstrip() for line in out.splitlines())


# --- yaml --------------------------------------------------------------------------------------


def test_list_as_yaml_wrapped_in_a_catalog_validates_and_loads_back(tmp_path: Path) -> None:
    roles = yaml.safe_load(run(["list", "--format", "yaml"]).stdout)
    catalog = validate({"version": 1, "roles": roles}, "", "list.yaml")
    assert catalog.roles == load_catalog(bundled_path()).roles
    path = catalog_file(tmp_path, {"version": 1, "roles": roles})
    again = run(["--data", str(path), "list", "--format", "yaml"])
    assert yaml.safe_load(again.stdout) == roles


def test_show_as_yaml_has_the_catalogs_keys_in_the_catalogs_order() -> None:
    keys = list(yaml.safe_load(run(["show", "devops", "--format", "yaml"]).stdout))
    assert keys == list(Role.model_fields)


def test_yaml_keeps_non_ascii_text_as_it_is(tmp_path: Path) -> None:
    data = bundled_data()
    data["roles"][0]["title"] = "Ingénieure produit ML"
    out = run(["--data", str(catalog_file(tmp_path, data)), "show", "pm", "--format", "yaml"])
    assert "title: Ingénieure produit ML" in out.stdout


# --- plain -------------------------------------------------------------------------------------


def test_show_plain_is_one_field_and_value_a_line() -> None:
    out = run(["show", "data-scientist", "--format", "plain"]).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) >= 2 for row in rows)
    assert {row[0].split(".")[0] for row in rows} <= {*Role.model_fields, "closest"}
    role = load_catalog(bundled_path()).roles[-1]
    assert [row[1] for row in rows if row[0] == "tools"] == role.tools
    assert ["skills.communication", str(role.skills["communication"])] in rows
    sources = [row[1:] for row in rows if row[0] == "sources"]
    assert sources == [[s.title, str(s.url)] for s in role.sources]


def test_compare_plain_is_a_field_then_a_cell_per_role() -> None:
    out = run(["compare", "mle", "de", "devops", "--format", "plain"]).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 4 for row in rows)
    assert rows[0] == ["id", "ml-engineer", "data-engineer", "devops-engineer"]
    tools = next(row for row in rows if row[0] == "tools")
    assert tools[1:] == ["TensorFlow,Docker", "Hadoop,Kafka,Airflow", "AWS,GCP,Kafka"]


@pytest.mark.parametrize(
    ("args", "cells"),
    [
        pytest.param(["list"], 4, id="list"),
        pytest.param(["compare", "pm", "mle"], 3, id="compare"),
    ],
)
def test_plain_keeps_one_record_a_line_whatever_the_text(
    tmp_path: Path, args: list[str], cells: int
) -> None:
    result = run(["--data", str(awkward_catalog(tmp_path)), *args, "--format", "plain"])
    assert result.exit_code == 0, result.stderr
    assert all(line.count("\t") == cells - 1 for line in result.stdout.splitlines())


# --- markdown ----------------------------------------------------------------------------------


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of a GitHub-flavoured table, split on unescaped pipes."""
    rows = []
    for line in markdown.splitlines():
        assert line.startswith("| ") and line.endswith(" |"), line
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])])
    return rows


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        pytest.param(["list"], 4, id="list"),
        pytest.param(["compare", "pm", "mle"], 3, id="compare-two"),
        pytest.param(["compare", "pm", "mle", "researcher", "ds"], 5, id="compare-four"),
    ],
)
def test_markdown_tables_have_a_cell_per_column_even_with_pipes_in_the_text(
    tmp_path: Path, args: list[str], columns: int
) -> None:
    result = run(["--data", str(awkward_catalog(tmp_path)), *args, "--format", "markdown"])
    rows = table_rows(result.stdout)
    assert all(len(row) == columns for row in rows)
    assert set(rows[1]) == {"---"}
    assert "Pipes \\| and \\*stars\\*" in result.stdout
    assert "\\<b\\>tags\\</b\\>" in result.stdout


def test_list_markdown_has_a_row_per_role() -> None:
    rows = table_rows(run(["list", "--format", "markdown"]).stdout)
    assert rows[0] == ["id", "title", "aliases", "summary"]
    ids = [role.id for role in load_catalog(bundled_path()).roles]
    assert [row[0] for row in rows[2:]] == [f"`{role_id}`" for role_id in ids]


def test_compare_markdown_puts_each_list_item_on_its_own_line_in_the_cell() -> None:
    rows = table_rows(run(["compare", "de", "devops", "mle", "--format", "markdown"]).stdout)
    tools = next(row for row in rows if row[0] == "tools")
    assert tools[1] == "Hadoop<br>Kafka (also devops-engineer)<br>Airflow"


def test_show_markdown_is_a_document() -> None:
    out = run(["show", "mle", "--format", "markdown"]).stdout
    role = load_catalog(bundled_path()).roles[3]
    assert out.startswith(f"# {role.title}\n")
    headings = re.findall(r"^## (.+)$", out, re.MULTILINE)
    assert headings[0] == "Responsibilities"
    assert headings[-1] == "Sources"
    for item in role.responsibilities:
        assert f"\n- {item}\n" in out
    for n, source in enumerate(role.sources, 1):
        assert f"{n}. [{source.title}]({source.url})" in out
    assert "## Skills (inferred)" in out


def test_show_markdown_cannot_be_turned_into_other_blocks_by_the_text(tmp_path: Path) -> None:
    out = run(["--data", str(awkward_catalog(tmp_path)), "show", "pm", "--format", "markdown"])
    assert "\n- \\# not a heading\n" in out.stdout
    assert "A\\|B, C_D" in out.stdout


def test_search_markdown_is_a_table_of_roles_and_where_they_matched(tmp_path: Path) -> None:
    rows = table_rows(run(["search", "kafka", "--format", "markdown"]).stdout)
    assert rows == [
        ["kind", "id", "title", "score", "matched in"],
        ["---"] * 5,
        ["role", "`devops-engineer`", "DevOps Engineer", "30", "tools: Kafka"],
        ["role", "`data-engineer`", "Data Engineer", "30", "tools: Kafka"],
    ]
    awkward = ["--data", str(awkward_catalog(tmp_path))]
    rows = table_rows(run([*awkward, "search", "pipes", "--format", "markdown"]).stdout)
    assert all(len(row) == 5 for row in rows)
    assert rows[2][4].startswith("summary: Pipes \\| and \\*stars\\* and a tab and new lines")
    rows = table_rows(run([*awkward, "search", "devops", "--format", "markdown"]).stdout)
    assert rows[2][4].split("<br>")[:2] == ["id: devops-engineer", "title: DevOps Engineer"]


def test_match_markdown_is_a_ranked_table_of_what_you_have_and_lack(tmp_path: Path) -> None:
    out = run(["match", "--have", "docker", "--skills", "se=0.2", "--format", "markdown"]).stdout
    rows = table_rows(out)
    assert rows[0] == ["#", "id", "title", "score", "you have", "missing"]
    assert [row[0] for row in rows[2:]] == ["1", "2", "3", "4", "5", "6"]
    assert rows[2][1:] == [
        "`ml-engineer`",
        "ML Engineer",
        "0.57",
        "Docker",
        "TensorFlow<br>more software engineering (0.56)",
    ]
    assert ["-", "Jira"] in [row[4:] for row in rows]
    assert "{" not in out
    awkward = ["--data", str(awkward_catalog(tmp_path))]
    rows = table_rows(run([*awkward, "match", "--have", "a|b", "--format", "markdown"]).stdout)
    assert all(len(row) == 6 for row in rows)
    assert rows[2][4:] == ["A\\|B", "C_D"]


# --- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matches(Outcome):
    """A result type the commands do not know: what a new command would bring."""

    rows: list[dict[str, Any]]

    def to_data(self) -> list[dict[str, Any]]:
        return self.rows


def draw_matches(result: Matches, env: Environment) -> Any:
    from rich.table import Table

    table = Table("role", "score")
    for row in result.rows:
        table.add_row(row["role"], str(row["score"]))
    return table


MATCHES = Matches([{"role": "ml-engineer", "score": 0.9, "why": ["TensorFlow", "Docker"]}])


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_VIEWS", dict(registry._VIEWS))
    registry.register(Matches, registry.Views(table=draw_matches))


def injected() -> tuple[Environment, io.StringIO, io.StringIO]:
    """An environment of the test's own: what the entry would make from the process."""
    out, err = io.StringIO(), io.StringIO()
    return Environment(stdout=out, stderr=err, width=100), out, err


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        pytest.param(registry.Format.PLAIN, "ml-engineer\t0.9\tTensorFlow,Docker\n", id="plain"),
        pytest.param(
            registry.Format.MARKDOWN,
            "| role | score | why |\n"
            "| --- | --- | --- |\n"
            "| ml-engineer | 0.9 | TensorFlow,Docker |\n",
            id="markdown",
        ),
        pytest.param(registry.Format.JSON, json.dumps(MATCHES.rows, indent=2) + "\n", id="json"),
        pytest.param(
            registry.Format.YAML, yaml.safe_dump(MATCHES.rows, sort_keys=False), id="yaml"
        ),
    ],
)
def test_a_new_result_type_gets_every_format_from_to_data_and_a_table(
    registered: None, fmt: registry.Format, want: str
) -> None:
    env, out, err = injected()
    assert registry.write(env, MATCHES, fmt) == 0
    assert (out.getvalue(), err.getvalue()) == (want, "")


def test_a_new_result_type_draws_its_table(registered: None) -> None:
    env, out, _ = injected()
    registry.write(env, MATCHES, registry.Format.TABLE)
    assert re.search(r"role\s+.*score", out.getvalue())
    assert "ml-engineer" in out.getvalue()


def test_an_unregistered_result_type_is_a_programming_error() -> None:
    # JSON and YAML are dumps of to_data() and need no views; every other format does.
    with pytest.raises(TypeError, match="Matches"):
        registry.write(injected()[0], MATCHES, registry.Format.TABLE)


def test_choosing_a_format_loads_neither_yaml_nor_rich() -> None:
    """cli.py imports the format machinery at start-up; the heavy parts wait for their format."""
    code = (
        "import sys, mlroles.render.registry, mlroles.cli.entry;"
        "print(sorted(m for m in ('yaml', 'rich', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip() == "[]"


def test_the_formats_module_leaves_yaml_until_yaml_is_asked_for() -> None:
    code = (
        "import sys, mlroles.render.text as f; print('yaml' in sys.modules);"
        "f.to_yaml({'a': 1}); print('yaml' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["search", "kafka"], id="search"),
        pytest.param(["match", "--have", "kafka,docker"], id="match"),
        pytest.param(["map"], id="map"),
    ],
)
def test_discovery_commands_take_every_format(args: list[str]) -> None:
    import yaml

    runner = CliRunner()
    outputs = {}
    for fmt in ("table", "plain", "json", "yaml", "markdown"):
        result = runner.invoke(app, [*args, "--format", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip(), fmt
        outputs[fmt] = result.stdout
    assert yaml.safe_load(outputs["yaml"]) == json.loads(outputs["json"])
    assert outputs["markdown"].lstrip().startswith("|")
    assert "\x1b[" not in outputs["plain"]
    assert runner.invoke(app, [*args, "--json"]).stdout == outputs["json"]
