"""A proven cache entry is made into the catalog's records without a second validation, and the
records are dumped without Pydantic: both must give exactly what Pydantic's models give, each
record must have its model's fields, and anything that is not an entry of ours must still be a
miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlroles import FORMAT_VERSION
from mlroles.catalog import cache, entries, load, models
from mlroles.catalog.entries import KINDS, file_from_data, to_data
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.catalog.models import CatalogFileV2
from mlroles.render.text import _orjson, to_json


def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    return data


def every_field_data() -> dict[str, Any]:
    """The bundled catalog, plus the values it does not use: an int level, a source with no
    URL, a role with only its required fields."""
    data = bundled_data()
    first = data["roles"][0]
    first["skills"] = {name: 1 if n == 0 else 0 for n, name in enumerate(first["skills"])}
    first["sources"].append({"title": "An in-house note"})
    bare = {
        key: first[key]
        for key in ("title", "summary", "responsibilities", "work_product", "background")
    }
    bare.update(id="bare-role", skills=dict(first["skills"]), group=first["group"])
    bare["sources"] = [{"title": "An in-house note"}]
    data["roles"].append(bare)
    return data


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bundled_data(), id="bundled"),
        pytest.param(every_field_data(), id="every-field"),
    ],
)
def test_a_trusted_file_is_what_validation_makes_of_the_same_json(data: dict[str, Any]) -> None:
    stored = json.dumps(data).encode()
    validated = CatalogFileV2.model_validate_json(stored)
    trusted = file_from_data(json.loads(stored))
    assert to_data(trusted) == validated.model_dump(mode="json")
    for kind in KINDS:
        pairs = list(zip(getattr(trusted, kind), getattr(validated, kind), strict=True))
        assert pairs, kind
        for mine, theirs in pairs:
            assert type(mine).__name__ == type(theirs).__name__
            # The same data, and the same JSON text: 1 is read as the level 1.0, as Pydantic does.
            assert to_data(mine) == theirs.model_dump(mode="json")
            assert json.dumps(to_data(mine)) == json.dumps(theirs.model_dump(mode="json"))


#: Each record of the catalog in use, and the model that checks it in a file.
PAIRS = [
    (entries.Source, models.Source),
    (entries.Group, models.Group),
    (entries.Skill, models.Skill),
    (entries.Role, models.Role),
    (entries.DesignChoices, models.DesignChoices),
    (entries.Reliance, models.Reliance),
    (entries.Archetype, models.Archetype),
    (entries.Guidance, models.Guidance),
    (entries.Assessment, models.Assessment),
    (entries.FileEntries, models.CatalogFileV2),
]


@pytest.mark.parametrize(("record", "model"), PAIRS, ids=[r.__name__ for r, _ in PAIRS])
def test_each_record_has_its_models_fields_in_order_with_its_defaults(
    record: type[entries.Record], model: type[Any]
) -> None:
    assert record._fields == tuple(model.model_fields)
    for name, info in model.model_fields.items():
        if info.is_required():
            assert name not in record._defaults, name
        else:
            assert record._defaults[name]() == info.get_default(call_default_factory=True), name
    # A default made by a factory is a new object each time, as Pydantic's is.
    for name, make in record._defaults.items():
        if isinstance(make(), (list, dict)):
            assert make() is not make(), name


def test_records_are_frozen_compare_by_value_and_replace() -> None:
    source = entries.Source(title="A note")
    assert source.url is None
    assert source == entries.Source(title="A note", url=None)
    assert source != entries.Source(title="Another")
    assert source.replace(url="https://example.org/") == entries.Source(
        title="A note", url="https://example.org/"
    )
    assert source.url is None
    with pytest.raises(AttributeError):
        source.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        entries.Source(title="A note", colour="blue")
    with pytest.raises(TypeError):
        entries.Source()
    with pytest.raises(TypeError):
        source.replace(colour="blue")
    assert "title='A note'" in repr(source)


def test_an_int_level_is_a_float_as_validation_makes_it() -> None:
    role = file_from_data(every_field_data()).roles[0]
    assert all(type(level) is float for level in role.skills.values())
    assert json.dumps(to_data(role)["skills"]).count(".0") == len(role.skills)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["roles"][0].update(colour="blue"), id="an-unknown-field"),
        pytest.param(lambda d: d["roles"][0].pop("title"), id="a-missing-field"),
        pytest.param(lambda d: d.update(version=1), id="another-version"),
        pytest.param(lambda d: d["roles"].append("a string"), id="not-a-mapping"),
        pytest.param(lambda d: d["roles"][0].update(skills=[1, 2]), id="a-list-for-a-mapping"),
    ],
)
def test_data_of_another_shape_is_no_trusted_file(change: Any) -> None:
    data = bundled_data()
    change(data)
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)):
        file_from_data(data)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return home / "mlroles"


def test_a_proven_entry_of_the_wrong_shape_is_a_miss_and_written_anew(cache_home: Path) -> None:
    """An entry whose header is right but whose JSON this version did not write (a field too
    many) is not served: the file is parsed and validated, and the entry written again."""
    path = bundled_path()
    expected = load_catalog(path)
    (stored,) = cache_home.glob("*.json")
    genuine = stored.read_bytes()
    data = json.loads(genuine.split(b"\n", 1)[1])
    data["roles"][0]["colour"] = "blue"
    payload = json.dumps(data).encode()
    entry = cache.entry_for(path.read_bytes(), format_version=FORMAT_VERSION)
    stored.write_bytes(entry.header(payload) + payload)
    assert load._from_cache(payload) is None
    assert load_catalog(path) == expected
    assert stored.read_bytes() == genuine


def test_an_entry_of_another_version_of_mlroles_is_a_miss(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled_path()
    load_catalog(path)
    entry = cache.entry_for(path.read_bytes(), format_version=FORMAT_VERSION)
    assert cache.read(entry) is not None
    monkeypatch.setattr(cache, "program_version", lambda: "99.0")
    assert cache.read(entry) is None
    assert f"program={cache.program_version()}".encode() in entry.header(b"{}")


def test_a_warm_run_imports_no_pydantic(tmp_path: Path) -> None:
    """Only a file that is validated needs Pydantic: a run that trusts its entry and dumps JSON
    imports none of it (a first run validates, and builds the models it validates with)."""
    code = (
        "import json, sys; from mlroles.catalog import entries;"
        " from mlroles.catalog.load import load_catalog, bundled_path;"
        " catalog = load_catalog(bundled_path());"
        " [entries.to_data(role) for role in catalog.roles];"
        " models = sys.modules.get('mlroles.catalog.models');"
        " print(json.dumps(sorted({name.split('.')[0] for name in sys.modules} & {'pydantic',"
        " 'pydantic_core'}) + ([] if models is None else [m.__name__ for m in"
        " (models.CatalogFileV2, models.Role) if m.__pydantic_complete__])))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "MLROLES_NO_CACHE": ""}

    def built() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr[-2000:]
        names: list[str] = json.loads(done.stdout)
        return names

    first = built()  # the first run validates the file
    assert "pydantic" in first
    assert "CatalogFileV2" in first
    assert built() == []


@pytest.mark.parametrize(
    ("data", "ascii"),
    [
        pytest.param([{"a": 0.5, "b": [1, 2.0], "c": None, "d": True, "e": {}}], False, id="plain"),
        pytest.param({"text": 'é ü " \\ \n </script>'}, False, id="strings"),
        # What a terminal would act on (U+2028, DEL, NUL): all escaped, as `text.safe` wants.
        pytest.param({"text": 'é ü \u2028 \x7f \x00 " \\ \n </script>'}, True, id="unsafe"),
        pytest.param({"levels": [1e-05, 0.00012, 1e-07, 1e16, 123.456]}, False, id="tiny-floats"),
        pytest.param({"text": "1e-05 and 0.00001"}, False, id="number-like-text"),
        pytest.param({1: "an int key", None: "no key"}, False, id="keys-that-are-not-strings"),
        pytest.param({"big": 2**70}, False, id="an-int-beyond-64-bits"),
        pytest.param([], False, id="empty"),
    ],
)
def test_json_is_byte_for_byte_what_the_json_module_writes(data: Any, ascii: bool) -> None:
    assert to_json(data) == json.dumps(data, indent=2, ensure_ascii=ascii) + "\n"


def test_orjson_writes_the_plain_data_itself() -> None:
    """The fast path is taken for plain data (and left for what it would write otherwise)."""
    assert _orjson([{"id": "devops", "levels": {"ml": 0.25}}]) is not None
    assert _orjson({"levels": [1e-05]}) is None
    assert _orjson({1: "an int key"}) is None


def test_orjson_writes_text_that_only_looks_like_a_number() -> None:
    """`lecture-8` in a source's URL is no number: the fast path is kept."""
    data = {"url": "https://example.com/lecture-8-teams/", "level": 0.25}
    assert _orjson(data) == json.dumps(data, indent=2, ensure_ascii=False)
