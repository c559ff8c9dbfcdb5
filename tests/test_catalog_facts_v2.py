"""The bundled catalog (format version 2) keeps the facts of the course's "ML Teams" lectures.

The expected values come from the project's two reference sheets of facts (the roles, and the
teams beyond the roles: archetypes, hiring, interviewing) and from the issues' tables of ids and
aliases. The file is read as plain YAML, so that these facts are checked apart from the models.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "roles.yaml"
DATA: dict[str, Any] = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))

F19 = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/roles"
F19_ORG = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/team-structure"
F19_HIRE = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/hiring"
S21 = "https://fullstackdeeplearning.com/spring2021/lecture-13/"
F22 = "https://fullstackdeeplearning.com/course/2022/lecture-8-teams-and-pm/"

#: Each page's own heading: a source's title ends with it.
HEADINGS = {
    F19: "ML Teams: Roles",
    F19_ORG: "ML Teams: Team Structure",
    F19_HIRE: "ML Teams: Hiring",
    S21: "Lecture 13: ML Teams and Startups",
    F22: "Lecture 8: ML Teams and Project Management",
}

PM, DEVOPS, DE, MLE, RESEARCHER, DS = (
    "ml-product-manager",
    "devops-engineer",
    "data-engineer",
    "ml-engineer",
    "ml-researcher",
    "data-scientist",
)
GROUPS = ("ml-adjacent", "core-ml", "business-analytics")
SKILLS = ("machine_learning", "software_engineering", "communication")
ARCHETYPES = ("nascent", "rnd", "embedded", "independent", "ml-first")


def by_id(kind: str) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in DATA.get(kind) or []}


ROLES = by_id("roles")
ARCH = by_id("archetypes")
GUIDANCE: list[dict[str, Any]] = DATA["guidance"]
ASSESSMENTS: list[dict[str, Any]] = DATA["assessments"]


def urls(entry: dict[str, Any]) -> list[str]:
    return [source["url"] for source in entry["sources"]]


def text_of(values: list[str]) -> str:
    return " ".join(values).lower()


def all_sources(node: Any) -> list[dict[str, Any]]:
    """Every source object anywhere in the file."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources":
                found.extend(value)
            else:
                found.extend(all_sources(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(all_sources(item))
    return found


# --- the format --------------------------------------------------------------------------------


def test_version_2_with_every_section() -> None:
    assert DATA["version"] == 2
    assert list(DATA) == [
        "version",
        "groups",
        "skills",
        "roles",
        "archetypes",
        "guidance",
        "assessments",
    ]


def test_the_bundled_file_extends_nothing_and_removes_nothing() -> None:
    assert "extends" not in DATA
    assert "remove" not in DATA


@pytest.mark.parametrize(
    "kind", ["groups", "skills", "roles", "archetypes", "guidance", "assessments"]
)
def test_ids_are_unique_within_their_kind(kind: str) -> None:
    ids = [entry["id"] for entry in DATA[kind]]
    assert len(ids) == len(set(ids))


def test_every_source_has_a_url_and_the_page_heading_as_title() -> None:
    sources = all_sources(DATA)
    assert len(sources) > 100
    for source in sources:
        assert set(source) == {"title", "url"}
        assert source["url"] in HEADINGS, source
        assert source["title"].startswith("Full Stack Deep Learning ("), source
        assert source["title"].endswith(HEADINGS[source["url"]]), source


# --- groups ------------------------------------------------------------------------------------


def test_the_three_hiring_groups() -> None:
    assert [group["id"] for group in DATA["groups"]] == list(GROUPS)
    assert [group["title"] for group in DATA["groups"]] == [
        "ML-adjacent roles",
        "Core ML roles",
        "Business analytics roles",
    ]


@pytest.mark.parametrize(
    ("group_id", "members", "phrases"),
    [
        pytest.param(
            "ml-adjacent", {PM, DEVOPS, DE}, ["hiring group", "interest in ml"], id="ml-adjacent"
        ),
        pytest.param("core-ml", {MLE, RESEARCHER}, ["hiring group", "ml engineer"], id="core-ml"),
        pytest.param(
            "business-analytics",
            {DS},
            ["hiring group", "business questions", "data scientist"],
            id="business-analytics",
        ),
    ],
)
def test_group_members_and_summary(group_id: str, members: set[str], phrases: list[str]) -> None:
    group = by_id("groups")[group_id]
    assert {r for r, role in ROLES.items() if role["group"] == group_id} == members
    summary = group["summary"].lower()
    for phrase in phrases:
        assert phrase in summary, phrase
    assert "\n" not in group["summary"]
    assert urls(group) == [S21, F22]


# --- skill axes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skill_id", "aliases", "ends"),
    [
        pytest.param("machine_learning", ["ml"], ["low", "high"], id="machine_learning"),
        pytest.param("software_engineering", ["se", "swe"], ["low", "high"], id="se"),
        pytest.param("communication", ["comm"], ["small", "big"], id="communication"),
    ],
)
def test_skill_axes(skill_id: str, aliases: list[str], ends: list[str]) -> None:
    skill = by_id("skills")[skill_id]
    assert skill["aliases"] == aliases
    summary = skill["summary"].lower()
    assert "chart" in summary
    for end in ends:
        assert end in summary, end
    assert urls(skill) == [S21, F22]


def test_the_axes_in_the_charts_order() -> None:
    assert [skill["id"] for skill in DATA["skills"]] == list(SKILLS)


@pytest.mark.parametrize("role_id", list(ROLES))
def test_every_role_has_a_level_on_each_declared_axis_and_no_other(role_id: str) -> None:
    levels = ROLES[role_id]["skills"]
    assert set(levels) == set(SKILLS)
    assert all(0 <= value <= 1 for value in levels.values())


# --- archetypes ---------------------------------------------------------------------------------


def test_the_five_archetypes_from_least_to_most_mature() -> None:
    assert [a["id"] for a in DATA["archetypes"]] == list(ARCHETYPES)


@pytest.mark.parametrize(
    ("archetype_id", "aliases", "title"),
    [
        pytest.param(
            "nascent", ["ad-hoc", "nascent-ad-hoc"], "Nascent and ad-hoc ML", id="nascent"
        ),
        pytest.param("rnd", ["ml-rnd", "research-and-development"], "ML R&D", id="rnd"),
        pytest.param(
            "embedded",
            ["product-embedded", "business-embedded"],
            "ML embedded in business and product teams",
            id="embedded",
        ),
        pytest.param(
            "independent",
            ["ml-function", "independent-ml", "centralised", "centralized"],
            "Independent ML function",
            id="independent",
        ),
        pytest.param("ml-first", ["ml-first-organisation"], "ML-first organisation", id="ml-first"),
    ],
)
def test_archetype_names(archetype_id: str, aliases: list[str], title: str) -> None:
    assert ARCH[archetype_id]["aliases"] == aliases
    assert ARCH[archetype_id]["title"] == title


@pytest.mark.parametrize(
    ("archetype_id", "words"),
    [
        pytest.param(
            "nascent", ["small and medium", "education", "logistics", "less forward"], id="nascent"
        ),
        pytest.param("rnd", ["oil and gas", "manufacturing", "telecommunications"], id="rnd"),
        pytest.param("embedded", ["software companies", "financial services"], id="embedded"),
        pytest.param("independent", ["large financial services"], id="independent"),
        pytest.param("ml-first", ["large technology companies", "startups"], id="ml-first"),
    ],
)
def test_archetype_companies(archetype_id: str, words: list[str]) -> None:
    companies = text_of(ARCH[archetype_id]["companies"])
    for word in words:
        assert word in companies, word


@pytest.mark.parametrize(
    ("archetype_id", "pros", "cons"),
    [
        pytest.param(
            "nascent",
            ["low-hanging fruit"],
            ["little support", "hard to hire and to keep"],
            id="nascent",
        ),
        pytest.param(
            "rnd",
            ["experienced researchers", "long-term priorities", "big wins"],
            ["quality data", "business value", "investment"],
            id="rnd",
        ),
        pytest.param(
            "embedded",
            ["business value", "feedback loop"],
            ["hire and to develop", "data and compute", "long-term ml work"],
            id="embedded",
        ),
        pytest.param(
            "independent",
            ["talent density", "data and compute"],
            ["handing models off", "feedback cycles are slow"],
            id="independent",
        ),
        pytest.param(
            "ml-first",
            ["access to data", "recruiting funnel", "deployment is easiest"],
            ["culturally hard"],
            id="ml-first",
        ),
    ],
)
def test_archetype_pros_and_cons(archetype_id: str, pros: list[str], cons: list[str]) -> None:
    archetype = ARCH[archetype_id]
    for phrase in pros:
        assert phrase in text_of(archetype["pros"]), phrase
    for phrase in cons:
        assert phrase in text_of(archetype["cons"]), phrase


@pytest.mark.parametrize(
    ("archetype_id", "engineering_vs_research", "data_ownership", "model_ownership"),
    [
        pytest.param(
            "rnd",
            ["research comes before software engineering", "together little"],
            ["no control over the data", "no data engineering"],
            ["seldom reach production"],
            id="rnd",
        ),
        pytest.param(
            "embedded",
            ["software engineering comes before research", "everyone deploys"],
            ["does not own", "data engineers"],
            ["ml engineers own the models"],
            id="embedded",
        ),
        pytest.param(
            "independent",
            ["mixes software engineering and research", "closely"],
            ["data governance", "strong data engineering"],
            ["hands models off", "keeps maintaining"],
            id="independent",
        ),
        pytest.param(
            "ml-first",
            ["more or less towards research", "collaborate closely"],
            ["data infrastructure of the whole company"],
            ["hands models off", "who run and maintain them"],
            id="ml-first",
        ),
    ],
)
def test_archetype_design_choices(
    archetype_id: str,
    engineering_vs_research: list[str],
    data_ownership: list[str],
    model_ownership: list[str],
) -> None:
    design = ARCH[archetype_id]["design"]
    assert list(design) == ["engineering_vs_research", "data_ownership", "model_ownership"]
    expected = {
        "engineering_vs_research": engineering_vs_research,
        "data_ownership": data_ownership,
        "model_ownership": model_ownership,
    }
    for field, phrases in expected.items():
        for phrase in phrases:
            assert phrase in design[field].lower(), (field, phrase)


def test_the_nascent_archetype_has_no_design_choices_and_relies_on_nobody() -> None:
    assert "design" not in ARCH["nascent"]
    assert ARCH["nascent"]["relies_on"] == []


@pytest.mark.parametrize(
    ("archetype_id", "stated", "inferred"),
    [
        pytest.param("nascent", [], [], id="nascent"),
        pytest.param("rnd", [RESEARCHER], [], id="rnd"),
        pytest.param("embedded", [MLE, DE, RESEARCHER], [DEVOPS], id="embedded"),
        pytest.param("independent", [PM, RESEARCHER, MLE, DE], [DEVOPS], id="independent"),
        pytest.param("ml-first", [RESEARCHER, MLE], [DE], id="ml-first"),
    ],
)
def test_archetype_relies_on(archetype_id: str, stated: list[str], inferred: list[str]) -> None:
    relies_on = ARCH[archetype_id]["relies_on"]
    assert [r["role"] for r in relies_on if r["basis"] == "stated"] == stated
    assert [r["role"] for r in relies_on if r["basis"] == "inferred"] == inferred
    for entry in relies_on:
        assert set(entry) == {"role", "basis", "note"}
        assert entry["role"] in ROLES
        if entry["basis"] == "inferred":
            assert entry["note"].startswith("Our reading"), entry


def test_rnd_has_no_data_engineers() -> None:
    rnd = ARCH["rnd"]
    assert DE not in [r["role"] for r in rnd["relies_on"]]
    assert "no data engineers" in rnd["relies_on"][0]["note"]


@pytest.mark.parametrize("archetype_id", ARCHETYPES)
def test_archetype_sources(archetype_id: str) -> None:
    # The three lectures agree on the archetypes.
    assert urls(ARCH[archetype_id]) == [F19_ORG, S21, F22]


# --- guidance -----------------------------------------------------------------------------------

TOPICS = {
    "talent-gap",
    "hire-for",
    "avoid",
    "find-candidates",
    "practitioners-want",
    "interview",
    "employers-look-for",
    "get-hired",
    "stand-out",
}
GUIDANCE_KEYS = {"id", "topic", "scope", "role", "group", "text", "year", "rank", "no_advice"}


def test_every_topic_has_guidance() -> None:
    assert {item["topic"] for item in GUIDANCE} == TOPICS


@pytest.mark.parametrize("item", GUIDANCE, ids=[item["id"] for item in GUIDANCE])
def test_guidance_item_shape(item: dict[str, Any]) -> None:
    assert set(item) <= GUIDANCE_KEYS | {"sources", "inferred"}
    assert item["topic"] in TOPICS
    targets = {key for key in ("role", "group") if key in item}
    expected = {"role": {"role"}, "group": {"group"}, "all": set()}[item["scope"]]
    assert targets == expected
    if "role" in item:
        assert item["role"] in ROLES
    if "group" in item:
        assert item["group"] in GROUPS
    assert item["sources"]
    assert set(item.get("inferred", {})) <= GUIDANCE_KEYS - {"id"}


@pytest.mark.parametrize(
    ("topic", "scope", "target", "phrases", "source_urls"),
    [
        pytest.param(
            "hire-for",
            "role",
            MLE,
            ["software engineering", "interest in ml", "wish to learn"],
            [S21, F22],
            id="mle-hire-for",
        ),
        pytest.param(
            "avoid",
            "role",
            MLE,
            ["unicorn", "state of the art", "from scratch", "phd", "4+ years of tensorflow"],
            [S21, F22],
            id="mle-unicorn",
        ),
        pytest.param(
            "hire-for",
            "role",
            RESEARCHER,
            ["quality", "important problems", "outside academia", "without a phd", "physics"],
            [S21, F22],
            id="researcher-hire-for",
        ),
        pytest.param(
            "employers-look-for",
            "group",
            "ml-adjacent",
            ["interest in ml", "talk about it", "experience"],
            [S21, F22],
            id="ml-adjacent-look-for",
        ),
        pytest.param(
            "employers-look-for",
            "group",
            "core-ml",
            ["software engineering", "interest in ml", "wish to learn"],
            [S21, F22],
            id="core-ml-look-for",
        ),
        pytest.param(
            "find-candidates",
            "all",
            None,
            ["linkedin", "recruiters", "on-campus", "hired"],
            [S21, F22],
            id="find-standard",
        ),
        pytest.param(
            "find-candidates",
            "group",
            "core-ml",
            ["arxiv", "first authors", "implementations", "neurips", "icml", "iclr"],
            [S21, F22],
            id="find-core-ml",
        ),
        pytest.param(
            "practitioners-want",
            "all",
            None,
            [
                "cutting-edge",
                "research-oriented",
                "tooling",
                "culture of learning",
                "reading groups",
                "conferences",
                "excellent people",
                "blog posts",
                "datasets",
                "mission",
                "tangible",
                "sell",
            ],
            [S21, F22],
            id="practitioners-want",
        ),
        pytest.param(
            "interview",
            "all",
            None,
            ["less settled", "minimum bar", "ml knowledge and software engineering", "chip huyen"],
            [S21, F22],
            id="interview",
        ),
        pytest.param(
            "get-hired",
            "all",
            None,
            ["projects", "neurips", "apply directly", "cracking the coding interview"],
            [F19_HIRE, S21, F22],
            id="get-hired",
        ),
        pytest.param(
            "talent-gap",
            "all",
            None,
            ["10,000", "element ai", "tencent", "3.6 million", "18.2 million", "production"],
            [S21, F22],
            id="talent-gap",
        ),
    ],
)
def test_guidance_facts(
    topic: str, scope: str, target: str | None, phrases: list[str], source_urls: list[str]
) -> None:
    items = [
        item
        for item in GUIDANCE
        if item["topic"] == topic
        and item["scope"] == scope
        and item.get("role", item.get("group")) == target
    ]
    assert items
    text = " ".join(item["text"] for item in items).lower()
    for phrase in phrases:
        assert phrase in text, phrase
    cited = {url for item in items for url in urls(item)}
    assert cited == set(source_urls)


@pytest.mark.parametrize(
    ("item_id", "year", "phrases", "source_urls"),
    [
        pytest.param(
            "ml-engineer-consider-juniors",
            2022,
            ["junior", "recent graduates"],
            [F22],
            id="mle-juniors-2022",
        ),
        pytest.param("interview-book", 2022, ["chip huyen"], [F22], id="interview-book-2022"),
        pytest.param("talent-gap-2021", 2021, ["10,000", "tencent"], [S21], id="talent-gap-2021"),
        pytest.param(
            "talent-gap-2022", 2022, ["less of an obstacle", "production"], [F22], id="gap-2022"
        ),
    ],
)
def test_guidance_of_one_year(
    item_id: str, year: int, phrases: list[str], source_urls: list[str]
) -> None:
    (item,) = [i for i in GUIDANCE if i["id"] == item_id]
    assert item["year"] == year
    for phrase in phrases:
        assert phrase in item["text"].lower(), phrase
    assert urls(item) == source_urls


def test_core_ml_look_for_is_marked_our_reading() -> None:
    # The course says it of ML engineers; the whole group is ours.
    (item,) = [i for i in GUIDANCE if i["id"] == "core-ml-look-for"]
    assert "ml engineers" in item["inferred"]["scope"].lower()


@pytest.mark.parametrize("topic", ["talent-gap", "stand-out"])
def test_figures_and_orders_that_change_by_year_give_their_year(topic: str) -> None:
    items = [item for item in GUIDANCE if item["topic"] == topic]
    assert all(item.get("year") in (2021, 2022) for item in items)
    assert {item["year"] for item in items} == {2021, 2022}


def test_the_data_scientist_gets_no_invented_advice() -> None:
    ds_items = [item for item in GUIDANCE if item.get("role") == DS]
    assert [item["topic"] for item in ds_items] == ["hire-for"]
    (item,) = ds_items
    assert item["no_advice"] is True
    assert "no hiring advice" in item["text"]
    (group_item,) = [item for item in GUIDANCE if item.get("group") == "business-analytics"]
    assert group_item["no_advice"] is True


def test_only_the_gaps_of_the_sources_are_marked_no_advice() -> None:
    marked = [item["id"] for item in GUIDANCE if item.get("no_advice")]
    assert marked == ["data-scientist-no-hiring-advice", "business-analytics-look-for"]


#: The course's order of increasing impressiveness; 2021 has the first two the other way round.
STAND_OUT = {
    2022: [
        "interest in ml",
        "software engineering",
        "broad knowledge",
        "projects done",
        "creative",
    ],
    2021: [
        "software engineering",
        "interest in ml",
        "broad knowledge",
        "projects done",
        "creative",
    ],
}


@pytest.mark.parametrize(
    ("year", "order"), [pytest.param(y, o, id=str(y)) for y, o in STAND_OUT.items()]
)
def test_standing_out_in_the_courses_order(year: int, order: list[str]) -> None:
    items = sorted(
        (i for i in GUIDANCE if i["topic"] == "stand-out" and i["year"] == year),
        key=lambda i: i["rank"],
    )
    assert [i["rank"] for i in items] == [1, 2, 3, 4, 5]
    assert all(i["scope"] == "all" for i in items)
    for item, phrase in zip(items, order, strict=True):
        assert phrase in item["text"].lower(), (item["id"], phrase)
    expected_source = {2021: S21, 2022: F22}[year]
    assert all(urls(i) == [expected_source] for i in items)


@pytest.mark.parametrize(
    ("year", "examples"),
    [
        pytest.param(2022, ["conferences", "online courses", "blog posts", "kaggle"], id="2022"),
        pytest.param(2021, ["well-known software company", "re-implemented", "papers"], id="2021"),
    ],
)
def test_standing_out_examples(year: int, examples: list[str]) -> None:
    text = " ".join(
        i["text"] for i in GUIDANCE if i["topic"] == "stand-out" and i["year"] == year
    ).lower()
    for example in examples:
        assert example in text, example


# --- assessments -------------------------------------------------------------------------------

NINE = [
    ("background-culture-fit", "Background and culture fit", "background"),
    ("whiteboard-coding", "Whiteboard coding", "software engineering interviews"),
    ("pair-coding", "Pair coding", "together"),
    ("pair-debugging", "Pair debugging", "ml code"),
    ("math-puzzles", "Math puzzles", "linear algebra"),
    ("take-home-ml-project", "Take-home ML project", "at home"),
    ("applied-ml", "Applied ML", "solving a given problem with ml"),
    ("previous-ml-projects", "Previous ML projects", "what they tried"),
    ("ml-theory", "ML theory", "bias-variance"),
]


def test_the_slides_nine_assessment_types_come_first_and_are_general() -> None:
    general = [a for a in ASSESSMENTS if a["scope"] == "general"]
    assert [a["id"] for a in general] == [entry[0] for entry in NINE]
    assert ASSESSMENTS[:9] == general


@pytest.mark.parametrize(
    ("assessment_id", "title", "phrase"), [pytest.param(*entry, id=entry[0]) for entry in NINE]
)
def test_assessment_type(assessment_id: str, title: str, phrase: str) -> None:
    (assessment,) = [a for a in ASSESSMENTS if a["id"] == assessment_id]
    assert assessment["title"] == title
    assert phrase in assessment["summary"].lower()
    assert "role" not in assessment and "group" not in assessment
    assert urls(assessment) == [S21]


@pytest.mark.parametrize(
    ("assessment_id", "phrase"),
    [
        pytest.param("researcher-creative-thinking", "creative", id="creative"),
        pytest.param("researcher-code-quality", "code quality", id="code-quality"),
    ],
)
def test_the_researcher_rule_is_tied_to_the_researcher(assessment_id: str, phrase: str) -> None:
    (assessment,) = [a for a in ASSESSMENTS if a["id"] == assessment_id]
    assert assessment["scope"] == "role"
    assert assessment["role"] == RESEARCHER
    assert phrase in (assessment["title"] + assessment["summary"]).lower()
    assert "inferred" not in assessment


def test_the_researcher_rule_is_the_only_one_tied_to_a_role() -> None:
    assert [a["id"] for a in ASSESSMENTS if a["scope"] == "role"] == [
        "researcher-creative-thinking",
        "researcher-code-quality",
    ]


def test_every_other_tie_is_marked_our_reading() -> None:
    inferred = [a for a in ASSESSMENTS if a["scope"] == "inferred"]
    assert inferred
    for assessment in inferred:
        assert ("role" in assessment) != ("group" in assessment)
        assert assessment["inferred"]["scope"].startswith("Our reading")


# --- the seven drifts of the teams sheet ------------------------------------------------------


def _drift_pm_background() -> None:
    background = ROLES[PM]["background"].lower()
    # A resemblance to a traditional PM, not a statement that the person was one.
    assert "as a traditional product manager does" in background
    assert not background.startswith("a traditional product manager")


def _drift_researcher_summary() -> None:
    summary = ROLES[RESEARCHER]["summary"].lower()
    assert "often" in summary
    assert "not yet" not in summary


def _drift_ds_background() -> None:
    background = ROLES[DS]["background"].lower()
    assert "undergraduate" in background and "phd students" in background
    assert "fresh" not in background and "degree" not in background


def _drift_mle_communication() -> None:
    levels = {r: ROLES[r]["skills"]["communication"] for r in (DEVOPS, DE, MLE)}
    assert levels == {DEVOPS: 0.24, DE: 0.24, MLE: 0.24}
    communication = {r: role["skills"]["communication"] for r, role in ROLES.items()}
    assert communication[PM] > communication[DS] > communication[RESEARCHER] > 0.24


def _drift_source_titles() -> None:
    titles = {source["title"] for source in all_sources(DATA)}
    assert not any("Lecture 13, ML Teams" in t or "Lecture 8, Teams" in t for t in titles)
    assert {t for t in titles if "Lecture" in t} == {
        "Full Stack Deep Learning (spring 2021), Lecture 13: ML Teams and Startups",
        "Full Stack Deep Learning (2022), Lecture 8: ML Teams and Project Management",
    }


def _drift_data_engineer_works_with_note() -> None:
    note = ROLES[DE]["inferred"]["works_with"].lower()
    assert "embedded archetype" in note and "pipelines" in note
    assert "data owners" not in note


def _drift_devops() -> None:
    devops = ROLES[DEVOPS]
    assert "deployed ml product" in devops["inferred"]["work_product"].lower()
    merge = devops["inferred"]["aliases"].lower()
    assert "mlops" in merge and "our reading" in merge
    assert {"mlops", "ml-platform-engineer"} <= set(devops["aliases"])


@pytest.mark.parametrize(
    "check",
    [
        pytest.param(_drift_pm_background, id="1-pm-background"),
        pytest.param(_drift_researcher_summary, id="2-researcher-summary"),
        pytest.param(_drift_ds_background, id="3-ds-background"),
        pytest.param(_drift_mle_communication, id="4-mle-communication"),
        pytest.param(_drift_source_titles, id="5-source-titles"),
        pytest.param(_drift_data_engineer_works_with_note, id="6-de-works-with-note"),
        pytest.param(_drift_devops, id="7-devops"),
    ],
)
def test_drift_is_fixed(check: Any) -> None:
    check()


# The orderings that any scale of the skills chart must keep.
@pytest.mark.parametrize(
    ("skill", "order"),
    [
        pytest.param("machine_learning", [DEVOPS, DE, PM, DS, MLE, RESEARCHER], id="ml"),
        pytest.param("software_engineering", [PM, DS, RESEARCHER, MLE, DE, DEVOPS], id="se"),
    ],
)
def test_chart_orderings(skill: str, order: list[str]) -> None:
    values = [ROLES[r]["skills"][skill] for r in order]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


# --- our own words ------------------------------------------------------------------------------

SEED = """
The Machine Learning Product Manager is someone who works with the Machine Learning team, as well
as other business functions and the end-users. This person designs docs, creates wireframes, comes
up with the plan to prioritize and execute Machine Learning projects. The role is just like a
traditional Product Manager, but with a deep knowledge of the Machine Learning development process
and mindset. The DevOps Engineer is someone who deploys and monitors production systems. This
person handles the infrastructure that runs the deployed Machine Learning product. This role is
primarily a software engineering role, which often comes from a standard software engineering
pipeline. The Data Engineer is someone who builds data pipelines, aggregates and collects from data
storage, monitors data behavior. This person works with distributed systems such as Hadoop, Kafka,
Airflow. This person belongs to the software engineering team that works actively with Machine
Learning teams. The Machine Learning Engineer is someone who trains and deploys prediction models.
This person uses tools like TensorFlow and Docker to work with prediction systems running on real
data in production. This person is either an engineer with significant self-teaching OR a
science/engineering Ph.D. who works as a traditional software engineer after graduate school. The
Machine Learning Researcher is someone who trains prediction models, but often forward-looking or
not production-critical. This person uses TensorFlow / PyTorch / Jupiter to build models and
reports describing their experiments. This person is a Machine Learning expert who usually has an
MS or Ph.D. degree in Computer Science or Statistics or finishes an industrial fellowship program.
The Data Scientist is actually a blanket term used to describe all of the roles above. In some
organizations, this role actually entails answering business questions via analytics. The role
constitutes a wide range of backgrounds from undergraduate to Ph.D. students.
"""

#: The sources' own words, as the reference sheets quote them.
QUOTED = [
    "not yet a consensus on the right way to structure an ML team",
    "report up to the team's engineering/tech lead",
    "ML researchers and doctorate students with experience publishing papers",
    "typically will not have data engineers",
    "own the models that they deploy",
    "ML Product Managers work with Researchers and Engineers",
    "more standalone and more interdisciplinary",
    "are often overburdened",
    "Both types of PMs are crucial for ML success.",
    "from as few as 10,000 (Element AI) to as many as 200-300,000 people (Tencent)",
    "tends to be less of a blocker",
    "with production experience",
    "traditional ML knowledge is less important, as demonstrated interest, conversational"
    " understanding, and experience can help",
    "from full-fledged DevOps to algorithm development",
    "the core ML roles",
    "there's a talent gap!",
    "sell sell sell!",
    "much less well-defined than software engineering interviews",
    "just like a traditional Product Manager, but with",
    "often forward-looking or not production-critical",
    "from undergraduate to Ph.D. students",
    "work with data engineers to build pipelines",
    "the deployed Machine Learning product",
    "platforms like AWS or GCP",
]

#: The prose of each kind: written in our words. Short factual lists (responsibilities, work
#: products, tools, companies, pros and cons taken from the course's tables) are not prose.
PROSE_FIELDS = {
    "groups": ["summary"],
    "skills": ["summary"],
    "roles": ["summary", "background"],
    "archetypes": ["summary"],
    "guidance": ["text"],
    "assessments": ["summary"],
}


def _words(text: str) -> list[str]:
    text = re.sub(r"\bmachine learning\b", "ml", text.lower())
    return re.findall(r"[a-z0-9]+", text)


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


SOURCE_RUNS = _runs(_words(SEED), 5).union(*(_runs(_words(q), 5) for q in QUOTED))


def _prose() -> list[Any]:
    cases = []
    for kind, fields in PROSE_FIELDS.items():
        for entry in DATA[kind]:
            texts = [entry[field] for field in fields if field in entry]
            texts += list(entry.get("inferred", {}).values())
            texts += list(entry.get("design", {}).values())
            texts += [r["note"] for r in entry.get("relies_on", [])]
            cases.append(pytest.param(texts, id=f"{kind}:{entry['id']}"))
    return cases


@pytest.mark.parametrize("texts", _prose())
def test_prose_is_in_our_own_words(texts: list[str]) -> None:
    for text in texts:
        copied = _runs(_words(text), 5) & SOURCE_RUNS
        assert not copied, f"five or more words in a row from a source: {copied}"


def test_the_quoted_phrases_are_checked() -> None:
    # The check above can fail: a sentence that copies the seed is caught.
    copied = "someone who deploys and monitors production systems"
    assert _runs(_words(copied), 5) & SOURCE_RUNS


# --- through the models --------------------------------------------------------------------------


def test_the_bundled_catalog_loads_with_every_section() -> None:
    from mlroles.catalog.load import bundled_path, load_catalog

    catalog = load_catalog(bundled_path())
    assert [a.id for a in catalog.archetypes] == list(ARCHETYPES)
    assert len(catalog.guidance) == len(GUIDANCE)
    assert len(catalog.assessments) == len(ASSESSMENTS)
    assert catalog.skill_ids == list(SKILLS)
    assert not catalog.extends_another


def test_a_version_1_file_declares_the_bundled_groups_and_skills() -> None:
    # Version 1 files load as if they declared the course's groups and axes, as written here.
    from mlroles.catalog.entries import course_groups, course_skills
    from mlroles.catalog.load import bundled_path, load_catalog

    catalog = load_catalog(bundled_path())
    assert course_groups() == catalog.groups
    assert course_skills() == catalog.skills
