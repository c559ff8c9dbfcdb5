"""The core commands (list, show, compare, --version) through typer's CliRunner.

Every test reads the exit code, stdout and stderr apart: data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mlroles.catalog import models
from mlroles.catalog.entries import Role, to_data
from mlroles.catalog.load import bundled_path, load_catalog, validate
from mlroles.cli.entry import app
from mlroles.errors import ExitCode, RoleNotFound, UsageProblem
from mlroles.queries.names import canonical, find_role
from mlroles.queries.schema import catalog_schema

CATALOG = load_catalog(bundled_path())
IDS = [role.id for role in CATALOG.roles]
BY_ID = {role.id: role for role in CATALOG.roles}

#: The keys of a role object in the JSON, which are exactly the keys a catalog file may hold.
ROLE_KEYS = [
    "id",
    "title",
    "aliases",
    "summary",
    "responsibilities",
    "work_product",
    "tools",
    "background",
    "skills",
    "group",
    "works_with",
    "sources",
    "inferred",
]

ESCAPE = "\x1b"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def write_catalog(path: Path, roles: list[dict[str, Any]]) -> Path:
    path.write_text(
        json.dumps({"version": 1, "roles": roles}, ensure_ascii=False), encoding="utf-8"
    )
    return path


def minimal_role(role_id: str, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": role_id,
        "title": title,
        "summary": "A role.",
        "responsibilities": ["Work"],
        "work_product": ["Things"],
        "background": "Any.",
        "skills": {"machine_learning": 0.5, "software_engineering": 0.5, "communication": 0.5},
        "group": "core-ml",
        "sources": [{"title": "A source", "url": "https://example.com/roles"}],
        **extra,
    }


# --- resolving names ---------------------------------------------------------------------------

ISSUE_ALIASES = [
    ("ml-product-manager", "pm"),
    ("ml-product-manager", "ml-pm"),
    ("ml-product-manager", "product-manager"),
    ("devops-engineer", "devops"),
    ("devops-engineer", "mlops"),
    ("data-engineer", "de"),
    ("ml-engineer", "mle"),
    ("ml-researcher", "researcher"),
    ("ml-researcher", "ml-scientist"),
    ("data-scientist", "ds"),
]

RESOLVES = [
    pytest.param("ML Engineer", "ml-engineer", id="title-with-space"),
    pytest.param("Data_Scientist", "data-scientist", id="underscore"),
    pytest.param("DEVOPS", "devops-engineer", id="upper-case-alias"),
    pytest.param(
        "Machine Learning Product Manager", "ml-product-manager", id="machine-learning-spelled-out"
    ),
    pytest.param("  ml  engineer  ", "ml-engineer", id="extra-blanks"),
    pytest.param("ML_Researcher", "ml-researcher", id="title-underscore"),
    pytest.param("Machine-Learning-Engineer", "ml-engineer", id="spelled-out-hyphens"),
    *(pytest.param(alias, role_id, id=f"alias-{alias}") for role_id, alias in ISSUE_ALIASES),
    *(pytest.param(role_id, role_id, id=f"id-{role_id}") for role_id in IDS),
    *(pytest.param(BY_ID[r].title, r, id=f"title-{r}") for r in IDS),
]


@pytest.mark.parametrize(("name", "expected"), RESOLVES)
def test_show_resolves_a_name_to_its_role(name: str, expected: str) -> None:
    result = run("show", name, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["id"] == expected


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("devop", id="prefix-of-alias"),
        pytest.param("data", id="prefix-of-two-ids"),
        pytest.param("ml", id="prefix-of-many"),
        pytest.param("data-sci", id="prefix-of-id"),
        pytest.param("research", id="prefix-of-researcher"),
        pytest.param("ML Product", id="prefix-of-title"),
        pytest.param("engineer", id="suffix-of-titles"),
    ],
)
def test_no_prefix_guessing(name: str) -> None:
    result = run("show", name)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert f"no role named {name!r}" in result.stderr


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        pytest.param("devop", "devops", id="missing-letter"),
        pytest.param("ML Enginer", "ml-engineer", id="typo-in-title"),
        pytest.param("data-scienist", "data-scientist", id="typo-in-id"),
        pytest.param("reseacher", "researcher", id="typo-in-alias"),
    ],
)
def test_unknown_name_says_what_was_not_found_and_suggests(name: str, suggestion: str) -> None:
    result = run("show", name)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"mlroles: no role named {name!r}; did you mean ")
    assert repr(suggestion) in lines[0]


def test_unknown_name_with_nothing_close_points_to_list() -> None:
    result = run("show", "xyzzy")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert result.stderr == "mlroles: no role named 'xyzzy' (see 'mlroles list')\n"


def test_an_id_wins_over_another_roles_title(tmp_path: Path) -> None:
    catalog = write_catalog(
        tmp_path / "roles.json",
        [minimal_role("first", "Second"), minimal_role("second", "Another")],
    )
    result = run("--data", str(catalog), "show", "second", "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["id"] == "second"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Machine Learning Product Manager", "ml-product-manager", id="words"),
        pytest.param("machine_learning", "ml", id="alone"),
        pytest.param("machine-learningx", "machine-learningx", id="not-inside-a-word"),
        pytest.param("xmachine learning", "xmachine-learning", id="not-after-a-letter"),
        pytest.param(" -Data__Scientist- ", "data-scientist", id="outer-separators"),
    ],
)
def test_canonical_form(name: str, expected: str) -> None:
    assert canonical(name) == expected


def _respell(name: str, data: st.DataObject) -> str:
    """`name` with random letter case and random separators (space, underscore, hyphen)."""
    out = []
    for char in name:
        if char in " _-":
            out.append(data.draw(st.sampled_from([" ", "_", "-", "  ", " - "])))
        else:
            out.append(char.upper() if data.draw(st.booleans()) else char.lower())
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(role=st.sampled_from(CATALOG.roles), data=st.data())
def test_case_and_separators_never_change_the_answer(role: Role, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([role.id, *role.aliases, role.title]))
    assert find_role(CATALOG, _respell(name, data)).id == role.id


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=40))
def test_any_name_gives_a_role_or_a_clean_not_found(name: str) -> None:
    try:
        role = find_role(CATALOG, name)
    except UsageProblem:
        assert canonical(name) == ""  # only a name with nothing in it is a usage error
    except RoleNotFound as exc:
        assert exc.exit_code == ExitCode.NOT_FOUND
        assert all(
            s in {n for r in CATALOG.roles for n in (r.id, *r.aliases)} for s in exc.suggestions
        )
    else:
        assert role in CATALOG.roles


# --- list --------------------------------------------------------------------------------------


def test_list_in_a_pipe_is_one_tab_separated_line_per_role_id_first() -> None:
    result = run("list")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    assert ESCAPE not in result.stdout
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == IDS
    for line, role in zip(lines, CATALOG.roles, strict=True):
        assert line.split("\t") == [role.id, role.title, ",".join(role.aliases), role.summary]


def test_list_json_is_an_array_of_role_objects_that_form_a_valid_catalog() -> None:
    result = run("list", "--json")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    roles = json.loads(result.stdout)
    assert isinstance(roles, list)
    assert [list(role) for role in roles] == [ROLE_KEYS] * len(IDS)
    # As a version 1 file, they make the catalog whose groups and skills are the course's.
    rebuilt = validate({"version": 1, "roles": roles}, "", "list.json")
    assert rebuilt.roles == CATALOG.roles
    assert (rebuilt.groups, rebuilt.skills) == (CATALOG.groups, CATALOG.skills)


def test_list_json_validates_against_the_catalog_json_schema() -> None:
    import jsonschema

    roles = json.loads(run("list", "--json").stdout)
    jsonschema.validate({"version": 1, "roles": roles}, catalog_schema())


def test_role_keys_are_the_model_fields() -> None:
    assert list(models.Role.model_fields) == ROLE_KEYS == list(Role._fields)


# --- show --------------------------------------------------------------------------------------


def test_show_json_is_one_role_object() -> None:
    result = run("show", "devops", "--json")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ROLE_KEYS
    assert models.Role.model_validate(data).model_dump(mode="json") == data
    assert data == to_data(BY_ID["devops-engineer"])


@pytest.mark.parametrize("role_id", IDS)
def test_show_prints_every_field_with_sources_last(role_id: str) -> None:
    result = run("show", role_id)
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    out = result.stdout
    assert ESCAPE not in out
    role = BY_ID[role_id]
    assert out.splitlines()[0].split() == [*role.title.split(), role.id]
    labels = [
        "Summary",
        "Aliases",
        "Group",
        "Responsibilities",
        "Work product",
        "Tools",
        "Background",
        "Skills",
        "Works with",
        "Sources",
    ]
    positions = [out.index(label) for label in labels]
    assert positions == sorted(positions), "fields are out of order"
    for tool in role.tools:
        assert tool in out
    for value in role.skills.values():
        assert f"{value:.2f}" in out
    assert "█" in out  # skills drawn as bars
    # Sources last: after the "Sources" heading come only the sources.
    tail = out[out.index("\nSources\n") :]
    for source in role.sources:
        assert str(source.url) in tail


def test_show_marks_inferred_fields() -> None:
    out = run("show", "devops").stdout
    assert "Work product *" in out
    assert "Skills *" in out
    assert "Inferred *" in out
    assert "Tools *" not in out


def test_show_puts_each_url_on_its_own_line_whole_where_it_fits() -> None:
    result = run("show", "mle", env={"COLUMNS": "100"})
    assert result.exit_code == ExitCode.OK
    lines = [line.strip() for line in result.stdout.splitlines()]
    for source in BY_ID["ml-engineer"].sources:
        assert str(source.url) in lines


def test_show_folds_urls_on_a_narrow_terminal_without_losing_them() -> None:
    result = run("show", "mle", env={"COLUMNS": "40"})
    assert result.exit_code == ExitCode.OK
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    joined = "".join(line.strip() for line in result.stdout.splitlines())
    for source in BY_ID["ml-engineer"].sources:
        assert str(source.url) in joined


# --- compare -----------------------------------------------------------------------------------


def test_compare_json_shape_and_order() -> None:
    result = run("compare", "researcher", "mle", "--json")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["roles", "tools"]
    assert [role["id"] for role in data["roles"]] == ["ml-researcher", "ml-engineer"]
    assert all(list(role) == ROLE_KEYS for role in data["roles"])
    assert data["tools"] == {
        "shared": ["TensorFlow"],
        "only": {"ml-researcher": ["PyTorch", "Jupyter"], "ml-engineer": ["Docker"]},
    }


@pytest.mark.parametrize(
    ("names", "shared", "only"),
    [
        pytest.param(
            ["de", "devops"],
            ["Kafka"],
            {"data-engineer": ["Hadoop", "Airflow"], "devops-engineer": ["AWS", "GCP"]},
            id="kafka-shared",
        ),
        pytest.param(
            ["pm", "devops"],
            [],
            {"ml-product-manager": ["Jira"], "devops-engineer": ["AWS", "GCP", "Kafka"]},
            id="nothing-shared",
        ),
        pytest.param(
            ["mle", "researcher", "ds"],
            ["TensorFlow"],
            {
                "ml-engineer": ["Docker"],
                "ml-researcher": ["PyTorch"],
                "data-scientist": ["SQL", "Excel", "Pandas", "scikit-learn"],
            },
            id="jupyter-in-two-of-three-is-neither-shared-nor-only",
        ),
    ],
)
def test_compare_json_tools(
    names: list[str], shared: list[str], only: dict[str, list[str]]
) -> None:
    result = run("compare", *names, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["tools"] == {"shared": shared, "only": only}


@pytest.mark.parametrize(("first", "second"), [(a, b) for a in IDS for b in IDS if a < b])
def test_compare_tools_follow_set_logic(first: str, second: str) -> None:
    tools = json.loads(run("compare", first, second, "--json").stdout)["tools"]
    a, b = set(BY_ID[first].tools), set(BY_ID[second].tools)
    assert set(tools["shared"]) == a & b
    assert set(tools["only"][first]) == a - b
    assert set(tools["only"][second]) == b - a


def test_compare_table_has_a_column_per_role_and_marks_shared_tools() -> None:
    result = run("compare", "mle", "researcher", "ds", env={"COLUMNS": "120"})
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    out = result.stdout
    assert ESCAPE not in out
    assert re.search(r"^\s*ML Engineer\s+ML Researcher\s+Data Scientist$", out, re.MULTILINE)
    assert re.search(r"^\s*\(ml-engineer\)\s+\(ml-researcher\)\s+\(data-scientist\)$", out, re.M)
    for label in ["aliases", "summary", "group", "tools", "background", "communication", "sources"]:
        assert re.search(rf"^{label}\b", out, re.MULTILINE), label
    assert out.count("TensorFlow (shared)") == 3
    assert "Docker (shared)" not in out


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(["mle"], id="one"),
        pytest.param(["mle", "ml-engineer"], id="alias-and-id"),
        pytest.param(["ML Engineer", "mle", "MLE"], id="three-spellings"),
    ],
)
def test_compare_needs_two_distinct_roles(names: list[str]) -> None:
    result = run("compare", *names)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "at least two different roles" in result.stderr


def test_compare_with_an_unknown_role_is_not_found() -> None:
    result = run("compare", "mle", "nope", "--json")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert "no role named 'nope'" in result.stderr


# --- usage, version, catalogs ------------------------------------------------------------------


def test_no_arguments_prints_the_help_on_stderr_and_exits_2() -> None:
    result = run()
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: mlroles [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        pytest.param(
            ["compare"],
            "mlroles compare: missing argument 'ROLE...' (see 'mlroles compare --help')",
            id="compare-without-roles",
        ),
        pytest.param(
            ["show"],
            "mlroles show: missing argument 'ROLE' (see 'mlroles show --help')",
            id="show-without-role",
        ),
        pytest.param(
            ["lst"],
            "mlroles: no such command 'lst'. Did you mean 'list'? (see 'mlroles --help')",
            id="unknown-command",
        ),
        pytest.param(
            ["list", "--yaml"],
            "mlroles list: no such option: --yaml (see 'mlroles list --help')",
            id="unknown-option",
        ),
        pytest.param(
            ["show", "mle", "researcher"],
            "mlroles show: got unexpected extra argument(s) (researcher); to give a name of"
            " several words, quote it: mlroles show 'mle researcher' (see 'mlroles show --help')",
            id="extra-argument",
        ),
    ],
)
def test_usage_errors_are_one_line_exit_2_with_nothing_on_stdout(
    args: list[str], line: str
) -> None:
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == line + "\n"


def test_version_matches_the_package_metadata() -> None:
    result = run("--version")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"mlroles {version('mlroles')}\n"
    assert result.stderr == ""


@pytest.mark.parametrize("via", ["option", "environment"])
def test_an_invalid_catalog_exits_3_naming_file_and_field(tmp_path: Path, via: str) -> None:
    bad = minimal_role("solo", "Solo")
    bad["skills"]["communication"] = 3
    path = write_catalog(tmp_path / "bad.json", [bad])
    if via == "option":
        result = run("--data", str(path), "list")
    else:
        result = run("list", env={"MLROLES_DATA": str(path)})
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stdout == ""
    assert str(path) in result.stderr
    assert "roles[0].skills.communication" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_catalog_exits_3(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run("--data", str(missing), "show", "mle")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stdout == ""
    assert result.stderr == f"{missing}: no such file\n"


def test_a_stdout_that_cannot_take_unicode_gets_no_traceback(tmp_path: Path) -> None:
    runner = CliRunner(charset="latin-1")
    shown = runner.invoke(app, ["show", "mle"])
    assert shown.exit_code == ExitCode.OK, shown.stderr
    assert shown.stderr == ""
    assert "- Train prediction models" in shown.stdout  # the bullet, in ASCII: not "*" (inferred)
    catalog = write_catalog(tmp_path / "roles.json", [minimal_role("cafe", "Café • 😀")])
    as_json = runner.invoke(app, ["--data", str(catalog), "show", "cafe", "--json"])
    assert as_json.exit_code == ExitCode.OK, as_json.stderr
    assert json.loads(as_json.stdout)["title"] == "Café • 😀"


def test_an_empty_data_path_is_a_usage_error() -> None:
    result = run("--data", "", "list")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == (
        "mlroles list: --data needs the path of a catalog file (got an empty one)"
        " (see 'mlroles list --help')\n"
    )


@pytest.mark.parametrize(
    "how", [pytest.param("option", id="option"), pytest.param("env", id="env")]
)
def test_a_tilde_in_the_catalog_path_is_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "team.yaml").write_bytes(bundled_path().read_bytes())
    if how == "option":
        result = run("--data=~/team.yaml", "show", "mle", "--json")
    else:
        result = run("show", "mle", "--json", env={"MLROLES_DATA": "~/team.yaml"})
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(result.stdout)["id"] == "ml-engineer"


def test_map_table_keeps_the_width_asked_for_on_a_narrower_terminal() -> None:
    table = run("map", "--width", "120", "--format", "table", env={"COLUMNS": "80"})
    plain = run("map", "--width", "120", "--format", "plain", env={"COLUMNS": "80"})
    assert table.exit_code == plain.exit_code == ExitCode.OK
    assert table.stdout == plain.stdout
    assert max(len(line) for line in table.stdout.splitlines()) == 120


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["show", "nosuch", "--json", "--format", "yaml"], id="format-before-role"),
        pytest.param(
            ["--data", "/nope.yaml", "list", "--json", "--format", "yaml"], id="before-data"
        ),
        pytest.param(["map", "--json", "--width", "5"], id="map-width-with-json"),
    ],
)
def test_usage_errors_come_before_any_work(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("suggestions", "tail"),
    [
        pytest.param([], " (see 'mlroles list')", id="none"),
        pytest.param(["de"], "; did you mean 'de'?", id="one"),
        pytest.param(["de", "ds"], "; did you mean 'de' or 'ds'?", id="two"),
        pytest.param(["de", "ds", "mle"], "; did you mean 'de', 'ds' or 'mle'?", id="three"),
    ],
)
def test_suggestions_read_as_a_sentence(suggestions: list[str], tail: str) -> None:
    from mlroles.errors import RoleNotFound

    assert str(RoleNotFound("x", suggestions)) == "no role named 'x'" + tail


@pytest.mark.parametrize("columns", ["0", "5"])
def test_a_tiny_or_zero_terminal_width_still_shows_every_word(columns: str) -> None:
    result = run("show", "mle", env={"COLUMNS": columns})
    assert result.exit_code == ExitCode.OK
    joined = "".join(result.stdout.split())
    for word in BY_ID["ml-engineer"].summary.split():
        assert word.strip(".,:;") in joined


def test_skills_given_in_two_options_count_together() -> None:
    both = run(
        "match", "--skills", "machine_learning=0.9", "--skills", "communication=0.2", "--json"
    )
    one = run("match", "--skills", "machine_learning=0.9,communication=0.2", "--json")
    assert both.exit_code == one.exit_code == ExitCode.OK, both.stderr
    assert json.loads(both.stdout) == json.loads(one.stdout)
    twice = run("match", "--skills", "machine_learning=0.9", "--skills", "machine_learning=0.2")
    assert twice.exit_code == ExitCode.USAGE
    assert "machine_learning is given twice" in twice.stderr


def test_bars_and_bullets_fall_back_to_ascii_where_stdout_cannot_write_them(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "mlroles", "show", "mle"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"},
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert b"?" not in done.stdout.replace(b"?)", b"")
    assert b"- Train prediction models" in done.stdout
    assert b"#######--- 0.70" in done.stdout


@pytest.mark.parametrize("name", ["", "  ", "_-_"])
def test_an_empty_role_name_is_a_usage_error(name: str) -> None:
    result = run("show", name)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("mlroles show: a role name is needed")


def test_main_returns_the_exit_code_and_lets_the_caller_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mlroles.cli.entry import main

    assert main(["show", "no-such-role"]) == ExitCode.NOT_FOUND
    assert main(["show", "devops", "--json"]) == ExitCode.OK
    captured = capsys.readouterr()
    assert captured.err.startswith("mlroles: no role named 'no-such-role'")
    assert json.loads(captured.out)["id"] == "devops-engineer"


def test_main_writes_into_the_environment_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    """The streams are read once, at the entry: a caller (a test) hands in its own."""
    import io

    from mlroles.cli.entry import main
    from mlroles.render.env import Environment

    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdout=out, stderr=err, width=60, encoding="ascii")
    assert main(["show", "mle", "--format", "table"], env=env) == ExitCode.OK
    assert main(["match", "--have", "fortran", "--json"], env=env) == ExitCode.OK
    assert main(["search", "zzzz"], env=env) == ExitCode.NOT_FOUND
    assert capsys.readouterr() == ("", "")  # nothing went to the process's own streams
    shown = out.getvalue()
    assert "- Train prediction models" in shown  # ASCII: the bullet falls back
    assert max(len(line) for line in shown.splitlines()) <= 60
    assert err.getvalue().splitlines() == [
        "mlroles: no role in the catalog lists fortran; it counts for nothing",
        "mlroles: nothing in the catalog matches 'zzzz'",
    ]
