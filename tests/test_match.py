"""`mlroles match --have TOOLS [--skills PROFILE]`: every role ranked by fit, and why."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_catalog import PLATFORM_TEAM, role, run, run_in_terminal, write_catalog
from rich.console import Console
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.errors import UsageProblem
from mlroles.queries.match import match_roles
from mlroles.render.match import explain, match_table

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SKILLS = ("machine_learning", "software_engineering", "communication")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def ranked(*args: str) -> list[dict[str, Any]]:
    code, out, err = invoke("match", *args, "--json")
    assert code == 0, err
    data: list[dict[str, Any]] = json.loads(out)
    return data


@pytest.mark.parametrize(
    ("args", "top"),
    [
        pytest.param(["--have", "docker,tensorflow"], "ml-engineer", id="mle-tools"),
        pytest.param(["--have", "kafka,airflow,hadoop"], "data-engineer", id="de-tools"),
        pytest.param(["--have", "aws", "--have", "gcp"], "devops-engineer", id="repeated-have"),
        pytest.param(["--have", "Jira"], "ml-product-manager", id="pm-tool"),
        pytest.param(["--have", "pytorch,jupyter"], "ml-researcher", id="researcher-tools"),
        pytest.param(["--have", "sql,excel,pandas,sklearn"], "data-scientist", id="ds-tools"),
        pytest.param(["--have", "tf,Jupyter notebooks"], "ml-researcher", id="spellings"),
        pytest.param(["--have", "kafka"], "devops-engineer", id="tie-in-catalog-order"),
        pytest.param(
            ["--skills", "machine_learning=0.1,software_engineering=0.95,communication=0.2"],
            "devops-engineer",
            id="skills-devops",
        ),
        pytest.param(
            ["--skills", "ml=0.3,se=0.1,comm=0.9"], "ml-product-manager", id="skills-short-names"
        ),
        pytest.param(
            ["--skills", "machine-learning=0.95,software engineering=0.3"],
            "ml-researcher",
            id="two-skills",
        ),
        pytest.param(
            ["--have", "kafka", "--skills", "machine_learning=0.3,software_engineering=0.8"],
            "data-engineer",
            id="skills-break-a-tool-tie",
        ),
        pytest.param(
            ["--have", "python,docker,tf", "--skills", "ml=0.8,se=0.6,comm=0.3"],
            "ml-engineer",
            id="issue-example",
        ),
    ],
)
def test_match_ranks_this_role_first(args: list[str], top: str) -> None:
    fits = ranked(*args)
    assert fits[0]["id"] == top
    assert len(fits) == 6


def expected_score(role_data: dict[str, Any], have: list[str], profile: dict[str, float]) -> float:
    """The README's formula, written again independently of the code."""
    aliases = {"sklearn": "scikit-learn", "tf": "tensorflow", "jupyter notebooks": "jupyter"}
    mine = {aliases.get(tool.lower(), tool.lower()) for tool in have}
    tools = [tool.lower() for tool in role_data["tools"]]
    parts = []
    if have:
        parts.append(sum(tool in mine for tool in tools) / len(tools) if tools else 0.0)
    if profile:
        skills = role_data["skills"]
        distance = sum(abs(level - skills[name]) for name, level in profile.items())
        parts.append(1 - distance / len(profile))
    return sum(parts) / len(parts)


@pytest.mark.parametrize(
    ("have", "profile"),
    [
        pytest.param(["docker", "sql"], {}, id="tools"),
        pytest.param(["tf", "sklearn", "jupyter notebooks", "jira"], {}, id="spellings"),
        pytest.param(
            [],
            {"machine_learning": 0.5, "software_engineering": 0.5, "communication": 0.5},
            id="skills",
        ),
        pytest.param(
            ["kafka"],
            {"machine_learning": 0.0, "software_engineering": 1.0, "communication": 0.1},
            id="both",
        ),
    ],
)
def test_scores_follow_the_documented_formula(have: list[str], profile: dict[str, float]) -> None:
    args = ["--have", ",".join(have)] if have else []
    if profile:
        args += ["--skills", ",".join(f"{name}={level}" for name, level in profile.items())]
    fits = ranked(*args)
    roles = {item["id"]: item for item in yaml.safe_load(bundled_path().read_text())["roles"]}
    for fit in fits:
        assert fit["score"] == pytest.approx(
            expected_score(roles[fit["id"]], have, profile), abs=1e-3
        )
    keys = [(-fit["score"], -len(fit["matched"])) for fit in fits]
    assert keys == sorted(keys)


def test_json_says_what_you_have_and_what_is_missing_for_each_role() -> None:
    fits = ranked("--have", "Docker,SQL,python")
    catalog = load_catalog(bundled_path())
    tools = {r.id: r.tools for r in catalog.roles}
    for fit in fits:
        assert {"id", "title", "score", "matched", "missing"} <= set(fit)
        assert 0 <= fit["score"] <= 1
        assert sorted(fit["matched"] + fit["missing"]) == sorted(tools[fit["id"]])
        assert not set(fit["matched"]) & set(fit["missing"])
    by_id = {fit["id"]: fit for fit in fits}
    assert by_id["ml-engineer"]["matched"] == ["Docker"]
    assert by_id["ml-engineer"]["missing"] == ["TensorFlow"]
    assert by_id["data-scientist"]["matched"] == ["SQL"]
    assert by_id["ml-engineer"]["score"] == 0.5
    assert by_id["data-scientist"]["score"] == pytest.approx(1 / 6, abs=1e-3)


def test_json_gives_the_skill_levels_compared() -> None:
    fits = ranked("--skills", "communication=0.5")
    pm = next(fit for fit in fits if fit["id"] == "ml-product-manager")
    assert pm["skills"] == {"communication": {"you": 0.5, "role": 0.88}}
    assert pm["skill_fit"] == pytest.approx(1 - 0.38)
    assert pm["tool_fit"] is None


def test_the_same_question_gives_the_same_answer() -> None:
    args = ("--have", "kafka,docker", "--skills", "ml=0.5,se=0.5,comm=0.5")
    assert invoke("match", *args) == invoke("match", *args)


def test_the_table_says_why_the_top_role_fits_and_what_to_learn_next() -> None:
    result = match_roles(load_catalog(bundled_path()), ["docker", "python"], "ml=0.8,se=0.3")
    lines = explain(result)
    # tool fit 1/2; skill fit 1 - (|0.8 - 0.70| + |0.3 - 0.56|) / 2 = 0.82; score 0.66
    assert lines[0] == "Best fit: ML Engineer (score 0.66)."
    assert "you have 1 of its 2 tools (Docker)" in lines[1]
    assert "some way from its (skill fit 0.82): machine learning 0.80 (it asks 0.70)" in lines[1]
    assert lines[2] == (
        "To learn next for ML Engineer: TensorFlow,"
        " more software engineering (it asks 0.56, you have 0.30)."
    )
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(match_table(result))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Best fit: ML Engineer" in drawn
    assert drawn.index("ml-engineer") < drawn.index("ml-researcher")


@pytest.mark.parametrize("width", [pytest.param(w, id=f"{w}-columns") for w in (40, 63, 64, 100)])
def test_the_table_becomes_blocks_on_a_narrow_terminal_and_loses_nothing(width: int) -> None:
    result = match_roles(load_catalog(bundled_path()), ["docker", "sql"], "ml=0.5")
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(match_table(result))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= width for line in drawn.splitlines())
    words = " ".join(drawn.split())
    assert ("you have:" in words) is (width < 64)
    packed = "".join(drawn.split())  # a folded cell splits a word over two lines
    for fit in result.fits:
        assert fit.role.id in packed
        for tool in fit.role.tools:
            assert tool.replace(" ", "") in packed
    assert "moreML(0.70)" in packed


def test_nothing_to_learn_when_you_have_everything() -> None:
    result = match_roles(load_catalog(bundled_path()), ["jira"], "communication=0.9")
    assert result.fits[0].role.id == "ml-product-manager"
    assert explain(result)[-1] == (
        "Nothing to learn for ML Product Manager: you have every tool it lists"
        " and at least the level it asks on every skill you gave."
    )


@pytest.mark.parametrize("have", [["python"], ["cobol", "python"]], ids=["one", "two"])
def test_when_nothing_fits_no_role_is_put_forward(have: list[str]) -> None:
    result = match_roles(load_catalog(bundled_path()), have, None)
    assert all(fit.score == 0 for fit in result.fits)
    assert explain(result) == [
        f"No role fits what you have: no role lists {' or '.join(have)}.",
        "The tools that the most roles list: TensorFlow (3 roles), Kafka (2 roles),"
        " Jupyter (2 roles).",
    ]


def test_when_nothing_fits_in_a_catalog_without_shared_tools_it_says_only_that(
    tmp_path: Path,
) -> None:
    catalog = write_catalog(
        tmp_path / "c.yaml",
        [
            role("far", "Far", tools=["Spark"], skills=(1.0, 1.0, 1.0)),
            role("away", "Away", tools=["Excel"], skills=(1.0, 1.0, 1.0)),
        ],
    )
    result = match_roles(load_catalog(catalog), ["cobol"], "ml=0,se=0,comm=0")
    assert explain(result) == [
        "No role fits what you have: no role lists cobol and your skill levels are as far"
        " from every role's as they can be."
    ]


@pytest.mark.parametrize(
    ("have", "reason"),
    [
        pytest.param("jira", "Why: you have the one tool it lists (Jira);", id="has-it"),
        pytest.param("sql", "Why: you do not have the one tool it lists (Jira);", id="lacks-it"),
    ],
)
def test_a_role_with_one_tool_is_explained_in_the_singular(have: str, reason: str) -> None:
    result = match_roles(load_catalog(bundled_path()), [have], "comm=0.9")
    lines = explain(result)
    assert lines[0].startswith("Best fit: ML Product Manager")
    assert lines[1].startswith(reason)


def test_a_tool_no_role_lists_is_noted_on_stderr() -> None:
    code, out, err = invoke("match", "--have", "python,docker", "--json")
    assert code == 0
    assert err == "mlroles: no role in the catalog lists python; it counts for nothing\n"
    assert json.loads(out)[0]["id"] == "ml-engineer"


def test_a_plain_line_per_role_in_a_pipe() -> None:
    code, out, _ = invoke("match", "--have", "docker,tensorflow")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "ml-engineer\t1.000\tTensorFlow,Docker\t"
    assert len(lines) == 6
    assert all(len(line.split("\t")) == 4 for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--skills", "coding=0.5"],
            "--skills: unknown skill 'coding'; the skills are: machine_learning,"
            " software_engineering, communication",
            id="unknown-skill",
        ),
        pytest.param(
            ["--skills", "machine_learning=1.5"],
            "--skills: machine_learning must be from 0 to 1, got 1.5",
            id="above-1",
        ),
        pytest.param(
            ["--skills", "communication=-0.1"],
            "--skills: communication must be from 0 to 1, got -0.1",
            id="below-0",
        ),
        pytest.param(
            ["--skills", "ml=nan"],
            "--skills: machine_learning must be from 0 to 1, got nan",
            id="nan",
        ),
        pytest.param(
            ["--skills", "ml=high"],
            "--skills: machine_learning must be a number from 0 to 1, got 'high'",
            id="not-a-number",
        ),
        pytest.param(
            ["--skills", "machine_learning:0.8"],
            "--skills: expected NAME=LEVEL, got 'machine_learning:0.8'"
            " (like machine_learning=0.8,software_engineering=0.6)",
            id="no-equals",
        ),
        pytest.param(
            ["--skills", "ml="],
            "--skills: expected NAME=LEVEL, got 'ml=' (like machine_learning=0.8,"
            "software_engineering=0.6)",
            id="no-value",
        ),
        pytest.param(
            ["--skills", "ml=0.2,machine_learning=0.3"],
            "--skills: machine_learning is given twice",
            id="twice",
        ),
        pytest.param(
            ["--skills", ","],
            "--skills: no skill given (like machine_learning=0.8,software_engineering=0.6)",
            id="empty",
        ),
        pytest.param(
            ["--have", " , "], "--have: no tool given (like: --have python,docker)", id="no-tool"
        ),
        pytest.param(
            ["--have", "docker,communication"],
            "--have: 'communication' is a skill, not a tool;"
            " give your level with --skills communication=0.7",
            id="skill-as-tool",
        ),
        pytest.param(
            [],
            "match needs what you have: --have TOOL,TOOL,... and/or --skills NAME=LEVEL,...",
            id="nothing",
        ),
    ],
)
def test_bad_input_is_a_usage_error_in_one_line(args: list[str], message: str) -> None:
    code, out, err = invoke("match", *args)
    assert (code, out) == (2, "")
    message = message.removeprefix("match ")
    assert err == f"mlroles match: {message} (see 'mlroles match --help')\n"


@pytest.mark.parametrize(
    "skills",
    [
        pytest.param("ml=0.8,comm=0.3", id="one-string"),
        pytest.param(["ml=0.8,comm=0.3"], id="one-value"),
        pytest.param(["ml=0.8", "comm=0.3"], id="two-values"),
        pytest.param(("ml=0.8", " , comm=0.3"), id="tuple-with-blank-item"),
    ],
)
def test_skills_may_come_in_several_values(skills: str | list[str] | tuple[str, ...]) -> None:
    result = match_roles(load_catalog(bundled_path()), [], skills)
    assert {gap.skill: gap.you for gap in result.fits[0].skills} == {
        "machine_learning": 0.8,
        "communication": 0.3,
    }


@pytest.mark.parametrize(
    ("skills", "message"),
    [
        pytest.param(
            ["ml=0.2", "machine_learning=0.3"],
            "--skills: machine_learning is given twice",
            id="twice-across-values",
        ),
        pytest.param(
            ["comm=0.2", "ml=0.5,communication=0.3"],
            "--skills: communication is given twice",
            id="twice-across-values-with-more",
        ),
        pytest.param(
            [",", " "],
            "--skills: no skill given (like machine_learning=0.8,software_engineering=0.6)",
            id="only-blanks",
        ),
        pytest.param(
            ["ml=0.2", "se=2"],
            "--skills: software_engineering must be from 0 to 1, got 2",
            id="bad-second",
        ),
    ],
)
def test_skills_in_several_values_are_checked_together(skills: list[str], message: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        match_roles(load_catalog(bundled_path()), [], skills)
    assert str(caught.value) == message


@pytest.mark.parametrize("skills", [None, []], ids=["none", "no-value"])
def test_no_skills_value_means_tools_only(skills: list[str] | None) -> None:
    result = match_roles(load_catalog(bundled_path()), ["docker"], skills)
    assert result.fits[0].skill_fit is None
    assert result.fits[0].score == 0.5
    with pytest.raises(UsageProblem, match="match needs what you have"):
        match_roles(load_catalog(bundled_path()), [], skills)


# --- any catalog, and the installed command ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "top"),
    [
        pytest.param(["--have", "k8s,terraform"], "site-reliability-engineer", id="sre"),
        pytest.param(["--have", "tableau,excel"], "business-analyst", id="analyst"),
        pytest.param(["--have", "jupyter,jax"], "applied-scientist", id="scientist"),
        pytest.param(["--have", "label studio"], "annotation-lead", id="two-word-tool"),
        pytest.param(["--skills", "ml=0.9,se=0.5"], "applied-scientist", id="skills"),
        pytest.param(["--skills", "ml=0.3,se=0.1,comm=0.75"], "annotation-lead", id="profile"),
    ],
)
def test_match_on_a_custom_catalog(tmp_path: Path, args: list[str], top: str) -> None:
    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    code, out, err = invoke("--data", str(catalog), "match", *args, "--json")
    assert code == 0, err
    fits = json.loads(out)
    assert fits[0]["id"] == top
    assert len(fits) == len(PLATFORM_TEAM)


def test_a_role_without_tools_has_no_tool_fit(tmp_path: Path) -> None:
    catalog = write_catalog(
        tmp_path / "c.yaml", [role("bare", "Bare"), role("kit", "Kit", tools=["Spark"])]
    )
    code, out, _ = invoke("--data", str(catalog), "match", "--have", "spark", "--json")
    assert code == 0
    assert [(fit["id"], fit["score"]) for fit in json.loads(out)] == [("kit", 1.0), ("bare", 0.0)]


def test_plain_keeps_one_role_a_line_whatever_the_tool_names(tmp_path: Path) -> None:
    catalog = write_catalog(
        tmp_path / "c.yaml",
        [
            role("ops", "Ops", tools=["Docker\nCompose", "Tab\tSeparated"]),
            role("kit", "Kit", tools=["Spark"]),
        ],
    )
    code, out, err = invoke(
        "--data", str(catalog), "match", "--have", "docker compose", "--format", "plain"
    )
    assert code == 0, err
    assert out.splitlines() == ["ops\t0.500\tDocker Compose\tTab Separated", "kit\t0.000\t\tSpark"]


def test_installed_match_in_a_pipe_and_on_a_terminal(tmp_path: Path) -> None:
    done = run("match", "--have", "docker,tensorflow", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "ml-engineer"

    done = run("match", "--have", "docker")
    assert done.returncode == 0
    assert "\x1b" not in done.stdout
    assert done.stdout.startswith("ml-engineer\t0.500\tDocker\tTensorFlow\n")

    done = run("match", "--skills", "ml=2")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "mlroles match: --skills: machine_learning must be from 0 to 1, got 2"
        " (see 'mlroles match --help')\n"
    )

    code, screen = run_in_terminal("match", "--have", "docker", columns=100)
    text = " ".join(ANSI.sub("", screen).split())
    assert code == 0
    assert "Best fit: ML Engineer (score 0.50)." in text
    assert "To learn next for ML Engineer: TensorFlow." in text

    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    done = run("--data", str(catalog), "match", "--have", "kubernetes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split("\t")[0] == "site-reliability-engineer"


@pytest.mark.parametrize(
    ("encoding", "bar"),
    [
        pytest.param("utf-8", "0.50 ███░░", id="utf-8"),
        pytest.param("ascii", "0.50 ###--", id="ascii"),
        pytest.param("latin-1", "0.50 ###--", id="latin-1"),
    ],
)
def test_installed_match_draws_score_bars_that_stdout_can_write(encoding: str, bar: str) -> None:
    done = run("match", "--have", "docker", "--format", "table", PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr
    assert bar in done.stdout
    assert "?" not in done.stdout
    if encoding != "utf-8":
        done.stdout.encode(encoding)


# --- skills without tools ------------------------------------------------------------------


def test_skills_alone_call_no_tool_missing() -> None:
    fits = ranked("--skills", "ml=0.8,se=0.6")
    assert fits and all(fit["missing"] == [] and fit["matched"] == [] for fit in fits)
    assert all(fit["tool_fit"] is None for fit in fits)
    code, out, _ = invoke("match", "--skills", "ml=0.8,se=0.6", "--format", "plain")
    assert code == 0
    assert all(line.split("\t")[2:] == ["", ""] for line in out.splitlines())


def test_skills_alone_learn_only_skills_and_name_the_tools_apart() -> None:
    result = match_roles(load_catalog(bundled_path()), [], "ml=0.8,se=0.3")
    lines = explain(result)
    assert lines[0] == "Best fit: ML Researcher (score 0.92)."  # 1 - (0.14 + 0.02) / 2
    assert lines[2] == (
        "To learn next for ML Researcher: more machine learning (it asks 0.94, you have 0.80)."
    )
    assert lines[3] == "Its tools: TensorFlow, PyTorch, Jupyter (give --have to compare yours)."
    assert not any("TensorFlow" in line for line in lines[:3])


def test_skills_alone_with_nothing_to_learn_say_nothing_of_tools_you_have() -> None:
    result = match_roles(load_catalog(bundled_path()), [], "ml=0.8,se=0.6")
    lines = explain(result)
    assert lines[2] == (
        "Nothing to learn for ML Engineer on the skills you gave: you have at least the level"
        " it asks on each."
    )
    assert "every tool" not in " ".join(lines)
