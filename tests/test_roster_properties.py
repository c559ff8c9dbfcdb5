"""Property tests: whatever a roster file holds, reading it gives a roster or a `CatalogError`
whose problems point inside the file, one line each; never any other exception."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.catalog.roster import Roster, read_roster
from mlroles.errors import CatalogError

CATALOG = load_catalog(bundled_path())
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["mle", "ML Engineer", "embedded", "ml", "0.5", "Ana", "[bold]x[/]"]),
)
keys = st.one_of(
    st.sampled_from(["version", "team", "archetype", "people", "name", "roles", "tools", "skills"]),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
people = st.lists(
    st.dictionaries(
        st.sampled_from(["name", "roles", "tools", "skills", "rols"]), values, max_size=5
    ),
    max_size=4,
)
rosters = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 2, True, "1"]), "people": people},
    optional={"team": scalars, "archetype": scalars},
)


def outcome(path: Path, text: str) -> Roster | CatalogError:
    path.write_text(text, encoding="utf-8")
    try:
        return read_roster(path, CATALOG)
    except CatalogError as exc:
        return exc


def assert_clean(result: Roster | CatalogError, text: str, path: Path) -> None:
    if isinstance(result, Roster):
        assert result.people
        return
    assert result.problems
    # YAML counts NEL, LS and PS as line breaks too, and a CR alone (yaml.reader.Reader).
    lines = len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", text)) + 1
    for problem in result.problems:
        assert problem.file == str(path)
        assert "\n" not in str(problem)
        if problem.line is not None:
            assert 1 <= problem.line <= lines


@SETTINGS
@given(data=rosters)
@example(data={"version": 1, "people": [{"name": "Ana", "roles": ["mle"]}]})
@example(data={"version": 2, "people": [{"name": ["\x85"]}], "team": "\x85"})  # NEL: a line break
def test_any_roster_shaped_data_gives_a_roster_or_located_problems(
    data: Any, tmp_path_factory: Any
) -> None:
    path = tmp_path_factory.mktemp("roster") / "team.yaml"
    text = yaml.safe_dump(data, allow_unicode=True)
    assert_clean(outcome(path, text), text, path)


@SETTINGS
@given(text=st.text(max_size=200))
@example(text="version: 1\npeople:\n- {name: a, roles: [mle]}\n- {name: A, roles: [mle]}\n")
def test_any_text_gives_a_roster_or_located_problems(text: str, tmp_path_factory: Any) -> None:
    path = tmp_path_factory.mktemp("roster") / "team.yaml"
    assert_clean(outcome(path, text), text, path)
