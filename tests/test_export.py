"""`mlroles export`: the whole catalog as one HTML page or one Markdown document.

The page is read here as a parser reads it (headings, tables, links, anything that would fetch);
tests/test_pictures_browser.py loads it in Chromium.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_catalog import run
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from mlroles.catalog.entries import Source
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app
from mlroles.queries.export import handbook
from mlroles.render import export
from mlroles.render.registry import ExportFormat

HOSTILE = "<script>alert(1)</script>"
MARKUP = '<img src=x onerror="alert(2)"> **bold** [link](javascript:alert(3)) & </p>'


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def hostile_catalog(tmp_path: Path) -> Path:
    """The bundled catalog with markup in every kind of text the page shows."""
    data = copy.deepcopy(bundled_data())
    first = data["roles"][0]
    first["title"] = HOSTILE
    first["summary"] = MARKUP
    first["tools"] = [HOSTILE, "Jira"]
    first["responsibilities"][0] = MARKUP
    first["sources"][0]["title"] = HOSTILE
    data["groups"][0]["summary"] = MARKUP
    data["archetypes"][1]["title"] = HOSTILE
    data["archetypes"][1]["relies_on"][0]["note"] = MARKUP
    data["guidance"][0]["text"] = MARKUP
    data["assessments"][0]["title"] = HOSTILE
    return write(tmp_path / "hostile.yaml", data)


class Page(HTMLParser):
    """What a browser would find in a page: tags in order, headings, links, tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag == "a":
            self._link = (dict(attrs).get("href") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading).strip()))
            self._heading = None
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], "".join(self._link[1]).strip()))
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._link[1].append(data)


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def check_self_contained(html: str, page: Page) -> None:
    """Nothing in the page fetches anything: no scripts, no external styles, fonts or images."""
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "image", "use")
        assert "src" not in attrs and "srcset" not in attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None
                assert value.startswith(("#", "https://", "http://")), value
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


def test_the_page_holds_the_whole_catalog(tmp_path: Path) -> None:
    code, html, err = invoke("export")
    assert (code, err) == (0, "")
    assert html.startswith("<!DOCTYPE html>\n")
    page = parse_page(html)
    check_self_contained(html, page)
    catalog = load_catalog(bundled_path())
    headings = [text for _, text in page.headings]
    assert page.headings[0] == (1, "The roles on a machine-learning team")
    for section in (
        "Contents",
        "The skills chart",
        "Roles",
        "All roles compared",
        "Hiring groups",
        "Organisation archetypes",
        "Hiring guidance",
    ):
        assert section in headings
    for role in catalog.roles:
        assert f"{role.title} {role.id}" in headings
        assert (f"#role-{role.id}", role.title) in page.links  # in the contents
        for source in role.sources:
            assert (source.url, source.title) in page.links
    for archetype in catalog.archetypes:
        assert f"{archetype.title} {archetype.id}" in headings
    text = " ".join(" ".join(page.text).split())
    for item in catalog.guidance:
        assert " ".join(item.text.split()) in text
    for assessment in catalog.assessments:
        assert assessment.title in text


def test_headings_go_down_one_level_at_a_time_and_ids_are_unique() -> None:
    page = parse_page(invoke("export")[1])
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    targets = {href[1:] for href, _ in page.links if href.startswith("#")}
    assert targets <= set(ids), targets - set(ids)


def test_tables_have_header_cells_for_columns_and_rows() -> None:
    html = invoke("export")[1]
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 3  # skill levels, group and tools, interview assessments
    catalog = load_catalog(bundled_path())
    for table in tables:
        assert "<caption>" in table and "<thead>" in table
        assert table.count('<th scope="col">') >= 3
        body = table[table.index("<tbody>") :]
        assert body.count("<tr>") == body.count('<th scope="row">')
    for skill in catalog.skills:
        assert f'<th scope="col">{skill.title}</th>' in tables[0]


def test_the_chart_is_inline_svg_with_its_title_and_description() -> None:
    html = invoke("export")[1]
    svg = html[html.index("<svg ") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.get("viewBox") and root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    title = root.find(f"{ns}title")
    assert title is not None and title.get("id") == "handbook-chart-title"
    assert root.get("aria-labelledby") == "handbook-chart-title handbook-chart-desc"
    labels = {t.text for t in root.iter(f"{ns}text") if t.get("class") == "label"}
    assert labels == {role.title for role in load_catalog(bundled_path()).roles}
    assert "<?xml" not in html


def test_print_and_phone_styles_are_in_the_page() -> None:
    html = invoke("export")[1]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width: 30rem)" in html
    assert '<html lang="en">' in html


def test_catalog_text_is_shown_as_text_and_runs_nothing(tmp_path: Path) -> None:
    path = hostile_catalog(tmp_path)
    code, html, err = invoke("--data", str(path), "export")
    assert (code, err) == (0, "")
    page = parse_page(html)
    check_self_contained(html, page)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = "".join(page.text)
    assert HOSTILE in text and MARKUP in text
    assert (f"#role-{bundled_data()['roles'][0]['id']}", HOSTILE) in page.links
    assert not any(href.lower().startswith("javascript") for href, _ in page.links)
    # The chart's labels and title are text too, in a well-formed SVG.
    svg = html[html.index("<svg ") : html.index("</svg>") + len("</svg>")]
    ET.fromstring(svg)
    assert "&lt;script&gt;" in svg


def test_a_javascript_url_never_reaches_a_page(tmp_path: Path) -> None:
    data = copy.deepcopy(bundled_data())
    data["roles"][0]["sources"][0]["url"] = "javascript:alert(1)"
    path = write(tmp_path / "js.yaml", data)
    code, out, err = invoke("--data", str(path), "export")
    assert code == 3 and out == ""
    assert "roles[0].sources[0].url" in err and "Traceback" not in err
    # And the renderer would not make it a link even if a catalog got past the check.
    catalog = load_catalog(bundled_path())
    role = catalog.roles[0]
    bad = Source(title="Evil", url="javascript:alert(1)")  # a record is not validated
    forged = catalog.replace(roles=[role.replace(sources=[bad]), *catalog.roles[1:]])
    result = handbook(forged, bundled_path())
    html = export.render(result, ExportFormat.HTML)
    assert 'href="javascript' not in html.lower()
    assert "Evil (javascript:alert(1))" in html
    markdown = export.render(result, ExportFormat.MARKDOWN)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    hrefs = [
        child.attrs.get("href")
        for token in tokens
        if token.children
        for child in token.children
        if child.type == "link_open"
    ]
    assert hrefs and not any(str(h).lower().startswith("javascript") for h in hrefs)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        pytest.param("https://example.org/a", True, id="https"),
        pytest.param("HTTP://example.org/a", True, id="http-upper"),
        pytest.param("javascript:alert(1)", False, id="javascript"),
        pytest.param("data:text/html,x", False, id="data"),
        pytest.param("//example.org", False, id="scheme-relative"),
        pytest.param(None, False, id="none"),
    ],
)
def test_only_web_urls_become_links(url: str | None, link: bool) -> None:
    assert (export.safe_href(url) is not None) is link


def md_tokens(markdown: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def test_the_markdown_parses_into_the_same_document() -> None:
    code, markdown, err = invoke("export", "--format", "markdown")
    assert (code, err) == (0, "")
    tokens = md_tokens(markdown)
    headings = [
        (int(tokens[i].tag[1]), tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    catalog = load_catalog(bundled_path())
    assert headings[0] == (1, "The roles on a machine-learning team")
    for role in catalog.roles:
        assert (3, role.title) in headings
    for archetype in catalog.archetypes:
        assert (3, archetype.title) in headings
    levels = [level for level, _ in headings]
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1
    links = [
        (child.attrs["href"], child)
        for token in tokens
        if token.children
        for child in token.children
        if child.type == "link_open"
    ]
    hrefs = {str(href) for href, _ in links}
    for role in catalog.roles:
        for source in role.sources:
            assert source.url in hrefs
    assert sum(token.type == "table_open" for token in tokens) == 2
    fences = [token for token in tokens if token.type == "fence"]
    assert len(fences) == 1 and "software engineering" in fences[0].content
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in rendered


def test_markdown_shows_catalog_markup_as_text(tmp_path: Path) -> None:
    path = hostile_catalog(tmp_path)
    code, markdown, err = invoke("--data", str(path), "export", "--format", "markdown")
    assert (code, err) == (0, "")
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in rendered and "<img" not in rendered
    assert "<strong>bold</strong>" not in rendered
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    tokens = md_tokens(markdown)
    headings = [
        "".join(child.content for child in tokens[i + 1].children or [] if child.type == "text")
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert HOSTILE in headings


# --- writing to a file -------------------------------------------------------------------


def test_output_to_a_file_is_written_whole_and_said(tmp_path: Path) -> None:
    target = tmp_path / "handbook.html"
    code, out, err = invoke("export", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"{target}: wrote the html handbook of 6 roles from the bundled catalog\n"
    assert target.read_text(encoding="utf-8") == invoke("export")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook.html"]


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "handbook.md"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = invoke("export", "--format", "markdown", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"mlroles export: {target} already exists; use --force to replace it"
        " (see 'mlroles export --help')\n"
    )
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, out, err = invoke("export", "--format", "markdown", "-o", str(target), "--force")
    assert (code, err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# The roles on a machine-learning")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook.md"]


@pytest.mark.skipif(os.name != "posix", reason="links and devices as on Linux")
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_never_onto_a_link_or_a_device(tmp_path: Path, force: bool) -> None:
    real = tmp_path / "real.html"
    real.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    extra = ["--force"] if force else []
    code, out, err = invoke("export", "-o", str(link), *extra)
    assert code == 2 and out == ""
    assert real.read_text(encoding="utf-8") == "kept\n" and link.is_symlink()
    code, out, err = invoke("export", "-o", "/dev/null", *extra)
    assert code == 2 and out == ""
    assert err.startswith("mlroles export: ") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real.html"]


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = invoke("export", "-o", str(tmp_path / "no" / "such.html"))
    assert code == 2 and out == ""
    assert "does not exist" in err


def test_an_unknown_format_is_a_usage_error() -> None:
    code, out, err = invoke("export", "--format", "pdf")
    assert code == 2 and out == ""
    assert "'pdf' is not one of 'html', 'markdown'" in err


def test_the_templates_ship_inside_the_package() -> None:
    folder = Path(export.__file__).parent / "templates"
    assert {p.name for p in folder.iterdir()} >= {"handbook.html.j2", "handbook.md.j2"}


def test_the_installed_package_renders_from_its_own_templates() -> None:
    done = run("export", "--format", "markdown")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("# The roles on a machine-learning team\n")
    page = run("export")
    assert page.returncode == 0 and page.stdout.startswith("<!DOCTYPE html>")


def test_a_catalog_that_extends_another_says_where_each_role_comes_from(tmp_path: Path) -> None:
    data = {
        "version": 2,
        "extends": "bundled",
        "roles": [
            {
                "id": "analytics-engineer",
                "title": "Analytics Engineer",
                "summary": "Builds the tables the analysts read.",
                "responsibilities": ["Model the warehouse"],
                "work_product": ["Tables"],
                "background": "Analysts who learned software engineering.",
                "skills": {
                    "machine_learning": 0.2,
                    "software_engineering": 0.6,
                    "communication": 0.5,
                },
                "group": "business-analytics",
                "sources": [{"title": "Our career framework"}],
            }
        ],
    }
    path = write(tmp_path / "team.yaml", data)
    code, html, err = invoke("--data", str(path), "export")
    assert (code, err) == (0, "")
    page = parse_page(html)
    text = " ".join(" ".join(page.text).split())
    assert "7 roles" in text and "from team.yaml" in text
    assert text.count("Comes from the bundled catalog") == 6
    assert text.count("Comes from team.yaml") == 1
    # A source without a URL is named, not linked.
    assert "Our career framework" in text
    assert not any(title == "Our career framework" for _, title in page.links)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        pytest.param("0.31", "0.31", id="a-number"),
        pytest.param("2021. A year", "2021\\. A year", id="an-ordered-list"),
        pytest.param("3) three", "3\\) three", id="an-ordered-list-paren"),
        pytest.param("- item", "\\- item", id="a-bullet"),
        pytest.param("# heading", "\\# heading", id="a-heading"),
    ],
)
def test_markdown_text_cannot_start_a_block_and_numbers_stay_clean(text: str, escaped: str) -> None:
    from mlroles.render.text import md_paragraph

    assert md_paragraph(text) == escaped
    tokens = md_tokens(escaped)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[1].children is not None
    assert "".join(c.content for c in tokens[1].children) == text
