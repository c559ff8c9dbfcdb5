"""The bundled catalog keeps the facts of the Full Stack Deep Learning lectures on ML teams.

The expected values come from the project's reference sheet of facts (the seed page of the
fall 2019 course, the spring 2021 and 2022 lecture notes) and from the issue's table of ids
and aliases.
"""

from __future__ import annotations

import re

import pytest

from mlroles.catalog.entries import Role
from mlroles.catalog.load import bundled_path, load_catalog

CATALOG = load_catalog(bundled_path())
ROLES = {role.id: role for role in CATALOG.roles}

F19 = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/roles"
F19_ORG = "https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/team-structure"
S21 = "https://fullstackdeeplearning.com/spring2021/lecture-13/"
F22 = "https://fullstackdeeplearning.com/course/2022/lecture-8-teams-and-pm/"

PM, DEVOPS, DE, MLE, RESEARCHER, DS = (
    "ml-product-manager",
    "devops-engineer",
    "data-engineer",
    "ml-engineer",
    "ml-researcher",
    "data-scientist",
)
ENGINEERS = (DEVOPS, DE, MLE)


def role(role_id: str) -> Role:
    return ROLES[role_id]


def test_the_six_roles_in_the_order_of_the_2019_talk() -> None:
    assert [r.id for r in CATALOG.roles] == [PM, DEVOPS, DE, MLE, RESEARCHER, DS]


@pytest.mark.parametrize(
    ("role_id", "title"),
    [
        (PM, "ML Product Manager"),
        (DEVOPS, "DevOps Engineer"),
        (DE, "Data Engineer"),
        (MLE, "ML Engineer"),
        (RESEARCHER, "ML Researcher"),
        (DS, "Data Scientist"),
    ],
)
def test_titles(role_id: str, title: str) -> None:
    assert role(role_id).title == title


@pytest.mark.parametrize(
    ("role_id", "aliases"),
    [
        pytest.param(PM, {"pm", "ml-pm", "product-manager"}, id=PM),
        pytest.param(DEVOPS, {"devops", "mlops"}, id=DEVOPS),
        pytest.param(DE, {"de"}, id=DE),
        pytest.param(MLE, {"mle"}, id=MLE),
        pytest.param(RESEARCHER, {"researcher", "ml-scientist"}, id=RESEARCHER),
        pytest.param(DS, {"ds"}, id=DS),
    ],
)
def test_the_issues_aliases_are_there(role_id: str, aliases: set[str]) -> None:
    assert aliases <= set(role(role_id).aliases)


@pytest.mark.parametrize(
    ("role_id", "tools"),
    [
        pytest.param(PM, ["Jira"], id=PM),
        pytest.param(DEVOPS, ["AWS", "GCP", "Kafka"], id=DEVOPS),
        pytest.param(DE, ["Hadoop", "Kafka", "Airflow"], id=DE),
        pytest.param(MLE, ["TensorFlow", "Docker"], id=MLE),
        pytest.param(RESEARCHER, ["TensorFlow", "PyTorch", "Jupyter"], id=RESEARCHER),
        pytest.param(
            DS, ["SQL", "Excel", "Jupyter", "Pandas", "scikit-learn", "TensorFlow"], id=DS
        ),
    ],
)
def test_tools(role_id: str, tools: list[str]) -> None:
    assert role(role_id).tools == tools


def test_jupyter_is_spelled_right() -> None:
    # The seed page misspells it "Jupiter"; the catalog must not carry the slip.
    assert not any("jupiter" in tool.lower() for r in CATALOG.roles for tool in r.tools)


@pytest.mark.parametrize(
    ("role_id", "products"),
    [
        pytest.param(PM, {"design docs", "wireframes", "work plans"}, id=PM),
        pytest.param(DEVOPS, {"deployed product", "ml infrastructure"}, id=DEVOPS),
        pytest.param(DE, {"distributed system"}, id=DE),
        pytest.param(MLE, {"prediction system running on real data in production"}, id=MLE),
        pytest.param(DS, {"prediction model", "report"}, id=DS),
    ],
)
def test_work_products(role_id: str, products: set[str]) -> None:
    assert {p.lower() for p in role(role_id).work_product} == products


def test_researcher_work_product_is_a_model_and_a_report_on_it() -> None:
    products = [p.lower() for p in role(RESEARCHER).work_product]
    assert "prediction model" in products
    assert any(p.startswith("report") and "experiment" in p for p in products)


@pytest.mark.parametrize(
    ("role_id", "group"),
    [
        (PM, "ml-adjacent"),
        (DEVOPS, "ml-adjacent"),
        (DE, "ml-adjacent"),
        (MLE, "core-ml"),
        (RESEARCHER, "core-ml"),
        (DS, "business-analytics"),
    ],
)
def test_hiring_groups(role_id: str, group: str) -> None:
    assert role(role_id).group == group


@pytest.mark.parametrize(
    ("role_id", "urls"),
    [
        pytest.param(PM, [F19, S21, F22], id=PM),
        pytest.param(DEVOPS, [F19, S21, F22], id=DEVOPS),
        pytest.param(DE, [F19, S21], id=DE),
        pytest.param(MLE, [F19, S21, F22], id=MLE),
        pytest.param(RESEARCHER, [F19, S21, F22], id=RESEARCHER),
        pytest.param(DS, [F19, S21, F22], id=DS),
    ],
)
def test_sources_per_role(role_id: str, urls: list[str]) -> None:
    assert [str(source.url) for source in role(role_id).sources] == urls
    assert all(
        source.title.startswith("Full Stack Deep Learning") for source in role(role_id).sources
    )


@pytest.mark.parametrize(
    ("role_id", "phrases"),
    [
        pytest.param(
            PM, ["design docs", "wireframes", "prioritised", "end users", "data owners"], id=PM
        ),
        pytest.param(DEVOPS, ["deploy", "monitor", "infrastructure"], id=DEVOPS),
        pytest.param(DE, ["data pipelines", "data storage", "monitor"], id=DE),
        pytest.param(MLE, ["train", "deploy", "maintain"], id=MLE),
        pytest.param(
            RESEARCHER, ["train", "forward-looking", "production-critical"], id=RESEARCHER
        ),
        pytest.param(DS, ["other roles", "business questions", "analytics"], id=DS),
    ],
)
def test_responsibilities(role_id: str, phrases: list[str]) -> None:
    text = " ".join(role(role_id).responsibilities).lower()
    for phrase in phrases:
        assert phrase in text, phrase


@pytest.mark.parametrize(
    ("role_id", "phrases"),
    [
        pytest.param(PM, ["traditional product manager", "ml development process"], id=PM),
        pytest.param(DEVOPS, ["software engineering"], id=DEVOPS),
        pytest.param(DE, ["software engineering", "ml teams"], id=DE),
        pytest.param(MLE, ["ml", "software engineer", "phd", "graduate school"], id=MLE),
        pytest.param(
            RESEARCHER,
            ["ml expert", "ms or phd", "computer science", "statistics", "industrial fellowship"],
            id=RESEARCHER,
        ),
        pytest.param(DS, ["undergraduate", "phd"], id=DS),
    ],
)
def test_backgrounds(role_id: str, phrases: list[str]) -> None:
    text = role(role_id).background.lower()
    for phrase in phrases:
        assert phrase in text, phrase


# --- the skills chart --------------------------------------------------------------------------

#: The spring 2021 chart read in pixels: (ML across, software engineering up, bubble radius).
CHART = {
    DEVOPS: (0.11, 0.93, 18),
    DE: (0.27, 0.77, 18),
    MLE: (0.70, 0.56, 18),  # the same bubble as DevOps and data engineer (the teams sheet)
    RESEARCHER: (0.94, 0.28, 33),
    DS: (0.52, 0.23, 52),
    PM: (0.31, 0.10, 67),
}
LEGEND_RADIUS = 38


@pytest.mark.parametrize("role_id", list(CHART))
def test_skills_are_readings_of_the_chart(role_id: str) -> None:
    x, y, radius = CHART[role_id]
    skills = role(role_id).skills
    assert skills["machine_learning"] == pytest.approx(x, abs=0.01)
    assert skills["software_engineering"] == pytest.approx(y, abs=0.01)
    assert skills["communication"] == pytest.approx(radius / (2 * LEGEND_RADIUS), abs=0.01)


def _order(skill: str) -> list[str]:
    return sorted(ROLES, key=lambda role_id: role(role_id).skills[skill])


def test_machine_learning_ordering() -> None:
    assert _order("machine_learning") == [DEVOPS, DE, PM, DS, MLE, RESEARCHER]


def test_software_engineering_ordering() -> None:
    assert _order("software_engineering") == [PM, DS, RESEARCHER, MLE, DE, DEVOPS]


def test_communication_ordering() -> None:
    communication = {role_id: role(role_id).skills["communication"] for role_id in ROLES}
    assert communication[PM] > communication[DS] > communication[RESEARCHER]
    assert communication[RESEARCHER] > max(communication[e] for e in ENGINEERS)


def test_orderings_are_strict() -> None:
    for skill in ("machine_learning", "software_engineering"):
        values = [r.skills[skill] for r in CATALOG.roles]
        assert len(set(values)) == len(values), skill


# --- what is inferred, and what is not ---------------------------------------------------------


@pytest.mark.parametrize("role_id", list(ROLES))
def test_skills_are_marked_inferred_as_approximate_readings(role_id: str) -> None:
    note = role(role_id).inferred.get("skills", "")
    assert "approximate" in note.lower()


@pytest.mark.parametrize("role_id", [DEVOPS, DE])
def test_unstated_work_products_are_marked_inferred(role_id: str) -> None:
    assert "work_product" in role(role_id).inferred


def test_work_products_stated_by_a_source_are_not_marked_inferred() -> None:
    assert [r for r in (PM, MLE, RESEARCHER, DS) if "work_product" in role(r).inferred] == []


@pytest.mark.parametrize("role_id", list(ROLES))
def test_works_with_is_marked_inferred(role_id: str) -> None:
    # No source lists which roles work with which: every such list is our reading.
    if role(role_id).works_with:
        assert "works_with" in role(role_id).inferred


@pytest.mark.parametrize("field", ["title", "tools", "group", "background", "responsibilities"])
def test_stated_fields_are_not_marked_inferred(field: str) -> None:
    assert [r.id for r in CATALOG.roles if field in r.inferred] == []


def test_works_with_is_symmetric_and_never_the_role_itself() -> None:
    for r in CATALOG.roles:
        assert r.id not in r.works_with
        for other in r.works_with:
            assert r.id in role(other).works_with, f"{r.id} -> {other} but not back"


# --- our own words -----------------------------------------------------------------------------

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


def _words(text: str) -> list[str]:
    text = re.sub(r"\bmachine learning\b", "ml", text.lower())
    return re.findall(r"[a-z0-9]+", text)


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("role_id", list(ROLES))
def test_summary_is_one_sentence_in_our_own_words(role_id: str) -> None:
    summary = role(role_id).summary
    assert summary.endswith(".")
    assert not re.search(r"[.!?]\s+[A-Z]", summary), "more than one sentence"
    copied = _runs(_words(summary), 5) & _runs(_words(SEED), 5)
    assert not copied, f"five or more words in a row from the seed page: {copied}"
