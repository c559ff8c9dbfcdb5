"""The archetypes as `mlroles org` shows them keep the facts of the teams reference sheet.

tests/test_catalog_facts_v2.py holds the file itself to the sheet (names, companies, pros,
cons, design choices, relied-on roles, source URLs). This module adds what it leaves out (what
each archetype is, the notes on the roles it relies on, the sources' titles) and reads
everything through the command, so that what a person sees is what the sheet says.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from mlroles.cli.entry import app

F19_ORG = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/team-structure"
S21 = "https://fullstackdeeplearning.com/spring2021/lecture-13/"
F22 = "https://fullstackdeeplearning.com/course/2022/lecture-8-teams-and-pm/"
#: The sheet's sources for the archetypes (the three lectures agree), with each page's heading.
SOURCES = [
    ("Full Stack Deep Learning (fall 2019), ML Teams: Team Structure", F19_ORG),
    ("Full Stack Deep Learning (spring 2021), Lecture 13: ML Teams and Startups", S21),
    ("Full Stack Deep Learning (2022), Lecture 8: ML Teams and Project Management", F22),
]


def shown(name: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["org", "show", name, "--json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def listed() -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["org", "list", "--json"])
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_org_list_gives_the_lectures_order_least_mature_first() -> None:
    assert [a["id"] for a in listed()] == ["nascent", "rnd", "embedded", "independent", "ml-first"]


@pytest.mark.parametrize(
    ("archetype_id", "phrases"),
    [
        # "nobody does ML, or only ad hoc; little ML expertise in house"
        pytest.param("nascent", ["nobody", "now and then", "little ml know-how"], id="nascent"),
        # "ML sits in the R&D arm"
        pytest.param("rnd", ["research and development arm"], id="rnd"),
        # "some product teams or business units have ML people beside their software or
        # analytics people"; they "report up to the team's engineering/tech lead"
        pytest.param(
            "embedded",
            [
                "product teams or business units",
                "software or analytics",
                "engineering or tech lead",
            ],
            id="embedded",
        ),
        # "a central ML division reporting to senior leadership"
        pytest.param("independent", ["central ml division", "senior leadership"], id="independent"),
        # "the CEO invests in ML; experts across the business go for quick wins, a central
        # division does hard long-term projects"
        pytest.param(
            "ml-first",
            ["chief executive", "quick wins", "central division", "long-term"],
            id="ml-first",
        ),
    ],
)
def test_what_each_archetype_is(archetype_id: str, phrases: list[str]) -> None:
    summary = shown(archetype_id)["summary"].lower()
    for phrase in phrases:
        assert phrase in summary, phrase


@pytest.mark.parametrize(
    ("archetype_id", "role", "phrases"),
    [
        # "ML researchers and doctorate students with experience publishing papers";
        # "typically will not have data engineers"
        pytest.param(
            "rnd",
            "ml-researcher",
            ["researchers", "doctoral students", "published papers", "no data engineers"],
            id="rnd-researchers",
        ),
        # ML engineers who "own the models that they deploy"
        pytest.param("embedded", "ml-engineer", ["production", "owns them"], id="embedded-mle"),
        # "works with data engineers to build pipelines"
        pytest.param("embedded", "data-engineer", ["data pipelines"], id="embedded-de"),
        # "researchers need strong software engineering" (everyone deploys)
        pytest.param(
            "embedded", "ml-researcher", ["strong software engineering"], id="embedded-researcher"
        ),
        # "ML Product Managers work with Researchers and Engineers"
        pytest.param(
            "independent",
            "ml-product-manager",
            ["researchers", "engineers"],
            id="independent-pm",
        ),
        # "a strong internal data engineering function"
        pytest.param(
            "independent", "data-engineer", ["strong data engineering"], id="independent-de"
        ),
        # "sometimes publishes long-term research"
        pytest.param(
            "independent", "ml-researcher", ["long-term research"], id="independent-research"
        ),
        # "research and engineering teams work closely together"
        pytest.param("ml-first", "ml-researcher", ["close collaboration"], id="ml-first-research"),
        pytest.param("ml-first", "ml-engineer", ["close collaboration"], id="ml-first-mle"),
        # "the ML team often owns the company-wide data infrastructure": our reading of it
        pytest.param(
            "ml-first", "data-engineer", ["our reading", "data infrastructure"], id="ml-first-de"
        ),
    ],
)
def test_the_notes_on_the_roles_each_relies_on(
    archetype_id: str, role: str, phrases: list[str]
) -> None:
    [note] = [r["note"] for r in shown(archetype_id)["relies_on"] if r["role"] == role]
    for phrase in phrases:
        assert phrase in note.lower(), phrase


@pytest.mark.parametrize("archetype_id", ["embedded", "independent"])
def test_devops_is_our_reading_where_the_course_names_no_such_role(archetype_id: str) -> None:
    [devops] = [r for r in shown(archetype_id)["relies_on"] if r["role"] == "devops-engineer"]
    assert devops["basis"] == "inferred"
    assert "the course names no such role" in devops["note"]


@pytest.mark.parametrize("archetype_id", ["nascent", "rnd", "embedded", "independent", "ml-first"])
def test_sources_are_the_three_lectures_by_their_headings(archetype_id: str) -> None:
    sources = [(s["title"], s["url"]) for s in shown(archetype_id)["sources"]]
    assert sources == SOURCES


def test_every_stated_role_is_one_the_sheet_names_and_nascent_names_none() -> None:
    stated = {
        a["id"]: [r["role"] for r in a["relies_on"] if r["basis"] == "stated"] for a in listed()
    }
    # The sheet's "people it relies on" column: none named; researchers; ML engineers,
    # researchers and data engineers; PMs, researchers, engineers and data engineering;
    # research and engineering.
    assert stated == {
        "nascent": [],
        "rnd": ["ml-researcher"],
        "embedded": ["ml-engineer", "data-engineer", "ml-researcher"],
        "independent": ["ml-product-manager", "ml-researcher", "ml-engineer", "data-engineer"],
        "ml-first": ["ml-researcher", "ml-engineer"],
    }
