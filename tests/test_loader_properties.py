"""Property tests: whatever a catalog file holds, loading it gives a catalog or a `CatalogError`
whose problems point inside the file; never any other exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mlroles.catalog.entries import Catalog
from mlroles.catalog.files import Positions, TooLarge, position, read_regular, read_text
from mlroles.catalog.load import iter_role_names, load_catalog, validate
from mlroles.catalog.reader import parse_yaml
from mlroles.errors import CatalogError, shown

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


def load_file(path: Path) -> Catalog | CatalogError:
    try:
        return load_catalog(path)
    except CatalogError as exc:
        return exc


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
@example(b"version: 1\nroles:\n  - \x01\n")
@example(b"\xef\xbb\xbfversion: 1\n")
@example("version: 1\nroles: [\u2028]\n".encode())
def test_any_file_through_the_reader_and_the_loader_gives_a_catalog_or_a_catalog_error(
    tmp_path_factory: Any, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("any") / FILE
    path.write_bytes(raw)
    outcome = load_file(path)
    if isinstance(outcome, CatalogError):
        assert outcome.problems
        assert all(problem.file == str(path) for problem in outcome.problems)
        assert all("\n" not in line for line in outcome.lines())
    # Completion reads the same file without explaining its errors, and never raises.
    assert isinstance(list(iter_role_names(path)), list)


@SETTINGS
@given(st.binary(max_size=300), st.integers(0, 300))
def test_the_regular_file_reader_gives_the_bytes_or_says_too_large(
    tmp_path_factory: Any, raw: bytes, limit: int
) -> None:
    path = tmp_path_factory.mktemp("regular") / "file"
    path.write_bytes(raw)
    try:
        assert read_regular(path, limit, follow_links=False) == raw
        assert len(raw) <= limit
    except TooLarge:
        assert len(raw) > limit


@SETTINGS
@given(st.text())
@example("two\nlines\x1b[2J\udcff\u2028\u202e\x85")
def test_shown_text_holds_no_control_character_and_keeps_the_rest(text: str) -> None:
    import unicodedata

    out = shown(text)
    assert all(unicodedata.category(c) not in ("Cc", "Cs", "Cf", "Zl", "Zp") for c in out)
    if text.isprintable():
        assert out == text


@SETTINGS
@given(st.integers(-(10**30), 10**30), st.integers(0, 3))
def test_an_integer_with_leading_zeros_is_read_as_decimal(number: int, zeros: int) -> None:
    sign = "-" if number < 0 else ""
    written = sign + "0" * zeros + str(abs(number))
    assert parse_yaml(f"n: {written}\n", FILE) == {"n": number}


@SETTINGS
@given(st.integers(0, 59), st.integers(0, 59))
def test_a_time_of_day_is_text(hours: int, minutes: int) -> None:
    written = f"{hours}:{minutes:02d}"
    assert parse_yaml(f"title: {written}\n", FILE) == {"title": written}


@SETTINGS
@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(0, 60), max_size=8))
def test_positions_in_one_pass_are_those_counted_from_the_start(
    text: str, offsets: list[int]
) -> None:
    positions = Positions(text)
    for offset in sorted(min(o, len(text)) for o in offsets):
        assert positions.at(offset) == position(text, offset)
