"""Property tests: whatever a catalog file holds, loading it gives a catalog or a `CatalogError`
whose problems point inside the file; never any other exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mlroles.catalog.files import read_text
from mlroles.catalog.load import load_catalog, validate
from mlroles.catalog.models import Catalog
from mlroles.catalog.reader import parse_yaml
from mlroles.errors import CatalogError

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "roles.yaml"
BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
BUNDLED_LINES = BUNDLED_TEXT.splitlines(keepends=True)
FILE = "team.yaml"

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_text(text: str) -> Catalog | CatalogError:
    """What loading `text` gives: a catalog, or the project's own error (anything else raises)."""
    try:
        return validate(parse_yaml(text, FILE), text, FILE)
    except CatalogError as exc:
        return exc


def assert_clean_outcome(outcome: Catalog | CatalogError, text: str) -> None:
    if isinstance(outcome, Catalog):
        assert outcome.roles
        return
    assert outcome.problems, "a CatalogError names at least one problem"
    line_count = text.count("\n") + 1
    for problem, line in zip(outcome.problems, outcome.lines(), strict=False):
        assert problem.file == FILE
        assert "\n" not in line and "\r" not in problem.message
        assert line.startswith(f"{FILE}:")
        if problem.line is not None:
            assert 1 <= problem.line <= line_count
            assert problem.column is not None and problem.column >= 1


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["ml-engineer", "core-ml", "https://example.org", "0.5", "1"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "version",
            "roles",
            "id",
            "title",
            "aliases",
            "skills",
            "works_with",
            "sources",
            "inferred",
            "communication",
            "tools",
        ]
    ),
    st.text(max_size=10),
    st.integers(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)


@SETTINGS
@given(documents)
def test_random_documents_load_or_fail_cleanly(document: Any) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    assert_clean_outcome(load_text(text), text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab1:-[]{}&*!|>'\"#%@`,? \n\t.=<~\\")), max_size=80))
@example("a: &x [*x]")
@example("? [a]\n: b")
@example("a: !!timestamp x\nb: !!bool maybe\n")
@example("<<: {a: 1}")
@example("a: =")
def test_random_yaml_like_text_loads_or_fails_cleanly(text: str) -> None:
    assert_clean_outcome(load_text(text), text)


@st.composite
def mutated_catalogs(draw: st.DrawFn) -> str:
    """The bundled catalog after a few random edits of its lines."""
    lines = list(BUNDLED_LINES)
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "swap", "indent", "insert", "replace"]))
        if action == "drop":
            del lines[n]
        elif action == "double":
            lines.insert(n, lines[n])
        elif action == "swap":
            m = draw(st.integers(0, len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
        elif action == "indent":
            lines[n] = draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[n].lstrip(" ")
        else:
            line = lines[n]
            at = draw(st.integers(0, len(line)))
            piece = draw(st.text(alphabet=st.sampled_from(list("x9:-[]{},'\"&*!#")), max_size=4))
            end = at + (len(piece) if action == "replace" else 0)
            lines[n] = line[:at] + piece + line[end:]
        if not lines:
            break
    return "".join(lines)


@SETTINGS
@given(mutated_catalogs())
def test_mutations_of_the_bundled_catalog_load_or_fail_cleanly(text: str) -> None:
    assert_clean_outcome(load_text(text), text)


@SETTINGS
@given(st.data())
def test_random_bytes_in_a_catalog_file_load_or_fail_cleanly(
    tmp_path_factory: Any, data: st.DataObject
) -> None:
    raw = bytearray(BUNDLED_TEXT.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + 1] = data.draw(st.binary(min_size=0, max_size=3))
    path = tmp_path_factory.mktemp("bytes") / FILE
    path.write_bytes(bytes(raw))
    try:
        outcome: Catalog | CatalogError = load_catalog(path)
    except CatalogError as exc:
        outcome = exc
    if isinstance(outcome, CatalogError):
        assert all(problem.file == str(path) for problem in outcome.problems)
    else:
        assert read_text(path)
