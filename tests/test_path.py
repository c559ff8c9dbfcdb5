"""`mlroles path FROM TO`, `path --have --skills TO`, `match --target` and show's closest roles.

The overlap of every ordered pair of bundled roles is checked against the formula of
docs/paths.md computed here from the catalog file read as plain YAML, not by the code under test.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_catalog import role, run, write_catalog
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path
from mlroles.cli.entry import app

BUNDLED: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
ROLES: dict[str, dict[str, Any]] = {r["id"]: r for r in BUNDLED["roles"]}
AXES: list[str] = [skill["id"] for skill in BUNDLED["skills"]]
PAIRS = list(itertools.permutations(ROLES, 2))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def path_json(*args: str) -> dict[str, Any]:
    code, out, err = invoke("path", *args, "--json")
    assert (code, err) == (0, ""), err
    data: dict[str, Any] = json.loads(out)
    return data


# --- the formula of docs/paths.md, computed apart from the code -----------------------------


def key(tool: str) -> str:
    """Tools compared whatever their case, spaces, hyphens, underscores or dots."""
    return re.sub(r"[\s\-_.]+", "", tool.lower())


def expected_overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """tool overlap = |both| / |either|; skill overlap = 1 - mean |a - b| over every axis;
    overlap = the mean of the two (the tool part left out when neither lists a tool)."""
    ta, tb = {key(t) for t in a["tools"]}, {key(t) for t in b["tools"]}
    skills = 1 - sum(abs(a["skills"][axis] - b["skills"][axis]) for axis in AXES) / len(AXES)
    parts = [skills] if not ta | tb else [len(ta & tb) / len(ta | tb), skills]
    return round(sum(parts) / len(parts), 3)


@pytest.mark.parametrize(
    ("source", "target"), [pytest.param(a, b, id=f"{a}-{b}") for a, b in PAIRS]
)
def test_every_path_between_bundled_roles_follows_the_documented_formula(
    source: str, target: str
) -> None:
    a, b = ROLES[source], ROLES[target]
    data = path_json(source, target)
    assert (data["from"], data["to"]) == (source, target)
    assert data["overlap"] == pytest.approx(expected_overlap(a, b), abs=1e-9)
    theirs = {key(t) for t in b["tools"]}
    mine = {key(t) for t in a["tools"]}
    assert data["tools"] == {
        "keep": [t for t in b["tools"] if key(t) in mine],
        "learn": [t for t in b["tools"] if key(t) not in mine],
        "leave": [t for t in a["tools"] if key(t) not in theirs],
    }
    assert data["skills"] == [
        {
            "skill": axis,
            "from": a["skills"][axis],
            "to": b["skills"][axis],
            "change": pytest.approx(round(b["skills"][axis] - a["skills"][axis], 3), abs=1e-9),
        }
        for axis in AXES
    ]
    assert data["group"] == {
        "from": a["group"],
        "to": b["group"],
        "changes": a["group"] != b["group"],
    }
    assert data["background"] == " ".join(b["background"].split())


def test_the_pairs_cover_every_ordered_pair_of_bundled_roles() -> None:
    assert len(PAIRS) == len(ROLES) * (len(ROLES) - 1) >= 30


@pytest.mark.parametrize(("a", "b"), [pytest.param(a, b, id=f"{a}-{b}") for a, b in PAIRS[:6]])
def test_the_overlap_is_symmetric(a: str, b: str) -> None:
    assert path_json(a, b)["overlap"] == path_json(b, a)["overlap"]


def test_json_keys() -> None:
    data = path_json("ds", "mle")
    assert list(data) == [
        "from",
        "to",
        "tools",
        "skills",
        "overlap",
        "overlap_parts",
        "group",
        "employers_look_for",
        "stand_out",
        "background",
        "sources",
    ]
    assert list(data["tools"]) == ["keep", "learn", "leave"]
    assert all(list(s) == ["skill", "from", "to", "change"] for s in data["skills"])
    assert 0 <= data["overlap"] <= 1


# --- the advice: from the catalog's guidance, with sources -----------------------------------


def guidance(**where: Any) -> list[dict[str, Any]]:
    return [g for g in BUNDLED["guidance"] if all(g.get(k) == v for k, v in where.items())]


@pytest.mark.parametrize(
    ("target", "group"),
    [
        pytest.param("mle", "core-ml", id="core-ml"),
        pytest.param("devops", "ml-adjacent", id="ml-adjacent"),
        pytest.param("ds", "business-analytics", id="business-analytics"),
    ],
)
def test_employers_look_for_what_the_guidance_of_the_target_group_says(
    target: str, group: str
) -> None:
    source = "pm" if target != "pm" else "mle"
    data = path_json(source, target)
    ids = [item["id"] for item in data["employers_look_for"]]
    wanted = [g["id"] for g in guidance(topic="employers-look-for", scope="group", group=group)]
    assert wanted and ids[: len(wanted)] == wanted
    cited = {(s["title"], s.get("url")) for s in data["sources"]}
    for item in data["employers_look_for"]:
        assert item["sources"], item["id"]
        assert {(s["title"], s.get("url")) for s in item["sources"]} <= cited


def test_the_course_words_for_each_group_are_there() -> None:
    adjacent = " ".join(i["text"] for i in path_json("mle", "devops")["employers_look_for"])
    assert "interest in ML" in adjacent and "experience" in adjacent
    core = " ".join(i["text"] for i in path_json("devops", "mle")["employers_look_for"])
    assert "Software engineering skill" in core and "wish to learn" in core


def test_a_group_reading_of_ours_is_said_to_be_ours() -> None:
    code, out, _ = invoke("path", "ds", "mle", "--format", "table")
    assert code == 0
    words = " ".join(out.split())
    assert "(our reading: The course gives this advice for ML engineers" in words
    assert "our reading, not the course's" in words  # the overlap


def test_the_data_scientist_gets_no_invented_advice() -> None:
    items = path_json("mle", "ds")["employers_look_for"]
    assert items and all(item["no_advice"] for item in items)


def test_standing_out_follows_the_latest_lecture_in_its_order_and_names_the_other() -> None:
    steps = guidance(topic="stand-out", year=2022)
    data = path_json("ds", "mle")
    assert data["stand_out"]["year"] == 2022
    assert [s["id"] for s in data["stand_out"]["steps"]] == [
        s["id"] for s in sorted(steps, key=lambda s: s["rank"])
    ]
    code, out, _ = invoke("path", "ds", "mle", "--format", "table")
    assert code == 0
    words = " ".join(out.split())
    assert "How people stand out (the 2022 lecture, least to most impressive)" in words
    assert "The 2021 lecture orders them 2, 1, 3, 4, 5." in words


def test_sections_come_in_order_with_sources_last() -> None:
    code, out, _ = invoke("path", "ds", "mle", "--format", "table")
    assert code == 0
    headings = [
        "Overlap",
        "Tools: keep",
        "Tools: learn",
        "Tools: leave",
        "Skills",
        "Hiring group",
        "What employers look for in Core ML roles",
        "How people stand out",
        "Background of the ML Engineer",
        "Sources",
    ]
    where = [out.index(heading) for heading in headings]
    assert where == sorted(where)
    assert "Business analytics roles -> Core ML roles: a different hiring group" in " ".join(
        out.split()
    )


# --- from you ---------------------------------------------------------------------------------


def test_from_you_with_tools_and_skills() -> None:
    data = path_json("--have", "sql,excel,docker", "--skills", "ml=0.4,comm=0.8", "mle")
    assert data["from"] is None
    assert data["tools"] == {"keep": ["Docker"], "learn": ["TensorFlow"], "leave": ["sql", "excel"]}
    mle = ROLES["ml-engineer"]
    assert data["skills"] == [
        {"skill": "machine_learning", "from": 0.4, "to": 0.7, "change": pytest.approx(0.3)},
        {"skill": "software_engineering", "from": None, "to": 0.56, "change": None},
        {"skill": "communication", "from": 0.8, "to": 0.24, "change": pytest.approx(-0.56)},
    ]
    tools = 1 / 4  # Docker of {sql, excel, docker, tensorflow}
    skills = 1 - (abs(0.4 - mle["skills"]["machine_learning"]) + abs(0.8 - 0.24)) / 2
    assert data["overlap"] == pytest.approx(round((tools + skills) / 2, 3))
    assert data["group"] == {"from": None, "to": "core-ml", "changes": None}


def test_from_you_with_skills_only_calls_no_tool_to_learn() -> None:
    data = path_json("--skills", "ml=0.5", "mle")
    assert data["tools"] == {"keep": [], "learn": [], "leave": []}
    assert data["overlap_parts"]["tools"] is None
    assert data["overlap"] == pytest.approx(round(1 - abs(0.5 - 0.7), 3))
    code, out, _ = invoke("path", "--skills", "ml=0.5", "mle", "--format", "table")
    assert code == 0
    assert "you named none (give --have); ML Engineer lists: TensorFlow, Docker" in " ".join(
        out.split()
    )


def test_match_target_is_the_path_from_you() -> None:
    args = ["--have", "sql,excel", "--skills", "ml=0.4,comm=0.8"]
    for fmt in ("json", "plain", "markdown", "table"):
        via_match = invoke("match", *args, "--target", "mle", "--format", fmt)
        via_path = invoke("path", *args, "mle", "--format", fmt)
        assert via_match == via_path
        assert via_match[0] == 0


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["mle", "mle"], id="same-id"),
        pytest.param(["mle", "ML Engineer"], id="alias-and-title"),
        pytest.param(["machine-learning-engineer", "ml_engineer"], id="alias-and-id"),
    ],
)
def test_the_same_role_twice_is_a_usage_error(args: list[str]) -> None:
    code, out, err = invoke("path", *args)
    assert (code, out) == (2, "")
    assert err.startswith("mlroles path: needs two different roles") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        pytest.param(["mlx", "ds"], "'mle'", id="from"),
        pytest.param(["ds", "devopps"], "'devops'", id="to"),
        pytest.param(["--have", "sql", "reseacher"], "'researcher'", id="to-from-you"),
    ],
)
def test_an_unknown_role_exits_1_with_suggestions(args: list[str], suggested: str) -> None:
    code, out, err = invoke("path", *args)
    assert (code, out) == (1, "")
    assert "did you mean" in err and suggested in err and err.count("\n") == 1


def test_match_target_unknown_role_exits_1() -> None:
    code, out, err = invoke("match", "--have", "sql", "--target", "mlx")
    assert (code, out) == (1, "")
    assert "no role named 'mlx'" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["mle"], "path: needs where you come from", id="nothing-from"),
        pytest.param(["ds", "mle", "--have", "sql"], "not both", id="both-froms"),
        pytest.param(["a", "b", "c"], "got 3 roles", id="three"),
        pytest.param(["--skills", "ml=2", "mle"], "--skills: machine_learning", id="bad-level"),
        pytest.param(["--have", "communication", "mle"], "is a skill, not a tool", id="skill"),
    ],
)
def test_bad_usage_is_exit_2_in_one_line(args: list[str], message: str) -> None:
    code, out, err = invoke("path", *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


# --- formats -----------------------------------------------------------------------------------


def test_plain_is_one_field_a_line() -> None:
    code, out, _ = invoke("path", "de", "devops", "--format", "plain")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    overlap = f"{expected_overlap(ROLES['data-engineer'], ROLES['devops-engineer']):.3f}"
    assert rows[:3] == [["from", "data-engineer"], ["to", "devops-engineer"], ["overlap", overlap]]
    assert ["keep", "Kafka"] in rows and ["leave", "Hadoop,Airflow"] in rows
    assert {row[0] for row in rows} <= {
        "from", "to", "overlap", "keep", "learn", "leave", "skill", "group", "look_for",
        "stand_out", "background", "source",
    }  # fmt: skip
    assert rows[-1][0] == "source"


def test_markdown_is_a_document_with_sources_last() -> None:
    code, out, _ = invoke("path", "de", "devops", "--format", "markdown")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings[0] == "# From Data Engineer to DevOps Engineer"
    assert headings[-1] == "## Sources"
    assert "## Skills" in headings and "## Background" in headings
    assert "| Software engineering | 0.77 | 0.93 | +0.16 |" in out


def test_installed_path_in_a_pipe_has_no_escape_codes() -> None:
    done = run("path", "ds", "mle")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "From Data Scientist (data-scientist) -> ML Engineer (ml-engineer)" in done.stdout


# --- any catalog -------------------------------------------------------------------------------


def test_path_on_a_catalog_without_guidance(tmp_path: Path) -> None:
    roles = [
        role("a", "A [bold]role[/bold]", tools=["Spark", "k8s"], skills=(0.2, 0.4, 0.6)),
        role("b", "B", tools=["Kubernetes"], skills=(0.6, 0.4, 0.2)),
    ]
    catalog = write_catalog(tmp_path / "c.yaml", roles)
    code, out, err = invoke("--data", str(catalog), "path", "a", "b", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["tools"] == {"keep": ["Kubernetes"], "learn": [], "leave": ["Spark"]}
    # tools 1/2 (k8s is Kubernetes); skills 1 - (0.4 + 0 + 0.4) / 3
    assert data["overlap"] == pytest.approx(round((0.5 + (1 - 0.8 / 3)) / 2, 3))
    assert data["employers_look_for"] == [] and data["stand_out"]["steps"] == []
    code, out, err = invoke("--data", str(catalog), "path", "a", "b", "--format", "table")
    assert code == 0, err
    assert "From A [bold]role[/bold] (a) -> B (b)" in out
    assert "What employers look for" not in out


def test_roles_without_tools_overlap_on_skills_alone(tmp_path: Path) -> None:
    roles = [role("a", "A", skills=(0.0, 0.0, 0.0)), role("b", "B", skills=(1.0, 1.0, 1.0))]
    catalog = write_catalog(tmp_path / "c.yaml", roles)
    code, out, _ = invoke("--data", str(catalog), "path", "a", "b", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["overlap"], data["overlap_parts"]) == (0.0, {"tools": None, "skills": 0.0})


# --- show: the closest roles -----------------------------------------------------------------


@pytest.mark.parametrize("role_id", list(ROLES))
def test_show_lists_the_three_closest_roles_by_the_same_overlap(role_id: str) -> None:
    others = [other for other in ROLES if other != role_id]
    ranked = sorted(others, key=lambda o: -expected_overlap(ROLES[role_id], ROLES[o]))[:3]
    code, out, _ = invoke("show", role_id, "--format", "plain")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines() if line.startswith("closest\t")]
    assert [row[1] for row in rows] == ranked
    assert [float(row[2]) for row in rows] == [
        expected_overlap(ROLES[role_id], ROLES[o]) for o in ranked
    ]


def test_show_names_the_closest_roles_on_a_terminal_and_in_markdown() -> None:
    code, out, _ = invoke("show", "mle", "--format", "table")
    words = " ".join(out.split())
    assert "Closest roles ML Researcher (ml-researcher) 0.51" in words
    assert "(by overlap, our reading: see mlroles path ml-engineer ROLE)" in words
    assert out.index("Closest roles") < out.index("Sources")
    code, out, _ = invoke("show", "mle", "--format", "markdown")
    assert code == 0
    assert "## Closest roles" in out
    assert "- ML Researcher (`ml-researcher`): overlap 0.51" in out


def test_show_json_keeps_exactly_the_catalog_keys() -> None:
    code, out, _ = invoke("show", "mle", "--json")
    assert code == 0
    assert list(json.loads(out)) == list(ROLES["ml-engineer"])


@pytest.mark.parametrize("width", [pytest.param(w, id=f"{w}-columns") for w in (40, 80, 120)])
def test_the_page_fits_the_terminal_and_keeps_every_figure(width: int) -> None:
    done = run("path", "ds", "mle", COLUMNS=str(width))
    assert done.returncode == 0, done.stderr
    assert all(len(line) <= width for line in done.stdout.splitlines())
    assert "…" not in done.stdout
    packed = "".join(done.stdout.split())
    for figure in ("0.52->0.70+0.18", "0.23->0.56+0.33", "0.68->0.24-0.44"):
        assert figure in packed
