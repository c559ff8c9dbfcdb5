"""Bad catalogs: every one exits 3 with `file:line:column: path: message` on stderr, nothing on
stdout, and no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlroles import SLUG_PATTERN
from mlroles.catalog.load import load_catalog
from mlroles.catalog.messages import MAX_PROBLEMS
from mlroles.cli.entry import app
from mlroles.errors import CatalogError

#: A version 1 catalog (the bundled catalog as it was before version 2): version 1 files keep
#: every message they had.
BUNDLED = (Path(__file__).parent / "data" / "roles-v1.yaml").read_text(encoding="utf-8")
FILE = "team.yaml"


def edit(old: str, new: str) -> str:
    """The bundled catalog with the first `old` replaced by `new`."""
    assert old in BUNDLED, old
    return BUNDLED.replace(old, new, 1)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based number of the line (not a comment) holding the `nth` occurrence of `needle`."""
    lines = [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if needle in line and not line.startswith("#")
    ]
    assert len(lines) >= nth, needle
    return lines[nth - 1]


def column_of(text: str, needle: str, nth: int = 1) -> int:
    line = text.splitlines()[line_of(text, needle, nth) - 1]
    return line.index(needle) + 1


@dataclass(frozen=True)
class Bad:
    """A bad catalog file and what its first error must say."""

    content: str | bytes | None  # None: no file at all
    line: int | None  # None: the message has no line (the file as a whole is wrong)
    path: str  # the field path; "" when there is none
    says: str  # a part of the message


def _billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    assert len(text.encode()) < 1024
    return text


MISSING_BACKGROUND = re.sub(r"    background: >-\n(      .*\n)+", "", BUNDLED, count=1)
DUPLICATE_KEY = edit("    tools: [Jira]\n", "    tools: [Jira]\n    tools: [Confluence]\n")
DUPLICATE_ID = edit("  - id: devops-engineer", "  - id: ml-product-manager")
ALIAS_IS_AN_ID = edit("aliases: [pm, ml-pm", "aliases: [data-engineer, ml-pm")
ALIAS_TWICE = edit("aliases: [de, data-eng]", "aliases: [de, mlops]")
DANGLING = edit("works_with: [ml-engineer, data-engineer]", "works_with: [ml-engineer, data-eng]")
UNCLOSED = edit("    tools: [Jira]\n", "    tools: [Jira\n")
TAB = edit("    tools: [Jira]\n", "\ttools: [Jira]\n")
LATIN1 = edit("tools: [Jira]", "tools: [Jïra]").encode("utf-8").replace(b"\xc3\xaf", b"\xef")
BINARY = b"version: 1\nroles:\n  - id: \x00\x01\x02\x03"


CASES = [
    pytest.param(
        UNCLOSED,
        line_of(UNCLOSED, "tools: [Jira") + 1,
        "roles[0].tools",
        "did not find expected ',' or ']' (opened at line",
        id="yaml-syntax-unclosed-list",
    ),
    pytest.param(TAB, line_of(TAB, "\ttools"), "", "YAML:", id="yaml-syntax-tab-indent"),
    pytest.param(
        "version: 1\n---\nversion: 1\n",
        2,
        "",
        "expected a single document",
        id="yaml-two-documents",
    ),
    pytest.param(
        edit("    tools: [Jira]", "    tool: [Jira]"),
        line_of(BUNDLED, "tools: [Jira]"),
        "roles[0].tool",
        "unknown field 'tool'; did you mean 'tools'?",
        id="unknown-field-did-you-mean",
    ),
    pytest.param(
        edit("\nversion: 1\n", "\nversion: 1\nowner: me\n"),
        line_of(BUNDLED, "version: 1") + 1,
        "owner",
        "unknown field 'owner' (expected one of: version, roles)",
        id="unknown-top-level-field",
    ),
    pytest.param(
        edit("work_product: [Design docs, Wireframes, Work plans]", "work_product: 5"),
        line_of(BUNDLED, "work_product: [Design docs"),
        "roles[0].work_product",
        "should be a list (got a number)",
        id="wrong-type-list",
    ),
    pytest.param(
        edit("machine_learning: 0.31", "machine_learning: lots"),
        line_of(BUNDLED, "machine_learning: 0.31"),
        "roles[0].skills.machine_learning",
        "should be a number (got 'lots')",
        id="wrong-type-number",
    ),
    pytest.param(
        edit("communication: 0.88}", "communication: true}"),
        line_of(BUNDLED, "communication: 0.88}"),
        "roles[0].skills.communication",
        "should be a number (got the boolean true)",
        id="wrong-type-boolean-for-number",
    ),
    # Plain values are read with the YAML 1.2 core schema: `yes` is a word, `010` is ten.
    pytest.param(
        edit("communication: 0.88}", "communication: yes}"),
        line_of(BUNDLED, "communication: 0.88}"),
        "roles[0].skills.communication",
        "should be a number (got 'yes')",
        id="yaml-1.2-yes-is-text",
    ),
    pytest.param(
        edit("communication: 0.88}", "communication: 010}"),
        line_of(BUNDLED, "communication: 0.88}"),
        "roles[0].skills.communication",
        "should be at most 1 (got 10)",
        id="yaml-1.2-leading-zero-is-decimal",
    ),
    pytest.param(
        edit("communication: 0.88}", "communication: 0o10}"),
        line_of(BUNDLED, "communication: 0.88}"),
        "roles[0].skills.communication",
        "should be at most 1 (got 8)",
        id="yaml-1.2-octal-is-written-0o",
    ),
    pytest.param(
        edit("version: 1\n", "version: true\n"),
        line_of(BUNDLED, "version: 1"),
        "version",
        "should be 1 or 2 (got the boolean true)",
        id="version-boolean",
    ),
    pytest.param(
        edit("    tools: [Jira]\n", "    tools: [Jira]\n    true: 1\n"),
        line_of(BUNDLED, "    tools: [Jira]") + 1,
        "roles[0].true",
        "field names should be text (got the boolean true); put it in quotes to mean the word",
        id="boolean-key",
    ),
    pytest.param(
        edit("machine_learning: 0.31", "machine_learning: '0.31'"),
        line_of(BUNDLED, "machine_learning: 0.31"),
        "roles[0].skills.machine_learning",
        "should be a number (got '0.31')",
        id="wrong-type-quoted-number",
    ),
    pytest.param(
        edit("title: ML Product Manager", "title: !!timestamp 2021-01-01"),
        line_of(BUNDLED, "title: ML Product Manager"),
        "roles[0].title",
        "should be text (got the date 2021-01-01); put it in quotes",
        id="wrong-type-date-for-text",
    ),
    pytest.param(
        edit("communication: 0.88}", "communication: 3}"),
        line_of(BUNDLED, "communication: 0.88}"),
        "roles[0].skills.communication",
        "should be at most 1 (got 3)",
        id="out-of-range-high",
    ),
    pytest.param(
        edit("software_engineering: 0.10", "software_engineering: -0.5"),
        line_of(BUNDLED, "software_engineering: 0.10"),
        "roles[0].skills.software_engineering",
        "should be at least 0 (got -0.5)",
        id="out-of-range-low",
    ),
    pytest.param(
        edit("    group: ml-adjacent", "    group: sales"),
        line_of(BUNDLED, "group: ml-adjacent"),
        "roles[0].group",
        "should be 'ml-adjacent', 'core-ml' or 'business-analytics' (got 'sales')",
        id="not-one-of-the-groups",
    ),
    pytest.param(
        edit("\nversion: 1\n", "\nversion: 3\n"),
        line_of(BUNDLED, "version: 1"),
        "version",
        "should be 1 or 2 (got 3)",
        id="unknown-format-version",
    ),
    pytest.param(
        edit("  - id: ml-product-manager", "  - id: ML Product Manager"),
        line_of(BUNDLED, "- id: ml-product-manager"),
        "roles[0].id",
        "should be a lowercase slug",
        id="id-not-a-slug",
    ),
    pytest.param(
        edit(
            "url: https://fall2019.fullstackdeeplearning.com/course-content/ml-teams/roles",
            "url: the fall 2019 course",
        ),
        line_of(BUNDLED, "url: https://fall2019"),
        "roles[0].sources[0].url",
        "should be a web address",
        id="not-a-url",
    ),
    pytest.param(
        "version: 1\nroles: []\n", 2, "roles", "should have at least 1 item (got 0)", id="no-roles"
    ),
    pytest.param(
        MISSING_BACKGROUND,
        line_of(BUNDLED, "- id: ml-product-manager"),
        "roles[0].background",
        "required field is missing",
        id="missing-required-field",
    ),
    pytest.param(
        DUPLICATE_KEY,
        line_of(DUPLICATE_KEY, "tools: [Confluence]"),
        "roles[0].tools",
        "key 'tools' is written twice in this mapping"
        f" (first at line {line_of(BUNDLED, 'tools: [Jira]')})",
        id="key-written-twice",
    ),
    pytest.param(
        DUPLICATE_ID,
        line_of(DUPLICATE_ID, "- id: ml-product-manager", nth=2),
        "roles[1].id",
        "duplicate role id 'ml-product-manager' (first at roles[0])",
        id="duplicate-role-id",
    ),
    pytest.param(
        ALIAS_IS_AN_ID,
        line_of(BUNDLED, "aliases: [pm, ml-pm"),
        "roles[0].aliases[0]",
        "alias 'data-engineer' is the id of roles[2]",
        id="alias-clashes-with-an-id",
    ),
    pytest.param(
        ALIAS_TWICE,
        line_of(BUNDLED, "aliases: [de, data-eng]"),
        "roles[2].aliases[1]",
        "alias 'mlops' is also an alias of roles[1]",
        id="alias-clashes-with-an-alias",
    ),
    pytest.param(
        DANGLING,
        line_of(BUNDLED, "works_with: [ml-engineer, data-engineer]"),
        "roles[1].works_with[1]",
        "no role has the id 'data-eng'",
        id="works-with-names-no-role",
    ),
    pytest.param(
        "version: !!python/object/apply:os.system ['touch pwned']\nroles: []\n",
        1,
        "version",
        "the tag '!!python/object/apply:os.system' is not allowed",
        id="python-tag-never-runs",
    ),
    pytest.param(
        "version: !!int lots\nroles: []\n",
        1,
        "version",
        "cannot read 'lots' as !!int",
        id="value-its-tag-cannot-read",
    ),
    pytest.param(
        _billion_laughs(),
        2,
        "b[0]",
        "alias '*a' is not allowed in a catalog",
        id="billion-laughs",
    ),
    pytest.param(
        "base: &base {a: 1}\nversion: 1\nroles:\n  - <<: {id: x}\n",
        4,
        "roles[0]",
        "merge keys (<<) are not allowed",
        id="merge-key",
    ),
    pytest.param(
        "version: 1\nroles: [\x01]\n",
        2,
        "",
        "the character U+0001 is not allowed in YAML text",
        id="control-character",
    ),
    pytest.param(LATIN1, line_of(BUNDLED, "tools: [Jira]"), "", "is not UTF-8", id="not-utf-8"),
    pytest.param("version: 1\n".encode("utf-16"), 1, "", "is UTF-16", id="utf-16"),
    pytest.param(BINARY, 3, "", "looks like a binary file", id="binary"),
    pytest.param("", None, "", "the file holds no data", id="empty"),
    pytest.param("# just a comment\n\n", None, "", "the file holds no data", id="only-comments"),
    pytest.param(None, None, "", "no such file", id="missing-file"),
    pytest.param(
        "- version: 1\n- roles: []\n",
        1,
        "",
        "the top level should be a mapping with 'version' and 'roles' (got a list)",
        id="top-level-list",
    ),
    pytest.param(
        "just some words\n",
        1,
        "",
        "the top level should be a mapping with 'version' and 'roles' (got text)",
        id="top-level-text",
    ),
]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, content: str | bytes | None) -> None:
    if isinstance(content, bytes):
        (folder / FILE).write_bytes(content)
    elif content is not None:
        (folder / FILE).write_text(content, encoding="utf-8")


@pytest.mark.parametrize(("content", "line", "path", "says"), CASES)
def test_bad_catalog_names_the_file_line_and_field(
    in_tmp: Path, content: str | bytes | None, line: int | None, path: str, says: str
) -> None:
    write(in_tmp, content)
    result = CliRunner().invoke(app, ["--data", FILE, "list"])

    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    place = f"{FILE}:{line}:" if line is not None else f"{FILE}: "
    assert first.startswith(place), first
    if line is None:
        assert not re.match(rf"{FILE}:\d", first)
    field = f" {path}: " if path else ""
    assert field in first, first
    assert says in first, first
    assert not (in_tmp / "pwned").exists()  # the python tag case: nothing ran


def test_every_line_has_the_compiler_form(in_tmp: Path) -> None:
    text = edit("communication: 0.88}", "communication: 3}")
    write(in_tmp, text)
    result = CliRunner().invoke(app, ["--data", FILE, "show", "pm"])

    line = line_of(text, "communication: 3}")
    column = column_of(text, "3}")
    expected = f"{FILE}:{line}:{column}: roles[0].skills.communication: should be at most 1 (got 3)"
    assert result.stderr == expected + "\n"
    assert result.exit_code == 3


def test_a_directory_is_not_a_catalog(in_tmp: Path) -> None:
    (in_tmp / "folder").mkdir()
    result = CliRunner().invoke(app, ["--data", "folder", "list"])

    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == "folder: is a directory, not a catalog file\n"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        pytest.param("a\0b.yaml", "no such file (the name holds a NUL character)", id="nul"),
        pytest.param("/dev/null", "is a device, not a regular file", id="device"),
    ],
)
def test_a_name_that_is_no_regular_file_is_one_line(in_tmp: Path, name: str, says: str) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(Path(name))
    assert caught.value.lines() == [f"{name.replace(chr(0), chr(92) + 'x00')}: {says}"]


def test_all_errors_of_a_file_in_one_run(in_tmp: Path) -> None:
    text = (
        edit("    tools: [Jira]\n", "    tools: [Jira]\n    tools: [Confluence]\n")
        .replace("communication: 0.24}", "communication: 2}", 1)
        .replace("    background: >-", "    backround: >-", 1)
        .replace("works_with: [ml-engineer, data-engineer]", "works_with: [ml-enginer]", 1)
    )
    write(in_tmp, text)
    result = CliRunner().invoke(app, ["--data", FILE, "validate"])

    lines = result.stderr.splitlines()
    assert result.exit_code == 3
    assert [line.split(": ", 2)[1] for line in lines] == [
        "roles[0].background",  # the misspelt key leaves the field missing
        "roles[0].tools",
        "roles[0].backround",
        "roles[1].skills.communication",
        "roles[1].works_with[0]",
    ]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)
    assert f":{line_of(text, 'communication: 2}')}:" in lines[3]
    assert "no role has the id 'ml-enginer'" in lines[4]


def test_errors_are_capped_and_the_rest_counted(in_tmp: Path) -> None:
    count = MAX_PROBLEMS + 7
    roles = "".join(f"  - id: role-{n}\n    unknown_{n}: x\n" for n in range(count))
    write(in_tmp, f"version: 1\nroles:\n{roles}")
    result = CliRunner().invoke(app, ["--data", FILE, "list"])

    lines = result.stderr.splitlines()
    assert result.exit_code == 3
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1].startswith("... and ")
    assert all(line.startswith(f"{FILE}:") for line in lines[:-1])
    hidden = int(lines[-1].split()[2])
    # Each role has 8 missing fields and an unknown one: 9 problems.
    assert hidden == count * 9 - MAX_PROBLEMS


def test_every_alias_of_a_billion_laughs_is_reported_at_its_place(in_tmp: Path) -> None:
    write(in_tmp, _billion_laughs())
    result = CliRunner().invoke(app, ["--data", FILE, "validate", "--json"])

    import json

    report = json.loads(result.stdout)
    assert result.exit_code == 3
    assert report["valid"] is False
    first = report["errors"][0]
    assert (first["line"], first["column"], first["path"]) == (2, 8, "b[0]")
    assert len(report["errors"]) == MAX_PROBLEMS  # 72 aliases, capped


SAME_WITH_EITHER_LOADER = [
    pytest.param(DUPLICATE_KEY, id="key-written-twice"),
    pytest.param(_billion_laughs(), id="alias"),
    pytest.param("version: !!python/object/apply:os.system ['true']\nroles: []\n", id="tag"),
    pytest.param("version: 1\nroles: [\x01]\n", id="control-character"),
    pytest.param(edit("communication: 0.88}", "communication: 3}"), id="out-of-range"),
]


@pytest.mark.parametrize("text", SAME_WITH_EITHER_LOADER)
def test_the_pure_python_loader_reports_the_same(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML without libyaml (no C loader) must give the same problems."""
    import yaml

    from mlroles.catalog import load, reader

    def problems() -> list[str]:
        with pytest.raises(CatalogError) as caught:
            load.validate(reader.parse_yaml(text, FILE), text, FILE)
        return caught.value.lines()

    with_c = problems()
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    monkeypatch.setattr(reader, "_LOADER", None)
    assert problems() == with_c
    assert reader._strict_loader().__mro__[1] is yaml.SafeLoader


def installed_mlroles() -> list[str]:
    script = Path(sys.executable).with_name("mlroles")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mlroles"]


def test_a_bad_catalog_in_a_real_pipe(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text(DUPLICATE_KEY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MLROLES_DATA"}
    done = subprocess.run(
        [*installed_mlroles(), "--data", FILE, "list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 3
    assert done.stdout == ""
    line = line_of(DUPLICATE_KEY, "tools: [Confluence]")
    assert done.stderr.startswith(f"{FILE}:{line}:5: roles[0].tools: key 'tools' is written twice")
    assert "\x1b[" not in done.stderr


@pytest.mark.parametrize(
    ("pattern", "loc", "says"),
    [
        pytest.param(SLUG_PATTERN, ("roles", 0, "id"), "should be a lowercase slug", id="slug"),
        pytest.param("^https?://", ("roles", 0, "sources", 0, "url"), "a web address", id="url"),
        pytest.param("^x+$", ("roles", 0, "title"), "should match pattern '^x+$'", id="other"),
    ],
)
def test_a_pattern_mismatch_is_described_by_its_pattern(
    pattern: str, loc: tuple[str | int, ...], says: str
) -> None:
    from mlroles.catalog.messages import _describe

    error = {
        "type": "string_pattern_mismatch",
        "loc": loc,
        "msg": f"String should match pattern '{pattern}'",
        "input": "Not Right",
        "ctx": {"pattern": pattern},
    }
    message, points_at = _describe(error, loc)
    assert says in message
    assert message.endswith("(got 'Not Right')")
    assert points_at == "value"
