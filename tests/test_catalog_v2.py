"""Catalog format version 2: own groups and skill axes, `extends` and `remove`, and a table of
broken catalogs, each giving its exact located one-line message and exit code 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mlroles.catalog.load import MAX_CHAIN, bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.errors import CatalogError

SOURCE = "[{title: Acme career framework}]"

#: A small version 2 catalog of a company's own: its group, its two skill axes, two roles.
TEAM = f"""\
version: 2
groups:
  - {{id: analytics, title: Analytics, summary: People who answer questions from data.}}
skills:
  - {{id: depth, title: Depth, aliases: [d], summary: From generalist (0) to specialist (1).}}
  - {{id: breadth, title: Breadth, summary: From one area (0) to many (1).}}
roles:
  - id: analyst
    title: Analyst
    summary: Answers questions from data.
    responsibilities: [Answer questions]
    work_product: [Reports]
    tools: [SQL]
    background: Anyone curious.
    skills: {{depth: 0.4, breadth: 0.7}}
    group: analytics
    works_with: [modeller]
    sources: {SOURCE}
  - id: modeller
    title: Modeller
    summary: Builds models.
    responsibilities: [Build models]
    work_product: [Models]
    background: Statistics.
    skills: {{depth: 0.9, breadth: 0.2}}
    group: analytics
    works_with: [analyst]
    sources: {SOURCE}
"""

#: A file that adds one role to the bundled catalog and replaces the ML engineer.
OVERLAY = f"""\
version: 2
extends: bundled
roles:
  - id: ml-engineer
    title: ML Engineer
    summary: Our own ML engineers ship models.
    responsibilities: [Ship models]
    work_product: [Models in production]
    tools: [PyTorch]
    background: Software engineers.
    skills: {{machine_learning: 0.6, software_engineering: 0.8, communication: 0.3}}
    group: core-ml
    works_with: [ml-researcher]
    sources: {SOURCE}
  - id: analytics-engineer
    title: Analytics Engineer
    summary: Models the data for the analysts.
    responsibilities: [Model the data]
    work_product: [Tables]
    tools: [dbt]
    background: Data analysts.
    skills: {{machine_learning: 0.2, software_engineering: 0.6, communication: 0.5}}
    group: business-analytics
    sources: {SOURCE}
"""


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def position(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the `nth` occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return text


# --- a catalog of one's own ---------------------------------------------------------------------


def test_own_groups_and_skills_work_in_every_command(in_tmp: Path) -> None:
    write("team.yaml", TEAM)
    listed = CliRunner().invoke(app, ["--data", "team.yaml", "list", "--group", "analytics"])
    assert listed.exit_code == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["analyst", "modeller"]
    matched = CliRunner().invoke(app, ["--data", "team.yaml", "match", "--skills", "d=0.9"])
    assert matched.exit_code == 0, matched.stderr
    assert matched.stdout.splitlines()[0].split("\t")[:2] == ["modeller", "1.000"]
    drawn = CliRunner().invoke(app, ["--data", "team.yaml", "map", "--x", "breadth", "--json"])
    assert json.loads(drawn.stdout)[0] == {
        "id": "analyst",
        "title": "Analyst",
        "x": 0.7,
        "y": 0.4,
        "highlighted": False,
    }
    compared = CliRunner().invoke(
        app, ["--data", "team.yaml", "compare", "analyst", "modeller", "--format", "plain"]
    )
    assert "skills.depth\t0.4\t0.9\n" in compared.stdout
    assert "skills.breadth\t0.7\t0.2\n" in compared.stdout


def test_show_says_what_the_hiring_group_is(in_tmp: Path) -> None:
    write("team.yaml", TEAM)
    shown = CliRunner().invoke(app, ["--data", "team.yaml", "show", "analyst"])
    assert "analytics: Analytics" in shown.stdout
    assert "People who answer questions from data." in shown.stdout
    assert "From " not in shown.stdout  # one file: no origin to say


def test_an_unknown_axis_for_map_is_a_usage_error(in_tmp: Path) -> None:
    write("team.yaml", TEAM)
    result = CliRunner().invoke(app, ["--data", "team.yaml", "map", "--x", "dept"])
    assert result.exit_code == 2
    assert "--x: unknown skill axis 'dept'; did you mean 'depth'?" in result.stderr


def test_match_skills_names_the_catalogs_axes(in_tmp: Path) -> None:
    write("team.yaml", TEAM)
    result = CliRunner().invoke(app, ["--data", "team.yaml", "match", "--skills", "ml=0.5"])
    assert result.exit_code == 2
    assert "unknown skill 'ml'; the skills are: depth, breadth" in result.stderr


# --- extends ---------------------------------------------------------------------------------


def test_extending_the_bundled_catalog_adds_and_replaces(in_tmp: Path) -> None:
    write("team.yaml", OVERLAY)
    catalog = load_catalog(Path("team.yaml"))
    bundled = load_catalog(bundled_path())
    assert [r.id for r in catalog.roles] == [*(r.id for r in bundled.roles), "analytics-engineer"]
    assert catalog.role("ml-engineer").tools == ["PyTorch"]  # type: ignore[union-attr]
    assert catalog.origin("ml-engineer") == "team.yaml"
    assert catalog.origin("data-engineer") == str(bundled_path())
    assert catalog.archetypes == bundled.archetypes
    assert catalog.files == [str(bundled_path()), "team.yaml"]


def test_show_names_the_file_a_role_came_from_and_json_keeps_the_catalog_keys(
    in_tmp: Path,
) -> None:
    write("team.yaml", OVERLAY)
    shown = CliRunner().invoke(app, ["--data", "team.yaml", "show", "analytics-engineer"])
    assert "From              team.yaml" in shown.stdout
    base = CliRunner().invoke(app, ["--data", "team.yaml", "show", "de"])
    assert f"From              {bundled_path()}" in base.stdout.replace("\n                  ", "")
    as_json = CliRunner().invoke(
        app, ["--data", "team.yaml", "show", "analytics-engineer", "--json"]
    )
    keys = list(json.loads(as_json.stdout))
    assert keys == list(json.loads(run_show_json("ml-engineer")))
    markdown = CliRunner().invoke(
        app, ["--data", "team.yaml", "show", "analytics-engineer", "--format", "markdown"]
    )
    assert "From `team.yaml`" in markdown.stdout


def run_show_json(role: str) -> str:
    result = CliRunner().invoke(app, ["show", role, "--json"])
    return str(result.stdout)


def test_remove_drops_base_entries_of_every_kind(in_tmp: Path) -> None:
    write(
        "team.yaml",
        "version: 2\nextends: bundled\nremove: [nascent, communication, talent-gap-2021]\n",
    )
    catalog = load_catalog(Path("team.yaml"))
    assert "nascent" not in [a.id for a in catalog.archetypes]
    assert catalog.skill_ids == ["machine_learning", "software_engineering"]
    assert all(set(r.skills) == {"machine_learning", "software_engineering"} for r in catalog.roles)
    assert "talent-gap-2021" not in [g.id for g in catalog.guidance]


def test_a_chain_of_relative_paths_and_a_version_1_base(in_tmp: Path) -> None:
    Path("base").mkdir()
    v1 = (Path(__file__).parent / "data" / "roles-v1.yaml").read_text(encoding="utf-8")
    write("base/v1.yaml", v1)
    write("base/middle.yaml", "version: 2\nextends: v1.yaml\nremove: [skill:communication]\n")
    lines = OVERLAY.replace("extends: bundled", "extends: base/middle.yaml")
    write(
        "team.yaml",
        lines.replace(", communication: 0.3}", "}").replace(", communication: 0.5}", "}"),
    )
    catalog = load_catalog(Path("team.yaml"))
    assert catalog.files == ["base/v1.yaml", "base/middle.yaml", "team.yaml"]
    assert catalog.skill_ids == ["machine_learning", "software_engineering"]
    assert catalog.role("data-scientist").skills == {  # type: ignore[union-attr]
        "machine_learning": 0.52,
        "software_engineering": 0.23,
    }
    assert catalog.groups == load_catalog(bundled_path()).groups


def test_the_cache_keys_every_file_of_a_chain(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlroles.catalog import load

    monkeypatch.setenv("XDG_CACHE_HOME", str(in_tmp / "cache"))
    monkeypatch.setattr(load, "CACHE_MIN_BYTES", 0)
    write("base.yaml", TEAM)
    write("team.yaml", "version: 2\nextends: base.yaml\n")
    assert load_catalog(Path("team.yaml")).role("analyst").tools == ["SQL"]  # type: ignore[union-attr]
    assert len(list((in_tmp / "cache" / "mlroles").glob("*.json"))) == 2
    write("base.yaml", TEAM.replace("tools: [SQL]", "tools: [SQL, Excel]"))
    again = load_catalog(Path("team.yaml"))
    assert again.role("analyst").tools == ["SQL", "Excel"]  # type: ignore[union-attr]


def test_completion_sees_the_roles_of_the_chain(in_tmp: Path) -> None:
    from mlroles.catalog.load import iter_role_names

    write("team.yaml", OVERLAY.replace("roles:", "remove: [ds]\nroles:", 1))
    names = dict(iter_role_names(Path("team.yaml")))
    assert names["analytics-engineer"] == "analytics-engineer"
    assert names["ml-engineer"] == "ml-engineer"
    assert "mle" not in names  # the replacing role names no aliases: a replacement is whole
    assert "data-scientist" in names  # removing an alias removes nothing: 'ds' is no id


# --- broken catalogs ------------------------------------------------------------------------


def _role_edit(old: str, new: str) -> dict[str, str]:
    assert old in TEAM, old
    return {"team.yaml": TEAM.replace(old, new, 1)}


def _chain(count: int) -> dict[str, str]:
    files = {f"c{n}.yaml": f"version: 2\nextends: c{n + 1}.yaml\n" for n in range(count - 1)}
    files[f"c{count - 1}.yaml"] = TEAM
    files["team.yaml"] = files.pop("c0.yaml")
    files["c1.yaml" if count > 1 else "team.yaml"] = files.get("c1.yaml", TEAM)
    return files


BASE_THAT_NAMES = TEAM
REMOVES_MODELLER = "version: 2\nextends: base.yaml\nremove: [modeller]\n"
ARCHETYPE = """archetypes:
  - id: hub
    title: Hub
    summary: One central team.
    pros: [Focus]
    cons: [Distance]
    design: {engineering_vs_research: Both., data_ownership: Ours., model: Ours.}
    relies_on: [{role: analyst, basis: maybe, note: C.}, {role: nobody, basis: stated, note: X.}]
    sources: [{title: Our handbook}]
"""
GUIDANCE = """guidance:
  - id: hire-analysts
    topic: hire-for
    scope: role
    group: analytics
    text: Hire curious people.
    sources: [{title: Our handbook}]
  - id: the-loop
    topic: onboarding
    scope: all
    text: Our loop.
    sources: [{title: Our handbook}]
assessments:
  - id: sql-test
    title: SQL test
    summary: A short SQL exercise.
    scope: inferred
    role: analyst
    sources: [{title: Our handbook}]
"""

#: (files to write, the file to load, the expected stderr: `FILE|NEEDLE|NTH|OFFSET|rest`, where
#: the place is where the NTH NEEDLE of FILE starts, plus OFFSET columns).
BROKEN = [
    pytest.param(
        _role_edit(
            "group: analytics\n    works_with: [modeller]",
            "group: sales\n    works_with: [modeller]",
        ),
        ["team.yaml|sales|1|0|roles[0].group: no group has the id 'sales'"],
        id="unknown-group",
    ),
    pytest.param(
        _role_edit("skills: {depth: 0.4, breadth: 0.7}", "skills: {depth: 0.4}"),
        ["team.yaml|{depth: 0.4}|1|0|roles[0].skills: no level for the skill 'breadth'"],
        id="skill-missing-from-a-role",
    ),
    pytest.param(
        _role_edit(
            "skills: {depth: 0.4, breadth: 0.7}", "skills: {depth: 0.4, breadth: 0.7, x: 1}"
        ),
        [
            "team.yaml|x: 1|1|0|roles[0].skills.x: 'x' is not a declared skill"
            " (declared: depth, breadth)"
        ],
        id="level-for-an-undeclared-skill",
    ),
    pytest.param(
        {
            "team.yaml": "version: 2\nextends: other.yaml\n",
            "other.yaml": "version: 2\nextends: team.yaml\n",
        },
        ["other.yaml|team.yaml|1|0|extends: makes a cycle: team.yaml -> other.yaml -> team.yaml"],
        id="extends-cycle",
    ),
    pytest.param(
        {"team.yaml": "version: 2\nextends: team.yaml\n"},
        ["team.yaml|team.yaml|1|0|extends: makes a cycle: team.yaml -> team.yaml"],
        id="extends-itself",
    ),
    pytest.param(
        {"team.yaml": "version: 2\nextends: nowhere.yaml\n"},
        ["team.yaml|nowhere|1|0|extends: the base catalog 'nowhere.yaml' does not exist"],
        id="missing-base",
    ),
    pytest.param(
        {"team.yaml": "version: 2\nextends: bundled\nremove: [data-engineer-x]\n"},
        [
            "team.yaml|data-engineer-x|1|0|remove[0]: no entry of the base catalog has the id"
            " 'data-engineer-x'"
        ],
        id="remove-an-unknown-id",
    ),
    pytest.param(
        {"team.yaml": "version: 2\nremove: [analyst]\n" + TEAM.split("\n", 1)[1]},
        [
            "team.yaml|analyst]|1|0|remove[0]: remove drops entries of a base catalog:"
            " it needs 'extends'"
        ],
        id="remove-without-extends",
    ),
    pytest.param(
        _role_edit("  - id: modeller", "  - id: analyst"),
        [
            "team.yaml|analyst\n    title: Modeller|1|0|roles[1].id: duplicate role id 'analyst'"
            " (first at roles[0])"
        ],
        id="duplicate-id-within-one-file",
    ),
    pytest.param(
        {"base.yaml": BASE_THAT_NAMES, "team.yaml": REMOVES_MODELLER},
        [
            "base.yaml|modeller]|1|0|roles[0].works_with[0]: role 'modeller' is removed"
            " (team.yaml:3:10) but still named here"
        ],
        id="removed-role-still-named",
    ),
    pytest.param(
        _chain(MAX_CHAIN + 1),
        ["c7.yaml|c8.yaml|1|0|extends: the chain of catalogs is deeper than 8 files"],
        id="chain-deeper-than-8",
    ),
    pytest.param(
        {"team.yaml": TEAM + ARCHETYPE},
        [
            "team.yaml|{engineering_vs_research|1|0|archetypes[0].design.model_ownership:"
            " required field is missing",
            "team.yaml|model: Ours.|1|0|archetypes[0].design.model: unknown field 'model'"
            " (expected one of: engineering_vs_research, data_ownership, model_ownership)",
            "team.yaml|maybe|1|0|archetypes[0].relies_on[0].basis: should be 'stated' or"
            " 'inferred' (got 'maybe')",
            "team.yaml|nobody|1|0|archetypes[0].relies_on[1].role: no role has the id 'nobody'",
        ],
        id="bad-archetype-fields",
    ),
    pytest.param(
        {
            "team.yaml": TEAM
            + ARCHETYPE.replace("basis: maybe", "basis: stated").replace(
                "model: Ours.", "model_ownership: Ours."
            )
        },
        ["team.yaml|nobody|1|0|archetypes[0].relies_on[1].role: no role has the id 'nobody'"],
        id="archetype-relies-on-an-unknown-role",
    ),
    pytest.param(
        {"team.yaml": TEAM + GUIDANCE},
        [
            "team.yaml|role\n    group|1|0|guidance[0].scope: scope 'role' needs exactly one"
            " 'role'",
            "team.yaml|onboarding|1|0|guidance[1].topic: should be 'talent-gap', 'hire-for',"
            " 'avoid', 'find-candidates', 'practitioners-want', 'interview',"
            " 'employers-look-for', 'get-hired' or 'stand-out' (got 'onboarding')",
            "team.yaml|inferred\n|1|0|assessments[0].scope: scope 'inferred' needs a note saying"
            " why: inferred.scope",
        ],
        id="bad-guidance-topic",
    ),
    pytest.param(
        {"team.yaml": TEAM + GUIDANCE.replace("onboarding", "interview")},
        [
            "team.yaml|role\n    group|1|0|guidance[0].scope: scope 'role' needs exactly one"
            " 'role'",
            "team.yaml|inferred\n|1|0|assessments[0].scope: scope 'inferred' needs a note saying"
            " why: inferred.scope",
        ],
        id="bad-guidance-and-assessment-scopes",
    ),
]


def _expected(files: dict[str, str], spec: str) -> str:
    name, needle, nth, offset, rest = spec.split("|", 4)
    line, column = position(files[name], needle, int(nth))
    return f"{name}:{line}:{column + int(offset)}: {rest}"


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_a_broken_version_2_catalog(
    in_tmp: Path, files: dict[str, str], expected: list[str]
) -> None:
    for name, text in files.items():
        write(name, text)
    result = CliRunner().invoke(app, ["--data", "team.yaml", "list"])

    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [_expected(files, spec) for spec in expected]
    validated = CliRunner().invoke(app, ["validate", "team.yaml"])
    assert validated.exit_code == 3
    assert validated.stderr == result.stderr


def test_an_error_in_a_base_and_one_in_the_file_are_both_reported(in_tmp: Path) -> None:
    write("base.yaml", TEAM.replace("depth: 0.4,", "depth: 4,", 1))
    write("team.yaml", "version: 2\nextends: base.yaml\nowner: me\n")
    with pytest.raises(CatalogError) as caught:
        load_catalog(Path("team.yaml"))
    lines = caught.value.lines()
    assert [line.split(": ")[1] for line in lines] == ["roles[0].skills.depth", "owner"]
    assert lines[0].startswith("base.yaml:") and lines[1].startswith("team.yaml:3:1:")


def test_a_role_whose_base_was_removed_from_the_bundled_catalog_is_named_in_the_bundled_file(
    in_tmp: Path,
) -> None:
    write("team.yaml", "version: 2\nextends: bundled\nremove: [data-engineer]\n")
    result = CliRunner().invoke(app, ["--data", "team.yaml", "list"])
    lines = result.stderr.splitlines()
    assert result.exit_code == 3
    assert lines
    assert all(line.startswith(f"{bundled_path()}:") for line in lines)
    assert all("role 'data-engineer' is removed (team.yaml:3:10)" in line for line in lines)
    paths = [line.split(": ")[1] for line in lines]
    assert "roles[0].works_with[3]" in paths  # the PM's works_with names the data engineer
    assert any(p.startswith("archetypes[") and p.endswith(".role") for p in paths)


def test_the_schema_validates_a_version_2_file_with_its_own_axes(in_tmp: Path) -> None:
    import jsonschema

    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(TEAM))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(OVERLAY))
    broken = yaml.safe_load(TEAM.replace("depth: 0.4", "depth: 4"))
    assert [e.validator for e in jsonschema.Draft202012Validator(schema).iter_errors(broken)] == [
        "maximum"
    ]


def test_a_version_1_file_and_the_version_2_file_it_amounts_to_make_the_same_catalog(
    in_tmp: Path,
) -> None:
    v1_text = (Path(__file__).parent / "data" / "roles-v1.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(v1_text)
    bundled = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    as_v2 = {"version": 2, "groups": bundled["groups"], "skills": bundled["skills"], **data}
    as_v2["version"] = 2
    write("v1.yaml", v1_text)
    write("v2.yaml", yaml.safe_dump(as_v2, sort_keys=False))
    one, two = load_catalog(Path("v1.yaml")), load_catalog(Path("v2.yaml"))
    assert one.replace(files=[], origins={}) == two.replace(files=[], origins={})
    assert one.roles == two.roles


def test_list_group_says_what_the_group_is(in_tmp: Path) -> None:
    markdown = CliRunner().invoke(app, ["list", "--group", "core-ml", "--format", "markdown"])
    first = markdown.stdout.splitlines()[0]
    assert first.startswith("**Core ML roles** (`core-ml`): The course's hiring group")
    table = CliRunner().invoke(app, ["list", "--group", "core ml", "--format", "table"])
    assert table.stdout.startswith("Core ML roles (core-ml): The course's hiring group")
    plain = CliRunner().invoke(app, ["list", "--group", "core-ml"])
    assert [line.split("\t")[0] for line in plain.stdout.splitlines()] == [
        "ml-engineer",
        "ml-researcher",
    ]


def test_every_kind_remembers_its_file(in_tmp: Path) -> None:
    write("team.yaml", OVERLAY)
    catalog = load_catalog(Path("team.yaml"))
    assert catalog.origin("nascent", "archetypes") == str(bundled_path())
    assert catalog.origin("core-ml", "groups") == str(bundled_path())
    assert catalog.origin("analytics-engineer") == "team.yaml"
    assert catalog.origin("nobody") is None
