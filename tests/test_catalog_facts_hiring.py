"""The bundled hiring guidance holds what `mlroles hire` needs, as the teams reference sheet says.

These add to tests/test_catalog_facts_v2.py (which checks every topic's phrases as a whole) the
facts a hiring brief rests on item by item: each row of the course's "what practitioners want"
table pairs a wish with its way to stand out, the whole "unicorn" ad, the ML engineer's "be
specific", the figures of the 2021 talent gap, which year names which channel, and that every
role's brief has something to say on what to hire for (or says that the course has nothing).
The file is read as plain YAML, apart from the models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "roles.yaml"
DATA: dict[str, Any] = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
GUIDANCE: dict[str, dict[str, Any]] = {item["id"]: item for item in DATA["guidance"]}
ROLES: dict[str, dict[str, Any]] = {role["id"]: role for role in DATA["roles"]}

S21 = "https://fullstackdeeplearning.com/spring2021/lecture-13/"
F22 = "https://fullstackdeeplearning.com/course/2022/lecture-8-teams-and-pm/"


def text(item_id: str) -> str:
    return " ".join(GUIDANCE[item_id]["text"].split()).lower()


def urls(item_id: str) -> list[str]:
    return [source["url"] for source in GUIDANCE[item_id]["sources"]]


#: The sheet's table, one row per item: what practitioners want, then how to stand out to them.
WANTS = [
    pytest.param(
        "want-cutting-edge",
        ["cutting-edge tools and techniques"],
        ["research-oriented projects", "make known", "investing in tooling", "try new tools"],
        id="cutting-edge",
    ),
    pytest.param(
        "want-to-learn",
        ["skills and knowledge", "exciting field"],
        ["culture of learning", "reading groups", "learning days", "professional development"],
        id="learning",
    ),
    pytest.param(
        "want-excellent-people",
        ["excellent people"],
        ["hiring well-known people", "best people", "blog posts and papers"],
        id="excellent-people",
    ),
    pytest.param(
        "want-interesting-data",
        ["interesting datasets"],
        ["unique about your data", "recruiting material"],
        id="datasets",
    ),
    pytest.param(
        "want-work-that-matters",
        ["work to matter"],
        ["mission", "what ml could do", "tangible effect today"],
        id="work-that-matters",
    ),
]


@pytest.mark.parametrize(("item_id", "wish", "stand_out"), WANTS)
def test_each_row_of_what_practitioners_want(
    item_id: str, wish: list[str], stand_out: list[str]
) -> None:
    item = GUIDANCE[item_id]
    assert (item["topic"], item["scope"]) == ("practitioners-want", "all")
    body = text(item_id)
    wanted, _, how = body.partition("stand out")
    assert how, "the item says how to stand out"
    for phrase in wish:
        assert phrase in wanted, phrase
    for phrase in stand_out:
        assert phrase in how, phrase
    assert urls(item_id) == [S21, F22]


def test_the_table_has_its_five_rows_and_sell_sell_sell() -> None:
    items = [i for i in DATA["guidance"] if i["topic"] == "practitioners-want"]
    assert [i["id"] for i in items] == [p.values[0] for p in WANTS] + ["want-sell-the-job"]
    assert "sell" in text("want-sell-the-job")


def test_the_whole_unicorn_ad_is_named() -> None:
    body = text("ml-engineer-avoid-the-unicorn")
    for demand in (
        "state of the art",
        "implementing models from scratch",
        "building data pipelines",
        "deploying and monitoring models",
        "a phd",
        "4+ years of tensorflow",
        "papers at top ml conferences",
    ):
        assert demand in body, demand


def test_the_ml_engineer_ad_should_be_specific() -> None:
    item = GUIDANCE["ml-engineer-be-specific"]
    assert (item["topic"], item["scope"], item["role"]) == ("hire-for", "role", "ml-engineer")
    body = text("ml-engineer-be-specific")
    assert "nobody" in body and "devops" in body and "algorithms" in body
    assert urls("ml-engineer-be-specific") == [S21, F22]


def test_the_2021_talent_gap_has_both_ends_of_the_range() -> None:
    body = text("talent-gap-2021")
    assert "10,000" in body and "200,000 to 300,000" in body
    assert body.index("element ai") < body.index("tencent")


def test_only_the_2021_lecture_names_hired() -> None:
    body = text("find-standard-channels")
    assert "the 2021 lecture also names hired" in body


def test_the_researcher_advice_is_the_researchers_and_the_engineers_the_engineers() -> None:
    for item in DATA["guidance"]:
        if item["topic"] in ("hire-for", "avoid") and item["scope"] == "role":
            owner = item["role"]
            assert item["id"].startswith(
                {"ml-engineer": "ml-engineer-", "ml-researcher": "ml-researcher-"}.get(
                    owner, "data-scientist-"
                )
            ), item["id"]


@pytest.mark.parametrize("role_id", list(ROLES))
def test_every_role_gets_something_on_what_to_hire_for(role_id: str) -> None:
    role = ROLES[role_id]
    items = [
        item
        for item in DATA["guidance"]
        if item["topic"] in ("hire-for", "employers-look-for")
        and (item.get("role") == role_id or item.get("group") == role["group"])
    ]
    assert items, role_id
    if role_id == "data-scientist":  # the sheet: no specific advice; say so, invent nothing
        assert all(item.get("no_advice") for item in items)
    else:
        assert not any(item.get("no_advice") for item in items)


def test_the_interview_advice_says_every_industry_role_is_tested_on_both() -> None:
    body = text("interview-test-both")
    assert "every industry ml candidate" in body
    assert "ml knowledge and software engineering" in body
    assert "differently from one role to another" in body
