"""The benchmark's synthetic catalogs: valid for the project's own loader, and reproducible."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from mlroles.catalog.load import load_catalog

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "make_catalog.py"


@pytest.fixture(scope="module")
def make_catalog() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_catalog", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("n", "seed"),
    [
        pytest.param(1, 1, id="one-role"),
        pytest.param(2, 5, id="two-roles"),
        pytest.param(60, 7, id="sixty-roles"),
        pytest.param(250, 20240601, id="default-seed"),
    ],
)
def test_generated_catalog_passes_the_project_loader(
    make_catalog: ModuleType, tmp_path: Path, n: int, seed: int
) -> None:
    path = tmp_path / "roles.yaml"
    roles = make_catalog.write_catalog(path, n, seed)
    catalog = load_catalog(path)
    assert [role.id for role in catalog.roles] == [role["id"] for role in roles]
    assert len(catalog.roles) == n


def test_catalog_has_cross_references_and_aliases(make_catalog: ModuleType) -> None:
    roles = make_catalog.make_roles(200, seed=3)
    ids = {role["id"] for role in roles}
    references = [ref for role in roles for ref in role["works_with"]]
    aliases = [alias for role in roles for alias in role["aliases"]]
    assert len(references) >= len(roles)
    assert set(references) <= ids
    assert all(ref != role["id"] for role in roles for ref in role["works_with"])
    assert len(aliases) >= len(roles)
    assert len(set(aliases)) == len(aliases)
    assert not set(aliases) & ids
    assert {role["group"] for role in roles} == set(make_catalog.GROUPS)


def test_yaml_text_reads_back_as_the_generated_data(make_catalog: ModuleType) -> None:
    roles = make_catalog.make_roles(300, seed=11)
    parsed = yaml.safe_load(make_catalog.to_yaml(roles, "a header\nover two lines"))
    assert parsed == {"version": 1, "roles": roles}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Team handbook: Fraud", id="colon-space"),
        pytest.param("yes", id="boolean-word"),
        pytest.param("Null", id="null-word"),
        pytest.param("#1 on the list", id="comment-sign"),
        pytest.param("12", id="number"),
        pytest.param("- a dash", id="leading-dash"),
        pytest.param('say "hi", then leave', id="quotes-and-comma"),
        pytest.param("trailing space ", id="trailing-space"),
    ],
)
def test_scalars_that_yaml_would_misread_are_quoted(make_catalog: ModuleType, text: str) -> None:
    block = yaml.safe_load(f"key: {make_catalog._scalar(text)}")
    flow = yaml.safe_load(f"key: {make_catalog._flow([text, 'Other'])}")
    assert block == {"key": text}
    assert flow == {"key": [text, "Other"]}


def test_same_seed_gives_the_same_file_and_another_seed_another(make_catalog: ModuleType) -> None:
    first = make_catalog.to_yaml(make_catalog.make_roles(120, seed=42))
    again = make_catalog.to_yaml(make_catalog.make_roles(120, seed=42))
    other = make_catalog.to_yaml(make_catalog.make_roles(120, seed=43))
    assert first == again
    assert first != other


def test_ids_stay_unique_past_the_word_combinations(
    make_catalog: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(make_catalog, "DOMAINS", ("fraud",))
    monkeypatch.setattr(make_catalog, "SPECIALTIES", ("data",))
    monkeypatch.setattr(
        make_catalog,
        "NOUNS",
        {"engineer": ("eng", "ml-adjacent"), "analyst": ("ana", "business-analytics")},
    )
    path = tmp_path / "roles.yaml"
    roles = make_catalog.write_catalog(path, 7, seed=1)
    ids = {role["id"] for role in roles}
    assert len(ids) == 7
    assert ids & {"fraud-data-engineer-4", "fraud-data-analyst-4"}
    assert len(load_catalog(path).roles) == 7


def test_script_writes_the_same_file_as_the_library(
    make_catalog: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = tmp_path / "script.yaml"
    assert make_catalog.main(["40", "--seed", "9", "-o", str(written)]) == 0
    library = tmp_path / "library.yaml"
    make_catalog.write_catalog(library, 40, seed=9)
    assert written.read_text(encoding="utf-8") == library.read_text(encoding="utf-8")
    assert make_catalog.main(["40", "--seed", "9"]) == 0
    assert capsys.readouterr().out == library.read_text(encoding="utf-8")


@pytest.mark.parametrize("n", [pytest.param(0, id="zero"), pytest.param(-3, id="negative")])
def test_a_catalog_needs_at_least_one_role(make_catalog: ModuleType, n: int) -> None:
    with pytest.raises(ValueError, match="at least one role"):
        make_catalog.make_roles(n)


@pytest.mark.parametrize("shape", ["own", "extends"])
def test_version_2_shapes_pass_the_project_loader(
    make_catalog: ModuleType, tmp_path: Path, shape: str
) -> None:
    from mlroles.catalog.load import bundled_path

    path = tmp_path / "roles.yaml"
    roles = make_catalog.write_catalog(path, 120, 9, shape)
    catalog = load_catalog(path)
    bundled = load_catalog(bundled_path())
    if shape == "own":
        assert [r.id for r in catalog.roles] == [r["id"] for r in roles]
        assert catalog.skill_ids == [axis for axis, *_ in make_catalog.OWN_SKILLS]
        assert {g.id for g in catalog.groups} == {"platform", "modelling", "insight"}
    else:
        assert [r.id for r in catalog.roles] == [
            *(r.id for r in bundled.roles),
            *(r["id"] for r in roles),
        ]
        assert catalog.files == [str(bundled_path()), str(path)]
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["version"] == 2
