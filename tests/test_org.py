"""`mlroles org list`, `org show` and `org compare`, and the archetypes `show ROLE` names, through
typer's CliRunner: exit codes, stdout and stderr read apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from mlroles.catalog.load import bundled_path
from mlroles.cli.entry import app
from mlroles.render.registry import Format

DATA: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
ARCHETYPES: dict[str, dict[str, Any]] = {a["id"]: a for a in DATA["archetypes"]}
IDS = list(ARCHETYPES)
V1_CATALOG = Path(__file__).resolve().parent / "data" / "roles-v1.yaml"
FORMATS = [pytest.param(f.value, id=f.value) for f in Format]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --- names ---------------------------------------------------------------------------------

#: The issue's table: every archetype answers to its id and at least these aliases.
ISSUE_NAMES = [
    ("nascent", ["nascent", "ad-hoc", "nascent-ad-hoc"]),
    ("rnd", ["rnd", "ml-rnd", "research-and-development"]),
    ("embedded", ["embedded", "product-embedded", "business-embedded"]),
    ("independent", ["independent", "ml-function", "independent-ml", "centralised", "centralized"]),
    ("ml-first", ["ml-first", "ml-first-organisation"]),
]


@pytest.mark.parametrize(
    ("archetype_id", "name"),
    [
        pytest.param(archetype_id, name, id=name)
        for archetype_id, names in ISSUE_NAMES
        for name in names
    ],
)
def test_each_name_of_the_issue_resolves(archetype_id: str, name: str) -> None:
    assert as_json(run("org", "show", name, "--json"))["id"] == archetype_id


@pytest.mark.parametrize(
    ("name", "archetype_id"),
    [
        pytest.param("Embedded", "embedded", id="case"),
        pytest.param("ML First", "ml-first", id="spaces-for-hyphens"),
        pytest.param("ml_first", "ml-first", id="underscore"),
        pytest.param("Independent ML function", "independent", id="title"),
        pytest.param("machine learning R&D", "rnd", id="machine-learning-is-ml-in-a-title"),
        pytest.param("  centralized ", "independent", id="blanks-around"),
    ],
)
def test_names_resolve_like_role_names(name: str, archetype_id: str) -> None:
    assert as_json(run("org", "show", name, "--json"))["id"] == archetype_id


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        pytest.param(["org", "show", "embeded"], "'embedded'", id="show"),
        pytest.param(["org", "compare", "rnd", "centralise"], "'centralised'", id="compare"),
        pytest.param(["team", "--archetype", "ml-frist"], "'ml-first'", id="team-archetype"),
    ],
)
def test_an_unknown_name_exits_1_with_suggestions(args: list[str], suggested: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("mlroles: no archetype named ")
    assert f"did you mean {suggested}" in line


def test_a_name_like_nothing_says_where_to_look() -> None:
    result = run("org", "show", "zzzzzz")
    assert result.exit_code == 1
    assert result.stderr == "mlroles: no archetype named 'zzzzzz' (see 'mlroles org list')\n"


def test_an_empty_name_is_a_usage_error() -> None:
    result = run("org", "show", "  ")
    assert result.exit_code == 2
    assert "an archetype name is needed" in result.stderr


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(["embedded"], id="one"),
        pytest.param(["embedded", "product-embedded"], id="one-by-two-names"),
        pytest.param(["rnd", "RND", "ml-rnd"], id="one-by-three-names"),
    ],
)
def test_compare_needs_two_different_archetypes(names: list[str]) -> None:
    result = run("org", "compare", *names)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "needs at least two different archetypes (got " in result.stderr


# --- JSON ----------------------------------------------------------------------------------


def with_defaults(archetype: dict[str, Any]) -> dict[str, Any]:
    """An archetype of the file with the values of the keys it may leave out."""
    return {"design": None, "inferred": {}, **archetype}


def test_list_json_is_every_archetype_as_the_catalog_has_it() -> None:
    listed = as_json(run("org", "list", "--json"))
    assert listed == [with_defaults(archetype) for archetype in DATA["archetypes"]]


@pytest.mark.parametrize("archetype_id", IDS)
def test_show_json_is_one_archetype_with_exactly_its_catalog_keys(archetype_id: str) -> None:
    shown = as_json(run("org", "show", archetype_id, "--json"))
    catalog = ARCHETYPES[archetype_id]
    # Every key an archetype has in a catalog file, each as the file gives it.
    assert list(shown) == [
        "id",
        "title",
        "aliases",
        "summary",
        "companies",
        "pros",
        "cons",
        "design",
        "relies_on",
        "sources",
        "inferred",
    ]
    assert shown == with_defaults(catalog)


def test_compare_json_is_the_archetypes_in_the_order_asked() -> None:
    data = as_json(run("org", "compare", "ml-first", "Nascent", "embedded", "--json"))
    assert list(data) == ["archetypes"]
    assert [a["id"] for a in data["archetypes"]] == ["ml-first", "nascent", "embedded"]
    assert data["archetypes"][0] == as_json(run("org", "show", "ml-first", "--json"))


def test_compare_names_each_archetype_once() -> None:
    data = as_json(run("org", "compare", "rnd", "embedded", "ml-rnd", "--json"))
    assert [a["id"] for a in data["archetypes"]] == ["rnd", "embedded"]


# --- every format --------------------------------------------------------------------------

COMMANDS = [
    pytest.param(["org", "list"], id="list"),
    pytest.param(["org", "show", "embedded"], id="show"),
    pytest.param(["org", "compare", "rnd", "independent"], id="compare"),
]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_command_writes_every_format(args: list[str], fmt: str) -> None:
    result = run(*args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("args", COMMANDS)
def test_yaml_is_the_same_data_as_json(args: list[str]) -> None:
    as_yaml = yaml.safe_load(run(*args, "--format", "yaml").stdout)
    assert as_yaml == as_json(run(*args, "--json"))


def test_list_in_a_pipe_is_one_line_per_archetype_id_first() -> None:
    result = run("org", "list")
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == IDS
    embedded = lines[IDS.index("embedded")].split("\t")
    assert embedded[1] == ARCHETYPES["embedded"]["title"]
    assert embedded[3] == "ml-engineer,data-engineer,ml-researcher,devops-engineer"


def test_list_table_marks_our_readings() -> None:
    result = run("org", "list", "--format", "table")
    assert "devops-engineer *" in result.stdout
    assert "* our reading" in result.stdout


def test_show_table_has_every_part_of_the_archetype() -> None:
    out = run("org", "show", "embedded").stdout
    for part in ("Companies", "Pros", "Cons", "Engineering vs research", "Data ownership"):
        assert part in out, part
    assert "Software companies" in out
    assert "devops-engineer" in out and "our reading *" in out
    assert out.index("Relies on") < out.index("Sources")
    assert "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/team-struc" in out


def test_show_nascent_says_it_has_no_design_choices_and_relies_on_nobody() -> None:
    out = run("org", "show", "nascent").stdout
    assert "the course gives this archetype no design choices" in out
    assert "the course names none" in out


def test_show_plain_is_one_field_and_value_a_line() -> None:
    out = run("org", "show", "embedded", "--format", "plain").stdout
    lines = [line.split("\t") for line in out.splitlines()]
    assert ["id", "embedded"] in lines
    assert ["companies", "Software companies"] in lines
    assert [
        "relies_on",
        "devops-engineer",
        "inferred",
        ARCHETYPES["embedded"]["relies_on"][3]["note"],
    ] in lines
    assert all(len(line) >= 2 for line in lines)


def test_compare_plain_is_a_field_then_a_cell_per_archetype() -> None:
    out = run("org", "compare", "rnd", "embedded", "--format", "plain").stdout
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in out.splitlines()}
    assert rows["id"] == ["rnd", "embedded"]
    assert rows["relies_on"] == [
        "ml-researcher",
        "ml-engineer,data-engineer,ml-researcher,devops-engineer",
    ]
    assert rows["relies_on.inferred"] == ["", "devops-engineer"]
    assert all(len(cells) == 2 for cells in rows.values())


def test_compare_table_has_a_column_per_archetype_and_the_design_rows() -> None:
    out = run("org", "compare", "rnd", "ml-first").stdout
    assert "ML R&D" in out and "ML-first organisation" in out
    for row in ("companies", "engineering vs", "data ownership", "model ownership", "relies on"):
        assert row in out, row


def test_show_markdown_is_a_document() -> None:
    out = run("org", "show", "independent", "--format", "markdown").stdout
    assert out.startswith("# Independent ML function\n")
    for heading in ("Typical companies", "Pros", "Cons", "Design choices", "Relies on", "Sources"):
        assert f"\n## {heading}\n" in out, heading
    assert "- `devops-engineer` (DevOps Engineer), our reading:" in out
    assert "1. [Full Stack Deep Learning (fall 2019), ML Teams: Team Structure](https://" in out


def test_compare_markdown_is_one_table() -> None:
    out = run("org", "compare", "embedded", "independent", "--format", "markdown").stdout
    lines = out.splitlines()
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)
    assert lines[0].count(" | ") == 2
    assert any("`devops-engineer` (inferred)" in line for line in lines)


# --- catalogs without archetypes, and catalogs of one's own ---------------------------------


def test_a_catalog_without_archetypes_lists_none_and_exits_1() -> None:
    result = run("--data", str(V1_CATALOG), "org", "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "mlroles: the catalog in use has no archetypes\n"


def test_a_catalog_without_archetypes_gives_an_empty_json_list() -> None:
    result = run("--data", str(V1_CATALOG), "org", "list", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_show_in_a_catalog_without_archetypes_says_so() -> None:
    result = run("--data", str(V1_CATALOG), "org", "show", "embedded")
    assert result.exit_code == 1
    assert result.stderr == (
        "mlroles: no archetype named 'embedded' (the catalog in use has no archetypes)\n"
    )


def test_a_catalog_can_replace_add_and_remove_archetypes(tmp_path: Path) -> None:
    own = dict(ARCHETYPES["embedded"], summary="Our own take on the embedded team.")
    guild = {
        "id": "guild",
        "title": "ML guild",
        "aliases": ["chapter"],
        "summary": "ML people sit in product teams and meet as a guild.",
        "pros": ["Shared practice"],
        "cons": ["Nobody owns the platform"],
        "relies_on": [{"role": "ml-engineer", "basis": "inferred", "note": "Our reading."}],
        "sources": [{"title": "Team handbook"}],
    }
    path = write(
        tmp_path / "ours.yaml",
        {
            "version": 2,
            "extends": "bundled",
            "remove": ["archetype:rnd"],
            "archetypes": [own, guild],
        },
    )
    listed = as_json(run("--data", str(path), "org", "list", "--json"))
    assert [a["id"] for a in listed] == ["nascent", "embedded", "independent", "ml-first", "guild"]
    assert listed[1]["summary"] == "Our own take on the embedded team."
    shown = as_json(run("--data", str(path), "org", "show", "chapter", "--json"))
    assert shown["id"] == "guild"
    assert run("--data", str(path), "org", "show", "rnd").exit_code == 1


# --- show ROLE: the archetypes that rely on it ----------------------------------------------


def relying(role_id: str) -> list[tuple[str, str]]:
    """(archetype id, basis) of the archetypes relying on a role, from the file itself."""
    return [
        (a["id"], r["basis"])
        for a in DATA["archetypes"]
        for r in a["relies_on"]
        if r["role"] == role_id
    ]


ROLE_IDS = [role["id"] for role in DATA["roles"]]
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


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_show_role_plain_names_the_archetypes_that_rely_on_it(role_id: str) -> None:
    out = run("show", role_id, "--format", "plain").stdout
    found = [
        (line.split("\t")[1], line.split("\t")[2])
        for line in out.splitlines()
        if line.startswith("relied_on_by\t")
    ]
    assert found == relying(role_id)


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_show_role_json_keeps_exactly_the_catalogs_keys(role_id: str) -> None:
    shown = as_json(run("show", role_id, "--json"))
    assert list(shown) == ROLE_KEYS
    assert shown == next(r for r in DATA["roles"] if r["id"] == role_id)


def test_show_role_table_names_them_and_marks_our_reading() -> None:
    out = run("show", "devops").stdout
    [line] = [line for line in out.splitlines() if line.startswith("Relied on by")]
    assert line.split(None, 3)[3] == "embedded *, independent *"


def test_show_role_table_says_when_no_archetype_relies_on_it() -> None:
    out = run("show", "data-scientist").stdout
    assert "no archetype of the catalog" in out


def test_show_role_markdown_has_a_relied_on_by_section() -> None:
    out = run("show", "mle", "--format", "markdown").stdout
    section = out.split("\n## Relied on by\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.splitlines() == [
        "- ML embedded in business and product teams (`embedded`), stated: Puts models into"
        " production and owns them there.",
        "- Independent ML function (`independent`), stated: Works with ML PMs and researchers.",
        "- ML-first organisation (`ml-first`), stated: The engineering side, in close"
        " collaboration with research.",
    ]
