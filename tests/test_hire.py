"""`mlroles hire ROLE`: the job ad, the advice and the interview, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_catalog import run as installed
from custom_catalog import run_in_terminal
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from mlroles.catalog.entries import Role
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.render import registry

CATALOG = load_catalog(bundled_path())
ROLES = {role.id: role for role in CATALOG.roles}
FORMATS = [pytest.param(f.value, id=f.value) for f in registry.Format]
AD_KEYS = ["title", "summary", "duties", "deliverables", "tools", "background"]
AD_FIELDS = {
    "title": "title",
    "summary": "summary",
    "duties": "responsibilities",
    "deliverables": "work_product",
    "tools": "tools",
    "background": "background",
}
SECTIONS = [
    "Job ad",
    "What to hire for",
    "What to avoid",
    "Where to find candidates",
    "What practitioners want, and how to stand out to them",
    "How ML interviews run",
    "Interview: assessment types",
    "The market",
    "Sources",
]
AD_HEADINGS = ["What you will do", "What you will deliver", "Tools you will use"]
BACKGROUND = "Background we look for"


def run(args: list[str]) -> Any:
    return CliRunner().invoke(app, args)


def hire_json(*args: str) -> Any:
    result = run(["hire", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def write_catalog(tmp_path: Path, data: dict[str, Any], name: str = "company.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("ad", [pytest.param([], id="brief"), pytest.param(["--ad"], id="ad")])
def test_every_format_of_the_brief_and_the_ad(fmt: str, ad: list[str]) -> None:
    result = run(["hire", "mle", *ad, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "ML Engineer" in result.stdout
    assert result.stderr == ""  # the ML engineer's ad has no inferred field
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        pytest.param("mle", "ml-engineer", id="alias"),
        pytest.param("ML Engineer", "ml-engineer", id="title"),
        pytest.param("machine learning engineer", "ml-engineer", id="machine-learning"),
        pytest.param("ml_researcher", "ml-researcher", id="underscores"),
        pytest.param("DS", "data-scientist", id="upper-case"),
    ],
)
def test_role_names_resolve_as_show_resolves_them(name: str, role_id: str) -> None:
    shown = json.loads(run(["show", name, "--json"]).stdout)
    assert shown["id"] == role_id
    assert hire_json(name)["role"] == role_id


def test_an_unknown_role_exits_1_with_suggestions() -> None:
    result = run(["hire", "mle-engineer"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "did you mean" in result.stderr and "'ml-engineer'" in result.stderr
    assert result.stderr == run(["show", "mle-engineer"]).stderr


def test_json_and_format_json_agree_and_yaml_is_the_same_data() -> None:
    as_json = run(["hire", "researcher", "--json"]).stdout
    assert as_json == run(["hire", "researcher", "--format", "json"]).stdout
    assert yaml.safe_load(run(["hire", "researcher", "--format", "yaml"]).stdout) == json.loads(
        as_json
    )


def test_json_keys() -> None:
    data = hire_json("mle")
    assert list(data) == [
        "role",
        "title",
        "group",
        "ad",
        "ad_inferred",
        "advice",
        "interview",
        "sources",
    ]
    assert data["role"] == "ml-engineer"
    assert list(data["ad"]) == AD_KEYS
    assert data["advice"] and data["interview"]
    for advice in data["advice"]:
        assert {"text", "scope", "source", "topic", "id"} <= set(advice)
        assert advice["scope"] in ("role", "group", "all")
        assert advice["source"]
    for step in data["interview"]:
        assert {"assessment", "scope", "source"} <= set(step)
        assert step["scope"] in ("role", "general", "inferred")
    assert all(set(source) == {"title", "url"} for source in data["sources"])


@pytest.mark.parametrize("role_id", list(ROLES))
def test_the_ad_is_the_roles_own_text(role_id: str) -> None:
    role = ROLES[role_id]
    ad = hire_json(role_id)["ad"]
    for key, field in AD_FIELDS.items():
        assert ad[key] == getattr(role, field), key


@pytest.mark.parametrize("role_id", list(ROLES))
def test_ad_alone_is_the_briefs_ad(role_id: str) -> None:
    assert hire_json(role_id, "--ad") == hire_json(role_id)["ad"]


@pytest.mark.parametrize("role_id", list(ROLES))
def test_every_source_cited_is_listed_once_and_every_listed_one_is_cited(role_id: str) -> None:
    data = hire_json(role_id)
    listed = [(s["title"], s["url"]) for s in data["sources"]]
    assert len(listed) == len(set(listed))
    cited = {
        (s["title"], s["url"])
        for item in data["advice"] + data["interview"]
        for s in item["source"]
    }
    role_sources = {(s.title, s.url) for s in ROLES[role_id].sources}
    assert set(listed) == cited | role_sources


# --- the advice ------------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", list(ROLES))
def test_the_advice_is_the_catalogs_for_the_role_its_group_and_every_role(role_id: str) -> None:
    role = ROLES[role_id]
    topics = {
        "hire-for",
        "employers-look-for",
        "avoid",
        "find-candidates",
        "practitioners-want",
        "interview",
        "talent-gap",
    }
    expected = {
        item.id
        for item in CATALOG.guidance
        if item.topic in topics
        and (
            (item.scope == "role" and item.role == role_id)
            or (item.scope == "group" and item.group == role.group)
            or item.scope == "all"
        )
    }
    advice = hire_json(role_id)["advice"]
    assert {item["id"] for item in advice} == expected
    # Candidates' advice (getting hired, standing out) is `path`'s, not the hiring manager's.
    assert not {item["topic"] for item in advice} & {"get-hired", "stand-out"}


def test_the_ml_engineer_gets_the_unicorn_warning_and_what_to_hire_for() -> None:
    advice = hire_json("mle")["advice"]
    avoid = [item for item in advice if item["topic"] == "avoid"]
    assert [item["id"] for item in avoid] == ["ml-engineer-avoid-the-unicorn"]
    assert avoid[0]["scope"] == "role" and avoid[0]["for"] == "ml-engineer"
    hire_for = [item["id"] for item in advice if item["topic"] == "hire-for"]
    assert hire_for[0] == "ml-engineer-hire-for-software-engineering"
    # the role's own advice comes before its group's and every role's
    scopes = [
        item["scope"] for item in advice if item["topic"] in ("hire-for", "employers-look-for")
    ]
    assert scopes == sorted(scopes, key=["role", "group", "all"].index)


def test_the_data_scientist_is_told_the_course_gives_no_advice() -> None:
    data = hire_json("ds")
    own = [item for item in data["advice"] if item["scope"] in ("role", "group")]
    assert own and all(item["no_advice"] for item in own)
    table = run(["hire", "ds", "--format", "table"]).stdout
    assert "no hiring advice of its own for data scientists" in " ".join(table.split())
    # nothing on what to avoid: said, not invented
    section = table.split("What to avoid", 1)[1].split("Where to find candidates", 1)[0]
    assert "no advice of this kind" in " ".join(section.split())


def test_advice_that_is_our_reading_says_so() -> None:
    table = " ".join(run(["hire", "researcher", "--format", "table"]).stdout.split())
    note = " ".join(CATALOG_NOTE.split())
    assert f"inferred scope: {note}" in table


CATALOG_NOTE = next(g for g in CATALOG.guidance if g.id == "core-ml-look-for").inferred["scope"]


# --- the interview ---------------------------------------------------------------------------


def test_the_researcher_interview_puts_the_courses_rule_first() -> None:
    steps = hire_json("researcher")["interview"]
    assert [s["id"] for s in steps[:2]] == [
        "researcher-creative-thinking",
        "researcher-code-quality",
    ]
    assert [s["scope"] for s in steps[:2]] == ["role", "role"]
    assert {s["scope"] for s in steps[2:]} == {"general"}
    table = " ".join(run(["hire", "researcher", "--format", "table"]).stdout.split())
    assert "A baseline of code quality: " in table
    assert "tied to this role by its sources" in table


@pytest.mark.parametrize("role_id", ["ml-engineer", "data-scientist"])
def test_other_roles_get_no_assessment_tied_to_the_researcher(role_id: str) -> None:
    steps = hire_json(role_id)["interview"]
    assert {s["scope"] for s in steps} == {"general"}
    assert len(steps) == 9


@pytest.mark.parametrize("role_id", ["ml-product-manager", "devops-engineer", "data-engineer"])
def test_an_ml_adjacent_role_gets_our_reading_marked_as_ours(role_id: str) -> None:
    steps = hire_json(role_id)["interview"]
    ours = [s for s in steps if s["scope"] == "inferred"]
    assert [s["id"] for s in ours] == ["ml-adjacent-ml-conversation"]
    assert ours[0]["inferred"]["scope"].startswith("Our reading")
    assert steps[-1] == ours[0]  # after what the sources say
    markdown = run(["hire", role_id, "--format", "markdown"]).stdout
    line = next(line for line in markdown.splitlines() if "A conversation about ML" in line)
    assert "our reading" in line and "inferred scope" in line


def test_plain_lines_lead_with_their_kind() -> None:
    lines = run(["hire", "researcher", "--format", "plain"]).stdout.splitlines()
    kinds = [line.split("\t")[0] for line in lines]
    assert kinds[:3] == ["role", "title", "group"]
    assert set(kinds) <= {
        "role",
        "title",
        "group",
        "ad.title",
        "ad.summary",
        "ad.duties",
        "ad.deliverables",
        "ad.tools",
        "ad.background",
        "ad.inferred",
        "advice",
        "interview",
        "source",
    }
    interview = [line.split("\t") for line in lines if line.startswith("interview\t")]
    assert [cells[2] for cells in interview[:2]] == [
        "Creative thinking about new ML problems",
        "A baseline of code quality",
    ]
    sources = [line.split("\t") for line in lines if line.startswith("source\t")]
    numbers = {n for cells in interview for n in cells[4].split(",")}
    assert numbers <= {cells[1] for cells in sources}


# --- the ad: for candidates, nothing else ----------------------------------------------------


def skill_numbers(role: Role) -> list[str]:
    """Every way a skill level could be written: 0.7, 0.70, .70, 70%, 70 / 100."""
    spellings = []
    for value in role.skills.values():
        spellings += [str(value), f"{value:.2f}", f"{value:.2f}"[1:], f"{round(value * 100)}%"]
    return spellings


def ad_outputs(role_id: str) -> dict[str, str]:
    """The ad as each format prints it, and the ad's part of the brief's Markdown."""
    shown = {}
    for fmt in ("table", "plain", "markdown", "yaml", "json"):
        result = run(["hire", role_id, "--ad", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        shown[fmt] = result.stdout
    brief = run(["hire", role_id, "--format", "markdown"]).stdout
    shown["brief-markdown"] = brief.split("\n## Job ad\n", 1)[1].split("\n## ", 1)[0]
    table = run(["hire", role_id, "--format", "table"]).stdout
    shown["brief-table"] = table.split("\nJob ad\n", 1)[1].split("\nWhat to hire for\n")[0]
    shown["brief-table"] = shown["brief-table"].split("\nNot in the ad:")[0]
    return shown


@pytest.mark.parametrize("role_id", list(ROLES))
def test_the_ad_holds_no_skill_number_no_inferred_note_and_no_source(role_id: str) -> None:
    role = ROLES[role_id]
    for fmt, text in ad_outputs(role_id).items():
        flat = " ".join(text.split())
        assert not re.search(r"\d\.\d|\d+ ?%", flat), fmt
        for number in skill_numbers(role):
            assert number not in flat, (fmt, number)
        for note in role.inferred.values():
            words = note.split()
            # the whole note, and any run of six of its words
            runs = {" ".join(words[i : i + 6]) for i in range(max(1, len(words) - 5))}
            assert not any(run in flat for run in runs), (fmt, note)
        for source in role.sources:
            assert source.title not in flat and (source.url or "@") not in flat, fmt
        for word in ("inferred", "our reading", "skill", "Full Stack Deep Learning"):
            assert word.lower() not in flat.lower(), (fmt, word)


def test_an_inferred_ad_field_is_said_on_stderr_under_ad_and_beside_the_ad_in_the_brief() -> None:
    note = ROLES["data-engineer"].inferred["work_product"]
    ad = run(["hire", "de", "--ad"])
    assert ad.exit_code == 0
    assert note not in " ".join(ad.stdout.split())
    assert ad.stderr.startswith("mlroles: the ad's deliverables are inferred")
    assert " ".join(note.split()) in ad.stderr
    brief = " ".join(run(["hire", "de", "--format", "table"]).stdout.split())
    assert f"deliverables: {' '.join(note.split())}" in brief
    assert hire_json("de")["ad_inferred"] == {"deliverables": note}


# --- Markdown, parsed ------------------------------------------------------------------------


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content))
    return found


def list_after(tokens: list[Token], heading: str, kind: str = "bullet_list") -> list[str]:
    """The items of the first list after the heading `heading`, as their inline text."""
    start = next(
        n
        for n, token in enumerate(tokens)
        if token.type == "inline"
        and token.content == heading
        and tokens[n - 1].type == "heading_open"
    )
    opened = next(n for n in range(start, len(tokens)) if tokens[n].type == f"{kind}_open")
    assert all(t.type != "heading_open" for t in tokens[start + 2 : opened]), heading
    items, depth = [], 0
    for token in tokens[opened + 1 :]:
        if token.type == f"{kind}_close" and depth == 0:
            break
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline" and depth == 1:
            items.append(token.content)
    return items


def plain_text(inline: str) -> str:
    """An inline's text as a reader sees it: escapes and emphasis marks dropped."""
    return re.sub(r"\\(.)", r"\1", inline)


@pytest.mark.parametrize("role_id", list(ROLES))
def test_the_ad_in_markdown_is_a_job_board_document(role_id: str) -> None:
    role = ROLES[role_id]
    tokens = MarkdownIt("commonmark").parse(
        run(["hire", role_id, "--ad", "--format", "markdown"]).stdout
    )
    assert headings(tokens) == [
        (1, role.title),
        *((2, heading) for heading in AD_HEADINGS if heading != "Tools you will use" or role.tools),
        (2, BACKGROUND),
    ]
    assert [plain_text(i) for i in list_after(tokens, "What you will do")] == role.responsibilities
    assert [plain_text(i) for i in list_after(tokens, "What you will deliver")] == role.work_product
    if role.tools:
        assert [plain_text(i) for i in list_after(tokens, "Tools you will use")] == role.tools
    paragraphs = [
        tokens[n + 1].content for n, token in enumerate(tokens) if token.type == "paragraph_open"
    ]
    assert plain_text(paragraphs[0]) == role.summary
    assert plain_text(paragraphs[-1]) == role.background


@pytest.mark.parametrize("role_id", list(ROLES))
def test_the_brief_in_markdown_has_its_sections_and_lists(role_id: str) -> None:
    role = ROLES[role_id]
    data = hire_json(role_id)
    tokens = MarkdownIt("commonmark").parse(run(["hire", role_id, "--format", "markdown"]).stdout)
    found = headings(tokens)
    assert found[0] == (1, f"Hiring brief: {role.title}")
    top = [text for level, text in found if level == 2]
    expected = list(SECTIONS)
    if data["ad_inferred"]:
        expected.insert(1, "Not in the ad: inferred, not stated by a source")
    assert top == expected
    assert (3, role.title) in found  # the ad's own title, under "Job ad"
    assert [plain_text(i) for i in list_after(tokens, "What you will do")] == role.responsibilities
    steps = list_after(tokens, "Interview: assessment types")
    assert len(steps) == len(data["interview"])
    for item, step in zip(steps, data["interview"], strict=True):
        assert plain_text(item).startswith(f"**{step['assessment']}**: ")
    interview = list_after(tokens, "How ML interviews run")
    assert len(interview) == len([a for a in data["advice"] if a["topic"] == "interview"])
    sources = list_after(tokens, "Sources", kind="ordered_list")
    assert len(sources) == len(data["sources"])
    links = [t for t in tokens if t.type == "inline" and t.children]
    hrefs = {c.attrs["href"] for t in links for c in t.children or [] if c.type == "link_open"}
    assert {s["url"] for s in data["sources"]} <= hrefs


# --- a company's own catalog -----------------------------------------------------------------

HANDBOOK = {"title": "Acme hiring handbook"}


def company_catalog(tmp_path: Path) -> Path:
    """A company's catalog on top of the bundled one: its own ad for the ML engineer, its own
    interview loop, one piece of the course's advice replaced and one dropped."""
    bundled = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    mle = next(role for role in bundled["roles"] if role["id"] == "ml-engineer")
    mle = {
        **mle,
        "summary": "Ships the ranking models behind Acme's search.",
        "responsibilities": ["Train ranking models", "Run them in production"],
        "work_product": ["Ranking service"],
        "tools": ["PyTorch", "Kubernetes"],
        "background": "Engineers who have run a model in production.",
        "sources": [dict(HANDBOOK)],
        "inferred": {"skills": "Our own estimate for Acme."},
    }
    return write_catalog(
        tmp_path,
        {
            "version": 2,
            "extends": "bundled",
            "remove": ["interview-book", "whiteboard-coding"],
            "roles": [mle],
            "guidance": [
                {
                    "id": "ml-engineer-avoid-the-unicorn",
                    "topic": "avoid",
                    "scope": "role",
                    "role": "ml-engineer",
                    "text": "Do not ask for a PhD: our best engineers have none.",
                    "sources": [dict(HANDBOOK)],
                },
                {
                    "id": "acme-referrals",
                    "topic": "find-candidates",
                    "scope": "all",
                    "text": "Ask the team for referrals first.",
                    "sources": [dict(HANDBOOK)],
                },
            ],
            "assessments": [
                {
                    "id": "acme-system-design",
                    "title": "Ranking system design",
                    "summary": "Design a ranking service with an interviewer.",
                    "scope": "role",
                    "role": "ml-engineer",
                    "sources": [dict(HANDBOOK)],
                },
            ],
        },
    )


def test_a_company_catalog_brings_its_ad_and_its_interview_loop(tmp_path: Path) -> None:
    path = company_catalog(tmp_path)
    result = run(["--data", str(path), "hire", "mle", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ad"]["summary"] == "Ships the ranking models behind Acme's search."
    assert data["ad"]["duties"] == ["Train ranking models", "Run them in production"]
    steps = [step["id"] for step in data["interview"]]
    assert steps[0] == "acme-system-design"
    assert data["interview"][0]["scope"] == "role"
    assert "whiteboard-coding" not in steps and "pair-coding" in steps  # removed; inherited
    advice = {item["id"]: item for item in data["advice"]}
    assert advice["ml-engineer-avoid-the-unicorn"]["text"].startswith("Do not ask for a PhD")
    assert advice["ml-engineer-avoid-the-unicorn"]["source"] == [
        {"title": HANDBOOK["title"], "url": None}
    ]
    assert "acme-referrals" in advice and "find-standard-channels" in advice
    assert "interview-book" not in advice
    assert {"title": HANDBOOK["title"], "url": None} in data["sources"]


def test_a_company_catalog_in_markdown_and_table(tmp_path: Path) -> None:
    path = company_catalog(tmp_path)
    markdown = run(["--data", str(path), "hire", "mle", "--format", "markdown"]).stdout
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert list_after(tokens, "What you will do") == [
        "Train ranking models",
        "Run them in production",
    ]
    sources = list_after(tokens, "Sources", kind="ordered_list")
    assert sources[0] == HANDBOOK["title"]  # a source without a URL is no link
    table = " ".join(run(["--data", str(path), "hire", "mle", "--format", "table"]).stdout.split())
    assert "Ranking system design: Design a ranking service" in table
    ad = run(["--data", str(path), "hire", "mle", "--ad", "--format", "plain"])
    assert "Our own estimate" not in ad.stdout + ad.stderr  # a skills note is not the ad's
    assert ad.stdout.splitlines()[0] == "title\tML Engineer"


def test_a_catalog_without_guidance_says_so_for_every_section(tmp_path: Path) -> None:
    bundled = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    data = {key: bundled[key] for key in ("version", "groups", "skills", "roles")}
    path = write_catalog(tmp_path, data)
    result = run(["--data", str(path), "hire", "mle", "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("no advice of this kind") == 6
    as_json = json.loads(run(["--data", str(path), "hire", "mle", "--json"]).stdout)
    assert as_json["advice"] == [] and as_json["interview"] == []


# --- hostile text ----------------------------------------------------------------------------

MARKUP = "[bold red]Boom[/bold red] [link=https://evil.example]click[/link]"


def hostile_catalog(tmp_path: Path) -> Path:
    bundled = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    mle = next(role for role in bundled["roles"] if role["id"] == "ml-engineer")
    mle["summary"] = f"{MARKUP} and an escape \x1b[31mred\x1b[0m and a bell \x07."
    mle["responsibilities"] = ["# not a heading", "- not a list", "*not emphasis* | pipe"]
    return write_catalog(
        tmp_path,
        {
            "version": 2,
            "extends": "bundled",
            "roles": [mle],
            "guidance": [
                {
                    "id": "hostile-advice",
                    "topic": "hire-for",
                    "scope": "role",
                    "role": "ml-engineer",
                    "text": f"Advice with {MARKUP} and \x1b]8;;https://evil.example\x1b\\a link.",
                    "sources": [{"title": "[italic]Handbook[/italic]"}],
                }
            ],
        },
    )


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_catalog_text_is_shown_as_text(tmp_path: Path, fmt: str) -> None:
    path = hostile_catalog(tmp_path)
    result = run(["--data", str(path), "hire", "mle", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    flat = " ".join(result.stdout.split()).replace("\\", "")
    assert "[bold red]Boom[/bold red]" in flat
    assert "[italic]Handbook[/italic]" in flat


def test_hostile_markdown_makes_no_heading_or_list_of_its_own(tmp_path: Path) -> None:
    path = hostile_catalog(tmp_path)
    markdown = run(["--data", str(path), "hire", "mle", "--ad", "--format", "markdown"]).stdout
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert [text for _, text in headings(tokens)] == ["ML Engineer", *AD_HEADINGS, BACKGROUND]
    duties = [plain_text(item) for item in list_after(tokens, "What you will do")]
    assert duties == ["# not a heading", "- not a list", "*not emphasis* | pipe"]
    assert not any(t.type == "em_open" for t in tokens for t in (t.children or []))


# --- the installed program -------------------------------------------------------------------


def test_the_installed_program_writes_the_ad_to_stdout_and_the_notes_to_stderr() -> None:
    result = installed("hire", "data-engineer", "--ad", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Data Engineer\n")
    assert result.stderr.count("\n") == 1 and "deliverables" in result.stderr
    missing = installed("hire", "nobody")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr.startswith("mlroles: no role named 'nobody'")


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colours(shown: str) -> list[str]:
    """The colour codes (foreground or background) among the terminal's SGR sequences."""
    found = []
    for params in SGR.findall(shown):
        for code in filter(None, params.split(";")):
            if 30 <= int(code) <= 49 or 90 <= int(code) <= 107:
                found.append(code)
    return found


def test_the_brief_on_a_terminal_honours_no_color() -> None:
    code, coloured = run_in_terminal("hire", "mle", columns=80)
    assert code == 0 and colours(coloured)
    code, shown = run_in_terminal("hire", "mle", columns=80, NO_COLOR="1")
    assert code == 0 and "Hiring brief: ML Engineer" in SGR.sub("", shown)
    assert colours(shown) == []


@pytest.mark.parametrize("columns", [40, 60])
def test_the_brief_fits_a_narrow_terminal(columns: int) -> None:
    code, shown = run_in_terminal("hire", "researcher", columns=columns, NO_COLOR="1")
    assert code == 0
    lines = SGR.sub("", shown).replace("\r\n", "\n").splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "A baseline of code quality" in " ".join(SGR.sub("", shown).split())


# --- search finds what hire shows ------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "kind", "item_id"),
    [
        pytest.param("interview", "guidance", "interview-less-settled", id="interview-advice"),
        pytest.param("interview", "assessment", "pair-coding", id="interview-assessment"),
        pytest.param("hire", "guidance", "ml-engineer-hire-for-software-engineering", id="hire"),
        pytest.param("unicorn", "guidance", "ml-engineer-avoid-the-unicorn", id="unicorn"),
    ],
)
def test_search_finds_the_guidance_that_hire_shows(words: str, kind: str, item_id: str) -> None:
    result = run(["search", words, "--json"])
    assert result.exit_code == 0, result.stderr
    found = {(hit["kind"], hit["id"]) for hit in json.loads(result.stdout)}
    assert (kind, item_id) in found
    shown = hire_json("mle")
    assert item_id in {item["id"] for item in shown["advice"] + shown["interview"]}
