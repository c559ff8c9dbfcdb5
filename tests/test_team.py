"""`mlroles team`: a roster read strictly, and the report on it, through typer's CliRunner.

The rules behind "resembles", the next hire and the hiring order are written again here from
docs/teams.md (not by calling the code), and every team the bundled roles can make is held to
them against every archetype.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from mlroles.catalog.load import bundled_path
from mlroles.cli.entry import app

DATA: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
ROLES: dict[str, dict[str, Any]] = {role["id"]: role for role in DATA["roles"]}
ARCHETYPES: list[dict[str, Any]] = DATA["archetypes"]
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "acme-team.yaml"
V1_CATALOG = Path(__file__).resolve().parent / "data" / "roles-v1.yaml"

#: The keys the issue asks of `team --json`, at least.
ISSUE_KEYS = {
    "team",
    "archetype",
    "people",
    "covered",
    "missing",
    "single_points",
    "next_hire",
    "resembles",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def roster(tmp_path: Path, text: str, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def people(*entries: dict[str, Any], **top: Any) -> str:
    return yaml.safe_dump({"version": 1, **top, "people": list(entries)}, sort_keys=False)


# --- the rules, written again from docs/teams.md -------------------------------------------


def together(a: str, b: str) -> bool:
    return b in ROLES[a]["works_with"] or a in ROLES[b]["works_with"]


def doc_likeness(archetype: dict[str, Any], covered: set[str]) -> float:
    relied = {r["role"] for r in archetype["relies_on"]}
    if not relied:
        return 0.0
    return len(relied & covered) / len(relied | covered)


def doc_resembles(covered: set[str]) -> str:
    scored = []
    for position, archetype in enumerate(ARCHETYPES):
        stated = {r["role"] for r in archetype["relies_on"] if r["basis"] == "stated"}
        scored.append(
            (-doc_likeness(archetype, covered), -len(stated & covered), position, archetype["id"])
        )
    if all(score == 0 for score, *_ in scored):
        nobody = [a["id"] for a in ARCHETYPES if not a["relies_on"]]
        return nobody[0]
    return min(scored)[3]


def doc_order(archetype: dict[str, Any], covered: set[str]) -> list[str]:
    have = set(covered)
    listed = [r for r in archetype["relies_on"] if r["role"] not in have]
    order = []
    while listed:
        best = None
        for n, reliance in enumerate(listed):
            role = reliance["role"]
            key = (
                0 if reliance["basis"] == "stated" else 1,
                -sum(together(role, other) for other in have),
                -sum(together(role, o["role"]) for o in listed if o["role"] != role),
                n,
            )
            if best is None or key < best[0]:
                best = (key, n)
        assert best is not None
        chosen = listed.pop(best[1])
        order.append(chosen["role"])
        have.add(chosen["role"])
    return order


TEAMS = [
    set(team) for size in range(len(ROLES) + 1) for team in itertools.combinations(ROLES, size)
]


def team_file(tmp_path: Path, covered: set[str]) -> Path:
    entries = [{"name": f"Person {n}", "roles": [role]} for n, role in enumerate(sorted(covered))]
    return roster(tmp_path, people(*entries))


@pytest.mark.parametrize("archetype", [a["id"] for a in ARCHETYPES])
def test_every_team_of_bundled_roles_follows_the_documented_rules(
    archetype: str, tmp_path: Path
) -> None:
    spec = next(a for a in ARCHETYPES if a["id"] == archetype)
    for covered in TEAMS:
        if not covered:
            data = as_json(run("team", "--archetype", archetype, "--json"))
        else:
            data = as_json(
                run("team", str(team_file(tmp_path, covered)), "--archetype", archetype, "--json")
            )
        order = doc_order(spec, covered)
        where = f"{archetype} with {sorted(covered)}"
        assert [step["role"] for step in data["hiring_order"]] == order, where
        assert data["next_hire"] == (order[0] if order else None), where
        relied = [r["role"] for r in spec["relies_on"]]
        assert data["missing"] == [role for role in relied if role not in covered], where
        if covered:
            assert data["resembles"]["archetype"] == doc_resembles(covered), where
            assert data["resembles"]["score"] == round(
                doc_likeness(
                    next(a for a in ARCHETYPES if a["id"] == data["resembles"]["archetype"]),
                    covered,
                ),
                4,
            ), where
        else:
            assert data["resembles"] is None


@pytest.mark.parametrize(
    ("archetype", "order"),
    [
        pytest.param("nascent", [], id="nascent"),
        pytest.param("rnd", ["ml-researcher"], id="rnd"),
        pytest.param(
            "embedded",
            ["ml-engineer", "data-engineer", "ml-researcher", "devops-engineer"],
            id="embedded",
        ),
        pytest.param(
            "independent",
            [
                "ml-engineer",
                "ml-product-manager",
                "data-engineer",
                "ml-researcher",
                "devops-engineer",
            ],
            id="independent",
        ),
        pytest.param("ml-first", ["ml-engineer", "ml-researcher", "data-engineer"], id="ml-first"),
    ],
)
def test_planning_from_an_empty_team(archetype: str, order: list[str]) -> None:
    data = as_json(run("team", "--archetype", archetype, "--json"))
    assert data["people"] == 0
    assert data["team"] is None
    assert data["archetype"] == archetype
    assert data["archetype_from"] == "option"
    assert data["covered"] == {}
    assert [step["role"] for step in data["hiring_order"]] == order
    assert data["missing"] == [
        r["role"] for a in ARCHETYPES if a["id"] == archetype for r in a["relies_on"]
    ]
    for step in data["hiring_order"]:
        assert step["reason"], step
        said = "the course names it" if step["basis"] == "stated" else "our reading"
        assert step["reason"].startswith(said), step


def test_the_plan_gives_every_role_a_reason_on_a_terminal_table() -> None:
    result = run("team", "--archetype", "embedded", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "Hiring order *" in out
    for role in ("ml-engineer", "data-engineer", "ml-researcher", "devops-engineer"):
        assert role in out
    assert "our reading counts it for this archetype" in out
    assert "not the course's advice" in out


# --- the report on a roster ---------------------------------------------------------------


def test_the_worked_example_of_the_docs(tmp_path: Path) -> None:
    data = as_json(run("team", str(EXAMPLE), "--json"))
    assert set(data) >= ISSUE_KEYS
    assert data["team"] == "Acme ML"
    assert data["people"] == 3
    assert data["archetype"] == "embedded"
    assert data["archetype_from"] == "roster"
    assert data["covered"] == {"data-engineer": ["Chidi"], "ml-engineer": ["Ana", "Ben"]}
    assert data["missing"] == ["ml-researcher", "devops-engineer"]
    assert data["single_points"] == ["data-engineer"]
    assert data["next_hire"] == "ml-researcher"
    assert data["resembles"]["archetype"] == "ml-first"
    assert data["resembles"]["shared"] == ["ml-engineer", "data-engineer"]
    assert data["resembles"]["lacks"] == ["ml-researcher"]
    assert "2/3" in data["resembles"]["why"]
    assert data["uncovered_tools"] == [{"tool": "Hadoop", "roles": ["data-engineer"]}]
    assert "own reading" in data["our_reading"]


def test_the_command_line_archetype_wins_over_the_rosters() -> None:
    data = as_json(run("team", str(EXAMPLE), "--archetype", "research-and-development", "--json"))
    assert data["archetype"] == "rnd"
    assert data["archetype_from"] == "option"
    assert data["missing"] == ["ml-researcher"]


def test_without_an_archetype_the_team_is_held_against_the_one_it_resembles(
    tmp_path: Path,
) -> None:
    path = roster(tmp_path, people({"name": "Rae", "roles": ["researcher"]}, team="Lab"))
    data = as_json(run("team", str(path), "--json"))
    assert data["archetype"] == "rnd"
    assert data["archetype_from"] == "resembles"
    assert data["missing"] == []
    assert data["next_hire"] is None
    assert data["resembles"]["score"] == 1.0


def test_a_team_that_no_archetype_relies_on_resembles_the_nascent_one(tmp_path: Path) -> None:
    path = roster(tmp_path, people({"name": "Dana", "roles": ["data-scientist"]}))
    data = as_json(run("team", str(path), "--json"))
    assert data["resembles"]["archetype"] == "nascent"
    assert data["resembles"]["extra"] == ["data-scientist"]
    assert data["archetype"] == "nascent"
    assert data["hiring_order"] == []


def test_everyone_covered_names_no_next_hire_and_says_so(tmp_path: Path) -> None:
    path = roster(
        tmp_path,
        people(
            {"name": "A", "roles": ["mle", "researcher"]},
            {"name": "B", "roles": ["de"]},
            archetype="ml-first",
        ),
    )
    result = run("team", str(path), "--format", "table")
    assert result.exit_code == 0
    said = " ".join(result.stdout.split())  # as words, wherever the table wraps them
    assert "none: someone covers every role the archetype relies on" in said
    assert "a second person for data-engineer, ml-engineer, ml-researcher" in said
    assert as_json(run("team", str(path), "--json"))["next_hire"] is None


@pytest.mark.parametrize(
    ("tools", "uncovered"),
    [
        pytest.param(None, None, id="nobody-lists-tools"),
        pytest.param(["tensorflow", "DOCKER"], [], id="any-case"),
        pytest.param(["TensorFlow"], [{"tool": "Docker", "roles": ["ml-engineer"]}], id="one-left"),
        pytest.param(
            ["Jira"],
            [
                {"tool": "TensorFlow", "roles": ["ml-engineer"]},
                {"tool": "Docker", "roles": ["ml-engineer"]},
            ],
            id="only-other-tools",
        ),
    ],
)
def test_tools_of_the_covered_roles_that_nobody_lists(
    tmp_path: Path, tools: list[str] | None, uncovered: list[dict[str, Any]] | None
) -> None:
    person: dict[str, Any] = {"name": "Ana", "roles": ["mle"]}
    if tools is not None:
        person["tools"] = tools
    data = as_json(run("team", str(roster(tmp_path, people(person))), "--json"))
    assert data["uncovered_tools"] == uncovered


def test_skills_are_the_best_stated_level_against_the_most_a_role_asks(tmp_path: Path) -> None:
    path = roster(
        tmp_path,
        people(
            {"name": "Ana", "roles": ["mle"], "skills": {"ml": 0.6, "communication": 0.9}},
            {"name": "Ben", "roles": ["pm"], "skills": {"Machine learning": 0.6}},
        ),
    )
    data = as_json(run("team", str(path), "--json"))
    skills = {level["skill"]: level for level in data["skills"]}
    assert list(skills) == ["machine_learning", "software_engineering", "communication"]
    ml = skills["machine_learning"]
    assert (ml["best"], ml["best_by"], ml["asked"], ml["asked_by"]) == (
        0.6,
        ["Ana", "Ben"],
        ROLES["ml-engineer"]["skills"]["machine_learning"],
        ["ml-engineer"],
    )
    assert ml["gap"] == round(0.6 - ROLES["ml-engineer"]["skills"]["machine_learning"], 4)
    assert skills["software_engineering"]["best"] is None
    assert skills["software_engineering"]["gap"] is None
    assert (
        skills["communication"]["asked"] == ROLES["ml-product-manager"]["skills"]["communication"]
    )


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "yaml", "json"])
def test_every_format(fmt: str) -> None:
    result = run("team", str(EXAMPLE), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "ml-researcher" in result.stdout
    if fmt in ("table", "plain", "markdown"):
        assert "own reading" in result.stdout


def test_yaml_is_the_same_data_as_json() -> None:
    assert yaml.safe_load(run("team", str(EXAMPLE), "--format", "yaml").stdout) == as_json(
        run("team", str(EXAMPLE), "--json")
    )


def test_plain_lines_lead_with_what_they_say() -> None:
    out = run("team", str(EXAMPLE), "--format", "plain").stdout
    lines = [line.split("\t") for line in out.splitlines()]
    assert ["covered", "ml-engineer", "Ana,Ben"] in lines
    assert ["missing", "ml-researcher"] in lines
    assert ["single_point", "data-engineer"] in lines
    assert ["tool", "Hadoop", "data-engineer"] in lines
    assert [line[:3] for line in lines if line[0] == "order"] == [
        ["order", "1", "ml-researcher"],
        ["order", "2", "devops-engineer"],
    ]
    assert lines[-1][0] == "note"


def test_markdown_is_a_document_with_a_section_per_answer() -> None:
    out = run("team", str(EXAMPLE), "--format", "markdown").stdout
    assert out.startswith("# Acme ML\n")
    for heading in ("Roles", "Skills", "Resembles (our reading)", "Next hire (our reading)"):
        assert f"\n## {heading}\n" in out, heading
    assert "| `data-engineer` | Chidi | single point of failure |" in out


def test_a_catalog_without_archetypes_still_reports_the_team(tmp_path: Path) -> None:
    path = roster(tmp_path, people({"name": "Ana", "roles": ["mle"]}))
    data = as_json(run("--data", str(V1_CATALOG), "team", str(path), "--json"))
    assert data["archetype"] is None
    assert data["resembles"] is None
    assert data["next_hire"] is None
    assert data["covered"] == {"ml-engineer": ["Ana"]}


# --- a roster read strictly ---------------------------------------------------------------

PROBLEMS = [
    pytest.param(
        "version: 1\npeople:\n  - name: Ana\n    rols: [mle]\n",
        [
            "team.yaml:3:5: people[0]: a person needs at least one role",
            "team.yaml:4:5: people[0].rols: unknown field 'rols'; did you mean 'roles'?",
        ],
        id="unknown-key",
    ),
    pytest.param(
        "version: 1\nteam: A\nteam: B\npeople:\n  - {name: Ana, roles: [mle]}\n",
        ["team.yaml:3:1: team: key 'team' is written twice in this mapping (first at line 2)"],
        id="key-twice",
    ),
    pytest.param(
        "version: 1\npeople:\n  - !!python/object:os.system {name: Ana, roles: [mle]}\n",
        ["team.yaml:3:5: people[0]: YAML: the tag '!!python/object:os.system' is not allowed"],
        id="tag",
    ),
    pytest.param(
        "version: 1\npeople:\n  - &ana {name: Ana, roles: [mle]}\n  - *ana\n",
        ["team.yaml:4:5: people[1]: YAML: alias '*ana' is not allowed"],
        id="alias",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: []}\n",
        ["team.yaml:3:24: people[0].roles: a person needs at least one role"],
        id="no-role",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [mle]}\n  - {name: ana , roles: [de]}\n",
        ["team.yaml:4:12: people[1].name: two people are named 'ana' (first at people[0])"],
        id="one-name-twice",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [ml-enginer]}\n",
        [
            "team.yaml:3:25: people[0].roles[0]: no role named 'ml-enginer';"
            " did you mean 'ml-engineer'"
        ],
        id="unknown-role",
    ),
    pytest.param(
        "version: 1\narchetype: embeded\npeople:\n  - {name: Ana, roles: [mle]}\n",
        ["team.yaml:2:12: archetype: no archetype named 'embeded'; did you mean 'embedded'"],
        id="unknown-archetype",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [mle], skills: {mll: 0.5}}\n",
        ["team.yaml:3:40: people[0].skills.mll: no skill axis named 'mll'; did you mean 'ml'?"],
        id="unknown-skill",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [mle], skills: {ml: 2}}\n",
        ["team.yaml:3:44: people[0].skills.ml: should be at most 1 (got 2)"],
        id="level-out-of-range",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [mle, ML Engineer]}\n",
        ["team.yaml:3:30: people[0].roles[1]: the role 'ml-engineer' is listed twice"],
        id="one-role-twice",
    ),
    pytest.param(
        "version: 1\npeople:\n  - {name: Ana, roles: [ml-engineer, mle]}\n",
        ["team.yaml:3:38: people[0].roles[1]: 'mle' is the role 'ml-engineer' again"],
        id="one-role-by-two-names",
    ),
    pytest.param(
        "version: 2\npeople: []\n",
        [
            "team.yaml:1:10: version: should be 1",
            "team.yaml:2:9: people: should have at least 1 item",
        ],
        id="version-and-nobody",
    ),
    pytest.param(
        "- name: Ana\n",
        ["team.yaml:1:1: the file is not a mapping; expected a roster"],
        id="not-a-mapping",
    ),
    pytest.param("", ["team.yaml:1:1: the file holds no data"], id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_a_roster_problem_is_placed_and_exits_3(
    text: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roster(tmp_path, text)
    result = run("team", "team.yaml")
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), lines
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line


def test_every_problem_of_a_roster_is_reported_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roster(
        tmp_path,
        "version: 1\n"
        "archetyp: embedded\n"
        "people:\n"
        "  - {name: Ana, roles: [mlee]}\n"
        "  - {name: Ana, roles: [de], tools: Docker}\n"
        "  - {name: Cy, roles: [de], roles: [ds]}\n",
    )
    result = run("team", "team.yaml", "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    places = [line.split(" ", 2)[:2] for line in result.stderr.splitlines()]
    assert places == [
        ["team.yaml:2:1:", "archetyp:"],
        ["team.yaml:4:25:", "people[0].roles[0]:"],
        ["team.yaml:5:12:", "people[1].name:"],
        ["team.yaml:5:37:", "people[1].tools:"],
        ["team.yaml:6:29:", "people[2].roles:"],
    ]


def test_a_missing_roster_is_one_line_and_exit_3(tmp_path: Path) -> None:
    result = run("team", str(tmp_path / "nobody.yaml"))
    assert result.exit_code == 3
    assert result.stderr == f"{tmp_path / 'nobody.yaml'}: no such file\n"


def test_an_unknown_archetype_on_the_command_line_exits_1_before_the_roster_is_read(
    tmp_path: Path,
) -> None:
    result = run("team", str(tmp_path / "nobody.yaml"), "--archetype", "centralisd")
    assert result.exit_code == 1
    assert result.stderr == (
        "mlroles: no archetype named 'centralisd'; did you mean 'centralised' or 'centralized'?\n"
    )


@pytest.mark.parametrize(
    "args",
    [pytest.param([], id="nothing"), pytest.param([""], id="empty-path")],
)
def test_team_needs_a_roster_or_an_archetype(args: list[str]) -> None:
    result = run("team", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "needs " in result.stderr and "roster" in result.stderr.lower()


# --- roster text is shown as text ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_rich_markup_in_a_roster_is_shown_as_text(tmp_path: Path, fmt: str) -> None:
    path = roster(
        tmp_path,
        people(
            {"name": "[bold red]Eve[/]", "roles": ["mle"]},
            team="[link=https://example.org]Acme[/link]",
        ),
    )
    result = run("team", str(path), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "[bold red]Eve[/]" in result.stdout.replace("\\", "")
    assert "[link=https://example.org]Acme[/link]" in result.stdout.replace("\\", "")


# --- the installed program ----------------------------------------------------------------


def test_installed_team_writes_data_to_stdout_and_problems_to_stderr(tmp_path: Path) -> None:
    from custom_catalog import run as run_installed

    good = run_installed("team", str(EXAMPLE), "--format", "plain")
    assert good.returncode == 0
    assert good.stderr == ""
    assert "next_hire\tml-researcher\t" in good.stdout
    bad = roster(tmp_path, "version: 1\npeople:\n  - {name: Ana, roles: [nope]}\n")
    failed = run_installed("team", str(bad), "--json")
    assert failed.returncode == 3
    assert failed.stdout == ""
    assert failed.stderr.startswith(f"{bad}:3:25: people[0].roles[0]: no role named 'nope'")
    assert "Traceback" not in failed.stderr


def test_installed_org_and_team_in_a_pipe_have_no_escape_codes() -> None:
    from custom_catalog import run as run_installed

    for args in (["org", "list"], ["org", "show", "ml-first"], ["team", "--archetype", "rnd"]):
        done = run_installed(*args)
        assert done.returncode == 0, done.stderr
        assert "\x1b" not in done.stdout
        assert done.stdout.strip()


def test_installed_team_on_a_terminal_draws_the_report() -> None:
    from custom_catalog import run_in_terminal

    code, out = run_in_terminal("team", str(EXAMPLE), columns=100)
    assert code == 0
    assert "Acme ML: 3 people, held against embedded" in out
    assert "Next hire *" in out


def test_a_catalog_of_ones_own_with_its_own_roles_axes_and_archetype(tmp_path: Path) -> None:
    source = [{"title": "Team handbook"}]

    def own_role(role_id: str, level: float, works_with: list[str]) -> dict[str, Any]:
        return {
            "id": role_id,
            "title": role_id.replace("-", " ").title(),
            "summary": "Does the work.",
            "responsibilities": ["Work"],
            "work_product": ["Results"],
            "tools": ["Label Studio"] if role_id == "annotator" else ["Kubernetes"],
            "background": "Any.",
            "skills": {"labelling": level},
            "group": "platform",
            "works_with": works_with,
            "sources": source,
        }

    catalog = {
        "version": 2,
        "groups": [{"id": "platform", "title": "Platform", "summary": "Everyone."}],
        "skills": [{"id": "labelling", "title": "Labelling", "summary": "Low to high."}],
        "roles": [
            own_role("annotator", 0.9, []),
            own_role("site-reliability-engineer", 0.1, ["annotator"]),
            own_role("platform-lead", 0.3, ["site-reliability-engineer"]),
        ],
        "archetypes": [
            {
                "id": "data-factory",
                "title": "Data factory",
                "summary": "Labels at scale.",
                "pros": ["Volume"],
                "cons": ["Toil"],
                "relies_on": [
                    {"role": "platform-lead", "basis": "inferred", "note": "Our reading."},
                    {"role": "annotator", "basis": "stated", "note": "Labels."},
                    {"role": "site-reliability-engineer", "basis": "stated", "note": "Runs it."},
                ],
                "sources": source,
            }
        ],
    }
    data_file = tmp_path / "ours.yaml"
    data_file.write_text(json.dumps(catalog), encoding="utf-8")  # JSON is YAML, alias-free
    path = roster(
        tmp_path,
        people(
            {
                "name": "Lee",
                "roles": ["Annotator"],
                "tools": ["kubernetes"],
                "skills": {"labelling": 0.5},
            }
        ),
    )
    data = as_json(run("--data", str(data_file), "team", str(path), "--json"))
    assert data["archetype"] == "data-factory"
    assert data["archetype_from"] == "resembles"
    # stated first; of the two stated ones only one is missing; then our reading
    assert [step["role"] for step in data["hiring_order"]] == [
        "site-reliability-engineer",
        "platform-lead",
    ]
    assert data["skills"] == [
        {
            "skill": "labelling",
            "best": 0.5,
            "best_by": ["Lee"],
            "asked": 0.9,
            "asked_by": ["annotator"],
            "gap": -0.4,
        }
    ]
    assert data["uncovered_tools"] == [{"tool": "Label Studio", "roles": ["annotator"]}]
