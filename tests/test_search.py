"""`mlroles search QUERY`: every word must match; names outrank prose; nothing found is exit 1."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_catalog import PLATFORM_TEAM, role, run, run_in_terminal, write_catalog
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.queries.search import fold, search
from mlroles.render.search import HIGHLIGHT, highlighted, search_table

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def found(*args: str) -> list[dict[str, Any]]:
    code, out, err = invoke(*args, "--json")
    assert (code, err) == (0, ""), err
    data: list[dict[str, Any]] = json.loads(out)
    return data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(["kafka"], ["devops-engineer", "data-engineer"], id="tool-two-roles"),
        pytest.param(["KaFkA"], ["devops-engineer", "data-engineer"], id="any-case"),
        pytest.param(["sklearn"], ["data-scientist"], id="tool-spelling"),
        pytest.param(["scikit", "learn"], ["data-scientist"], id="tool-in-two-words"),
        pytest.param(["tf"], ["ml-engineer", "ml-researcher", "data-scientist"], id="tf"),
        pytest.param(["jupyter", "notebooks"], ["ml-researcher", "data-scientist"], id="jupyter"),
        pytest.param(["pipelines"], ["data-engineer", "devops-engineer"], id="other-forms"),
        pytest.param(["wireframes"], ["ml-product-manager"], id="work-product"),
        pytest.param(["design", "docs"], ["ml-product-manager"], id="phrase"),
        pytest.param(["statistics"], ["ml-researcher"], id="background"),
        pytest.param(["analytics"], ["data-scientist"], id="summary-and-group"),
        pytest.param(
            ["kafka", "pipelines"], ["data-engineer", "devops-engineer"], id="across-fields"
        ),
        pytest.param(["kafka", "aggregating"], ["data-engineer"], id="words-across-fields"),
        pytest.param(["de"], ["data-engineer"], id="short-word-is-whole-word"),
    ],
)
def test_search_finds_exactly_these_roles_best_first(query: list[str], expected: list[str]) -> None:
    assert [hit["id"] for hit in found("search", *query, "--kind", "role")] == expected
    everything = found("search", *query)
    assert [hit["id"] for hit in everything if hit["kind"] == "role"] == expected


@pytest.mark.parametrize(
    ("query", "kind", "entry_id"),
    [
        pytest.param(["interview"], "guidance", "interview-less-settled", id="guidance"),
        pytest.param(["interviews"], "guidance", "interview-book", id="guidance-plural"),
        pytest.param(["kaggle"], "guidance", "stand-out-2022-creativity", id="stand-out"),
        pytest.param(["oil", "gas"], "archetype", "rnd", id="archetype-companies"),
        pytest.param(["ml-first"], "archetype", "ml-first", id="archetype-id"),
        pytest.param(["centralised"], "archetype", "independent", id="archetype-alias"),
        pytest.param(["deploys"], "archetype", "embedded", id="archetype-design"),
        pytest.param(["whiteboard"], "assessment", "whiteboard-coding", id="assessment"),
        pytest.param(["debugging"], "assessment", "pair-debugging", id="assessment-title"),
        pytest.param(["hiring", "advice"], "guidance", "data-scientist-no-hiring-advice", id="x"),
    ],
)
def test_search_finds_the_other_kinds_of_entry(query: list[str], kind: str, entry_id: str) -> None:
    hits = found("search", *query)
    assert (kind, entry_id) in [(hit["kind"], hit["id"]) for hit in hits]
    only = found("search", *query, "--kind", kind)
    assert only and {hit["kind"] for hit in only} == {kind}
    assert entry_id in [hit["id"] for hit in only]


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        pytest.param(["kafka"], {"archetype", "guidance", "assessment"}, id="kafka-roles-only"),
        pytest.param(["whiteboard"], {"role", "archetype"}, id="whiteboard"),
    ],
)
def test_search_finds_no_kind_where_the_word_is_not(query: list[str], absent: set[str]) -> None:
    kinds = {hit["kind"] for hit in found("search", *query)}
    assert kinds and not kinds & absent


def test_each_kind_names_its_entries_in_the_result() -> None:
    titles = {(hit["kind"], hit["id"]): hit["title"] for hit in found("search", "kaggle")}
    assert titles[("guidance", "stand-out-2022-creativity")] == "Standing out (2022, step 5)"
    titles = {(hit["kind"], hit["id"]): hit["title"] for hit in found("search", "unicorn")}
    assert titles[("guidance", "ml-engineer-avoid-the-unicorn")] == "What to avoid (ml-engineer)"
    code, out, _ = invoke("search", "whiteboard", "--format", "plain")
    assert code == 0
    assert out.splitlines()[0].split("\t")[:2] == ["assessment", "whiteboard-coding"]


def test_plain_is_one_line_per_match_whatever_the_kind() -> None:
    code, out, _ = invoke("search", "interview", "--format", "plain")
    assert code == 0
    lines = out.splitlines()
    kinds = {line.split("\t")[0] for line in lines}
    assert {"guidance", "assessment"} <= kinds
    assert all(len(line.split("\t")) == 5 for line in lines)
    hits = found("search", "interview")
    assert len(lines) == sum(len(hit["matches"]) for hit in hits)


@pytest.mark.parametrize("kind", ["Roles", "ASSESSMENT", " guidance "])
def test_kind_names_are_read_loosely(kind: str) -> None:
    assert found("search", "ml", "--kind", kind)


def test_an_unknown_kind_is_a_usage_error() -> None:
    code, out, err = invoke("search", "data", "--kind", "team")
    assert (code, out) == (2, "")
    assert err == (
        "mlroles search: --kind: unknown kind 'team' (kinds: role, archetype, guidance,"
        " assessment) (see 'mlroles search --help')\n"
    )


@pytest.mark.parametrize(
    ("query", "top"),
    [
        pytest.param(["ml", "engineer"], "ml-engineer", id="title"),
        pytest.param(["ML Engineer"], "ml-engineer", id="one-argument"),
        pytest.param(["ml_engineer"], "ml-engineer", id="underscore"),
        pytest.param(["devops"], "devops-engineer", id="alias"),
        pytest.param(["mlops"], "devops-engineer", id="newer-name"),
        pytest.param(["researcher"], "ml-researcher", id="researcher"),
        pytest.param(["data"], "data-engineer", id="more-matching-fields"),
        pytest.param(["deploy"], "devops-engineer", id="duty"),
        pytest.param(["pm"], "ml-product-manager", id="pm"),
        pytest.param(["report"], "data-scientist", id="exact-work-product"),
    ],
)
def test_search_ranks_this_role_first(query: list[str], top: str) -> None:
    assert found("search", *query)[0]["id"] == top


def test_json_is_an_array_of_hits_best_first_with_the_fields_that_matched() -> None:
    hits = found("search", "kafka")
    for hit in hits:
        assert list(hit) == ["kind", "id", "title", "score", "matches"]
        assert hit["kind"] == "role"
        for match in hit["matches"]:
            assert set(match) == {"field", "text"}
    assert hits[0]["matches"] == [{"field": "tools", "text": "Kafka"}]
    assert hits[0]["title"] == "DevOps Engineer"
    scores = [hit["score"] for hit in found("search", "ml")]
    assert scores == sorted(scores, reverse=True)


def test_every_word_must_match() -> None:
    one = {hit["id"] for hit in found("search", "kafka")}
    other = {hit["id"] for hit in found("search", "jupyter")}
    assert one and other and not one & other
    code, out, err = invoke("search", "kafka", "jupyter")
    assert (code, out) == (1, "")
    assert err == (
        "mlroles: nothing in the catalog matches 'kafka jupyter'"
        " (every word must occur in the same entry)\n"
    )


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("k8s", id="tool-nobody-uses"),
        pytest.param("Jupiter", id="misspelt"),
        pytest.param("python", id="absent"),
        pytest.param("zzz", id="nonsense"),
    ],
)
def test_no_result_is_exit_1_with_a_message_on_stderr(query: str) -> None:
    code, out, err = invoke("search", query)
    assert (code, out) == (1, "")
    assert err == f"mlroles: nothing in the catalog matches {query!r}\n"

    code, out, err = invoke("search", query, "--json")
    assert (code, out) == (1, "[]\n")
    assert "nothing in the catalog matches" in err


@pytest.mark.parametrize(
    "args",
    [pytest.param([" "], id="blank"), pytest.param(["-", "_"], id="separators-only")],
)
def test_a_query_without_words_is_a_usage_error(args: list[str]) -> None:
    code, out, err = invoke("search", *args)
    assert (code, out) == (2, "")
    assert err == (
        "mlroles search: needs a word to look for (like: mlroles search kafka)"
        " (see 'mlroles search --help')\n"
    )


def test_a_plain_line_per_matching_field_in_a_pipe() -> None:
    code, out, _ = invoke("search", "kafka")
    assert code == 0
    assert out == "role\tdevops-engineer\t30\ttools\tKafka\nrole\tdata-engineer\t30\ttools\tKafka\n"


def test_plain_keeps_one_matching_field_a_line_whatever_the_text(tmp_path: Path) -> None:
    odd = role("odd", "Odd", summary="Runs\tKafka\nat night.", tools=["Kafka\nConnect"])
    catalog = write_catalog(tmp_path / "c.yaml", [odd])
    code, out, err = invoke("--data", str(catalog), "search", "kafka", "--format", "plain")
    assert code == 0, err
    assert out.splitlines() == [
        "role\todd\t20\ttools\tKafka Connect",
        "role\todd\t20\tsummary\tRuns Kafka at night.",
    ]


# --- ranking rules, on catalogs made to test them ------------------------------------------


def test_a_hit_in_a_name_outranks_any_number_of_hits_in_the_prose(tmp_path: Path) -> None:
    chatty = role(
        "chatty",
        "Chatty",
        summary="Talks about Kafka all day: Kafka here, Kafka there.",
        responsibilities=["Explain Kafka", "Write about Kafka"],
        work_product=["Kafka guides"],
        background="Kafka fan.",
    )
    quiet = role("quiet", "Quiet", tools=["kafka-connect"])
    catalog = write_catalog(tmp_path / "c.yaml", [chatty, quiet])
    hits = found("--data", str(catalog), "search", "kafka")
    assert [hit["id"] for hit in hits] == ["quiet", "chatty"]
    assert hits[0]["score"] > hits[1]["score"]
    assert len(hits[1]["matches"]) > len(hits[0]["matches"])


def test_a_whole_word_outranks_part_of_a_word(tmp_path: Path) -> None:
    part = role("part", "Part", summary="Writes the pipelines.")
    whole = role("whole", "Whole", summary="Writes the pipe.")
    catalog = write_catalog(tmp_path / "c.yaml", [part, whole])
    assert [hit["id"] for hit in found("--data", str(catalog), "search", "pipe")] == [
        "whole",
        "part",
    ]


def test_a_word_of_two_letters_is_not_found_inside_a_longer_one(tmp_path: Path) -> None:
    inside = role("inside", "Inside", summary="Runs the platform.")
    alone = role("alone", "Alone", summary="Uses TF daily.")
    catalog = write_catalog(tmp_path / "c.yaml", [inside, alone])
    assert [hit["id"] for hit in found("--data", str(catalog), "search", "tf")] == ["alone"]
    assert [hit["id"] for hit in found("--data", str(catalog), "search", "tfo")] == ["inside"]


def test_ties_keep_catalog_order(tmp_path: Path) -> None:
    roles = [role(f"r-{n}", f"Role {n}", tools=["Spark"]) for n in (3, 1, 2)]
    catalog = write_catalog(tmp_path / "c.yaml", roles)
    assert [hit["id"] for hit in found("--data", str(catalog), "search", "spark")] == [
        "r-3",
        "r-1",
        "r-2",
    ]


# --- highlighting ---------------------------------------------------------------------------


def test_the_table_highlights_the_matched_words() -> None:
    result = search(load_catalog(bundled_path()), "train model")
    engineer = next(hit for hit in result.hits if hit.id == "ml-engineer")
    summary = next(match for match in engineer.matches if match.field == "summary")
    text = highlighted(summary)
    marked = [text.plain[span.start : span.end] for span in text.spans if span.style == HIGHLIGHT]
    assert marked == ["Trains", "models"]
    assert text.plain.startswith("summary: Trains prediction models")


@pytest.mark.parametrize("width", [pytest.param(w, id=f"{w}-columns") for w in (40, 80)])
def test_the_table_fits_the_terminal_and_shows_where_each_role_matched(width: int) -> None:
    result = search(load_catalog(bundled_path()), "kafka")
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(search_table(result))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= width for line in drawn.splitlines())
    assert drawn.count("tools: Kafka") == 2
    assert drawn.index("devops-engineer") < drawn.index("data-engineer")


def test_installed_search_on_a_terminal_highlights_and_in_a_pipe_does_not() -> None:
    code, screen = run_in_terminal("search", "kafka", columns=100)
    assert code == 0
    assert re.search(r"\x1b\[[0-9;]*m[^\x1b]*Kafka", screen)
    text = ANSI.sub("", screen)
    assert "DevOps Engineer" in text
    assert "tools: Kafka" in text

    done = run("search", "kafka")
    assert done.returncode == 0
    assert "\x1b" not in done.stdout
    assert done.stdout.splitlines()[0].split("\t") == [
        "role",
        "devops-engineer",
        "30",
        "tools",
        "Kafka",
    ]


def test_installed_search_with_nothing_found_is_exit_1() -> None:
    done = run("search", "blockchain")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "mlroles: nothing in the catalog matches 'blockchain'\n"
    done = run("search", "blockchain", "--json")
    assert (done.returncode, done.stdout) == (1, "[]\n")


# --- any catalog ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "top"),
    [
        pytest.param("k8s", "site-reliability-engineer", id="tool-spelling"),
        pytest.param("terraform", "site-reliability-engineer", id="tool"),
        pytest.param("sre", "site-reliability-engineer", id="alias"),
        pytest.param("dashboards", "business-analyst", id="work-product"),
        pytest.param("ranking models", "applied-scientist", id="phrase"),
        pytest.param("jupyter", "applied-scientist", id="jupyter-notebook"),
        pytest.param("labelling", "annotation-lead", id="summary"),
    ],
)
def test_search_on_a_custom_catalog(tmp_path: Path, query: str, top: str) -> None:
    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    hits = found("--data", str(catalog), "search", *query.split())
    assert hits[0]["id"] == top


def test_installed_search_on_a_custom_catalog(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "platform.yaml", PLATFORM_TEAM)
    done = run("--data", str(catalog), "search", "k8s", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == found("--data", str(catalog), "search", "k8s")
    assert json.loads(done.stdout)[0]["matches"][0] == {"field": "tools", "text": "Kubernetes"}


# --- other forms of a word, and "machine learning" -----------------------------------------


def matched_texts(hits: list[dict[str, Any]], role_id: str) -> list[str]:
    return [match["text"] for hit in hits if hit["id"] == role_id for match in hit["matches"]]


@pytest.mark.parametrize(
    ("query", "role_id", "text"),
    [
        pytest.param("training", "ml-engineer", "Train prediction models", id="training-train"),
        pytest.param("trained", "ml-engineer", "Train prediction models", id="trained"),
        pytest.param("monitoring", "data-engineer", "Monitor how the data behaves", id="monitor"),
        pytest.param(
            "monitors", "devops-engineer", "Deploy and monitor production systems", id="monitors"
        ),
        pytest.param("deployment", "ml-engineer", "Deploy prediction models", id="deployment"),
        pytest.param(
            "experiment",
            "ml-researcher",
            "Run experiments and report on them",
            id="singular-finds-plural",
        ),
        pytest.param(
            "reporting", "ml-researcher", "Run experiments and report on them", id="reporting"
        ),
        pytest.param("Maintaining", "ml-engineer", "Maintain models in production", id="case"),
    ],
)
def test_a_word_finds_its_other_forms(query: str, role_id: str, text: str) -> None:
    assert text in matched_texts(found("search", query), role_id)


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        pytest.param("trainee", "ml-engineer", id="a-different-word"),
        pytest.param("monitorx", "data-engineer", id="not-a-form"),
    ],
)
def test_a_word_does_not_find_words_of_another_stem(query: str, absent: str) -> None:
    _, out, _ = invoke("search", query, "--json")
    hits = json.loads(out)
    assert absent not in [hit["id"] for hit in hits]


def test_a_form_found_by_its_stem_is_highlighted_whole() -> None:
    result = search(load_catalog(bundled_path()), "monitoring")
    engineer = next(hit for hit in result.hits if hit.id == "data-engineer")
    match = next(m for m in engineer.matches if m.text == "Monitor how the data behaves")
    assert [match.text[start:end] for start, end in match.spans] == ["Monitor"]


@pytest.mark.parametrize(
    "words",
    [
        pytest.param(["machine", "learning"], id="two-words"),
        pytest.param(["Machine-Learning"], id="one-word"),
        pytest.param(["machine_learning"], id="underscore"),
    ],
)
def test_machine_learning_finds_at_least_what_ml_finds(words: list[str]) -> None:
    ml = {hit["id"] for hit in found("search", "ml")}
    assert ml  # the probe finds something
    assert ml <= {hit["id"] for hit in found("search", *words)}


def test_ml_finds_machine_learning_in_the_text(tmp_path: Path) -> None:
    analytics = "business-analytics"  # a group without "ml" in its name
    spelt = role("spelt", "Spelt", group=analytics, summary="Does machine learning all day.")
    other = role("other", "Other", group=analytics, summary="Does mlx and html.")
    catalog = write_catalog(tmp_path / "c.yaml", [spelt, other])
    assert [hit["id"] for hit in found("--data", str(catalog), "search", "ml")] == ["spelt"]
    assert [
        hit["id"] for hit in found("--data", str(catalog), "search", "machine", "learning")
    ] == ["spelt"]


def test_machine_learning_with_another_word_needs_both(tmp_path: Path) -> None:
    both = role("both", "Both", summary="Runs ML in production.")
    one = role("one", "One", summary="Runs ML research.")
    catalog = write_catalog(tmp_path / "c.yaml", [both, one])
    hits = found("--data", str(catalog), "search", "machine", "learning", "production")
    assert [hit["id"] for hit in hits] == ["both"]


def folded_by_hand(text: str) -> str:
    """fold's rule, one character at a time: lower case (where that keeps one character), and
    hyphens, underscores and white space as spaces."""
    out = []
    for char in text:
        lower = char.lower() if len(char.lower()) == 1 else char
        out.append(" " if lower in "-_" or lower.isspace() else lower)
    return "".join(out)


@given(st.text(max_size=60))
def test_fold_keeps_every_position_and_follows_its_rule(text: str) -> None:
    assert fold(text) == folded_by_hand(text)
    assert fold(text.encode("ascii", "ignore").decode()) == folded_by_hand(
        text.encode("ascii", "ignore").decode()
    )


def test_search_finds_a_custom_catalogs_own_archetype_and_guidance(tmp_path: Path) -> None:
    source = {"title": "Team handbook", "url": "https://example.org/handbook"}
    catalog = tmp_path / "ours.yaml"
    catalog.write_text(
        yaml.safe_dump(
            {
                "version": 2,
                "extends": "bundled",
                "archetypes": [
                    {
                        "id": "guild",
                        "title": "Guild of practitioners",
                        "summary": "Practitioners meet across squads as a zeppelin guild.",
                        "pros": ["Shared practice"],
                        "cons": ["No budget"],
                        "sources": [source],
                    }
                ],
                "guidance": [
                    {
                        "id": "our-zeppelin-rule",
                        "topic": "hire-for",
                        "scope": "all",
                        "text": "Ask every candidate about zeppelins.",
                        "sources": [dict(source)],  # a copy: the reader refuses YAML aliases
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    hits = found("--data", str(catalog), "search", "zeppelins")
    assert [(hit["kind"], hit["id"]) for hit in hits] == [
        ("archetype", "guild"),
        ("guidance", "our-zeppelin-rule"),
    ]
    assert hits[1]["title"] == "What to hire for"
