"""The parse cache: used when it can be, never wrong, never an error."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
import yaml

from mlroles import FORMAT_VERSION
from mlroles.catalog import cache, load
from mlroles.catalog.entries import GROUPS
from mlroles.catalog.load import CACHE_MIN_BYTES, bundled_path, load_catalog
from mlroles.errors import CatalogError


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return home / "mlroles"


def big_catalog(path: Path, summary: str = "A role made up for the cache tests.") -> Path:
    """The bundled catalog plus enough extra roles to pass the cache's size threshold."""
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    template = data["roles"][0]
    count = 0
    text = ""
    while len(text.encode()) < CACHE_MIN_BYTES * 1.5:
        count += 50
        extra = []
        for n in range(count):
            role = copy.deepcopy(template)  # shared objects would be dumped as YAML aliases
            role.update(id=f"extra-role-{n}", title=f"Extra role {n}")
            role.update(aliases=[f"extra-{n}"], summary=summary, works_with=["ml-engineer"])
            extra.append(role)
        text = yaml.safe_dump({"version": 1, "roles": data["roles"] + extra}, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, file: str, **options: object) -> object:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(load, "parse_yaml", refuse)


def test_second_load_comes_from_the_cache(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    first = load_catalog(path)
    assert len(list(cache_home.glob("*.json"))) == 1
    forbid_parsing(monkeypatch)
    assert load_catalog(path) == first


def test_an_edited_file_is_parsed_again(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    load_catalog(path)
    big_catalog(path, summary="Edited after the first load.")
    catalog = load_catalog(path)
    assert catalog.roles[-1].summary == "Edited after the first load."
    assert len(list(cache_home.glob("*.json"))) == 2


def test_small_files_are_not_cached(tmp_path: Path, cache_home: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_bytes((Path(__file__).parent / "data" / "roles-v1.yaml").read_bytes())
    assert small.stat().st_size < CACHE_MIN_BYTES
    load_catalog(small)
    assert not cache_home.exists()


def test_the_bundled_catalog_is_cached(cache_home: Path) -> None:
    # At about 50 KB, reading its entry is faster than parsing its YAML on every command.
    assert bundled_path().stat().st_size >= CACHE_MIN_BYTES
    load_catalog(bundled_path())
    assert len(list(cache_home.glob("*.json"))) == 1


def test_opt_out_neither_reads_nor_writes(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    load_catalog(path)
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    calls = []
    real_parse = load.parse_yaml
    monkeypatch.setattr(
        load, "parse_yaml", lambda text, file: calls.append(file) or real_parse(text, file)
    )
    load_catalog(path)
    assert calls == [str(path)]
    for entry in cache_home.glob("*.json"):
        entry.unlink()
    load_catalog(path)
    assert not list(cache_home.glob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"{not json", id="not-json"),
        pytest.param(b'{"version": 1, "roles": []}', id="fails-validation"),
        pytest.param(b"\xff\xfe\x00", id="binary"),
    ],
)
def test_a_damaged_entry_is_ignored(tmp_path: Path, cache_home: Path, damage: bytes) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    expected = load_catalog(path)
    (entry,) = cache_home.glob("*.json")
    entry.write_bytes(damage)
    assert load_catalog(path) == expected


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = big_catalog(tmp_path / "big.yaml")
    assert len(load_catalog(path).roles) > 6
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_no_temporary_file_is_left_behind(tmp_path: Path, cache_home: Path) -> None:
    load_catalog(big_catalog(tmp_path / "big.yaml"))
    assert [p.suffix for p in cache_home.iterdir()] == [".json"]


def test_an_invalid_catalog_is_never_cached_and_still_points_to_its_line(
    tmp_path: Path, cache_home: Path
) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    text = path.read_text(encoding="utf-8").replace(
        "machine_learning: 0.31", "machine_learning: 3", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    line = (
        text.splitlines().index(next(s for s in text.splitlines() if "machine_learning: 3" in s))
        + 1
    )
    assert str(caught.value).startswith(f"{path}:{line}:")
    assert "roles[0].skills.machine_learning" in str(caught.value)
    assert not cache_home.exists() or not list(cache_home.glob("*.json"))


def test_entries_hold_plain_data_keyed_by_content(tmp_path: Path, cache_home: Path) -> None:
    import json

    path = big_catalog(tmp_path / "big.yaml")
    load_catalog(path)
    (entry,) = cache_home.glob("*.json")
    expected = cache.entry_for(path.read_bytes(), format_version=FORMAT_VERSION)
    assert entry.stem == expected.name
    header, payload = entry.read_bytes().split(b"\n", 1)
    assert header + b"\n" == expected.header(payload)
    stored = json.loads(payload)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # A version 1 file is stored as the version 2 file it amounts to: its roles as they are.
    assert stored["version"] == 2
    assert stored["roles"] == data["roles"]
    assert [group["id"] for group in stored["groups"]] == list(GROUPS)


def _forged(entry: bytes, other: bytes) -> list[bytes]:
    """Ways an entry can stop belonging to its file, each of which must be a miss."""
    header, payload = entry.split(b"\n", 1)
    fields = header.split(b" ")
    for n, field in enumerate(fields):
        if field.startswith(b"format="):
            fields[n] = b"format=9"
    return [
        other,  # another catalog's entry, copied over this one
        other.split(b"\n", 1)[1],  # another catalog's JSON alone
        header + b"\n" + payload[:-1],  # cut short
        header + b"\n" + payload.replace(b"extra-role-1", b"extra-role-X", 1),  # changed
        b" ".join(fields) + b"\n" + payload,  # another format version
        header.replace(b"layout=", b"layout=9") + b"\n" + payload,  # another layout
    ]


def test_an_entry_that_does_not_prove_its_file_is_ignored_and_written_anew(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = big_catalog(tmp_path / "mine.yaml")
    expected = load_catalog(mine)
    (entry,) = cache_home.glob("*.json")
    genuine = entry.read_bytes()
    other = big_catalog(tmp_path / "other.yaml", summary="Another catalog altogether.")
    load_catalog(other)
    (other_entry,) = set(cache_home.glob("*.json")) - {entry}
    for forged in _forged(genuine, other_entry.read_bytes()):
        entry.write_bytes(forged)
        assert cache.read(cache.entry_for(mine.read_bytes(), format_version=FORMAT_VERSION)) is None
        assert load_catalog(mine) == expected
        assert entry.read_bytes() == genuine


def test_only_the_cache_s_own_files_are_pruned(tmp_path: Path, cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    others = [cache_home / f"notes-{n}.json" for n in range(cache.MAX_ENTRIES + 5)]
    others += [cache_home / "0123.json", cache_home / f"{0:040x}.json.bak"]
    for n, path in enumerate(others):
        path.write_bytes(b"{}")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    load_catalog(big_catalog(tmp_path / "big.yaml"))
    assert all(path.read_bytes() == b"{}" for path in others)


def test_old_entries_are_pruned(tmp_path: Path, cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    for n in range(cache.MAX_ENTRIES + 5):
        old = cache_home / (f"mlroles-{n:040x}.json" if n % 2 else f"{n:040x}.json")
        old.write_bytes(b"{}")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    load_catalog(big_catalog(tmp_path / "big.yaml"))
    entries = list(cache_home.glob("*.json"))
    assert len(entries) == cache.MAX_ENTRIES
    assert not (cache_home / f"{0:040x}.json").exists()


def test_completion_reads_names_from_the_cache_without_parsing(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_catalog(tmp_path / "big.yaml")
    cold = list(load.iter_role_names(path))  # no entry yet: parsed from the file
    assert ("extra-1", "extra-role-1") in cold
    load_catalog(path)
    forbid_parsing(monkeypatch)
    assert list(load.iter_role_names(path)) == cold
