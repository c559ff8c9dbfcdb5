"""The installed `mlroles` as a black box, fed what a careless or hostile catalog, pipe or
terminal gives it: what it writes must be text, whole, and end with the documented code.

Every case runs the installed program (a non-editable copy: `pip install .` as CI does, else
one built for this module) in a subprocess, each bounded in time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from importlib.metadata import distribution
from pathlib import Path

import pytest
import yaml
from custom_catalog import role, write_catalog

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60

# --- the installed program ---------------------------------------------------------------------


def _editable() -> bool:
    direct_url = distribution("mlroles").read_text("direct_url.json")
    return bool(direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], dict[str, str]]]:
    """The command that runs the installed `mlroles`, and the environment it runs in."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update(COLUMNS="80", MLROLES_NO_CACHE="1", PYTHONIOENCODING="utf-8")
    env.pop("MLROLES_DATA", None)
    scripts = Path(sys.executable).parent
    if not _editable():
        yield [str(scripts / "mlroles")], env
        return
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("an editable install without its source tree")
    target = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    env["PYTHONPATH"] = str(target)
    yield [sys.executable, str(target / "bin" / "mlroles")], env


def run(
    program: tuple[list[str], dict[str, str]], *args: str, **changes: str
) -> subprocess.CompletedProcess[bytes]:
    command, env = program
    return subprocess.run(
        [*command, *args], env={**env, **changes}, capture_output=True, timeout=TIMEOUT
    )


# --- catalogs ----------------------------------------------------------------------------------

LINK = "[link=https://example.org]click[/link]"
REVERSE = "[reverse]flipped[/reverse]"
#: Erase the screen, set the window title (OSC 0), a hyperlink (OSC 8), a C1 CSI (U+009B),
#: a bidirectional override: what a shared catalog could carry to a terminal.
ESCAPES = (
    "wipe \x1b[2J now, title \x1b]0;owned\x07 here, link \x1b]8;;https://evil.example\x1b\\"
    "text\x1b]8;;\x1b\\ there, c1 \x9b31m red, rtl \u202eevil\u202c, bell \x07 del \x7f"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return write_catalog(
        folder / "hostile.yaml",
        [
            role(
                "linker",
                LINK,
                summary=f"{REVERSE} {ESCAPES}",
                tools=["kafka", "Kafka\x1b[31mRed"],
                responsibilities=[f"Do \x1b[5mblinking\x1b[0m work {REVERSE}"],
                background=ESCAPES,
                skills=(0.3, 0.7, 0.2),
            ),
            role(
                "plain-one",
                f"Plain {REVERSE}",
                tools=["kafka"],
                summary="An ordinary kafka role.",
                skills=(0.7, 0.3, 0.8),
            ),
        ],
    )


def unsafe(text: str, allowed: str = "\n\t") -> list[str]:
    """Characters a terminal would act on: controls (C0, DEL, C1), separators, bidi overrides."""
    return [
        char
        for char in text
        if char not in allowed
        and (
            unicodedata.category(char) == "Cc"
            or char in "\u2028\u2029"
            or "\u202a" <= char <= "\u202e"
            or "\u2066" <= char <= "\u2069"
        )
    ]


def strings(data: object) -> Iterator[str]:
    """Every string in parsed JSON or YAML."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


COMMANDS = [
    pytest.param(["list"], id="list"),
    pytest.param(["show", "linker"], id="show"),
    pytest.param(["compare", "linker", "plain-one"], id="compare"),
    pytest.param(["search", "kafka"], id="search"),
    pytest.param(["match", "--have", "kafka"], id="match"),
    pytest.param(["map"], id="map"),
]
FORMATS = ["table", "plain", "markdown", "yaml", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS)
def test_catalog_text_is_shown_as_text_in_every_command_and_format(
    program: tuple[list[str], dict[str, str]], hostile: Path, args: list[str], fmt: str
) -> None:
    done = run(program, "--data", str(hostile), *args, "--format", fmt)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert unsafe(out) == []
    assert unsafe(done.stderr.decode("utf-8")) == []
    if fmt in ("json", "yaml") and args[0] not in ("list", "show", "compare"):
        pass  # their data holds no summary or background
    elif fmt == "json":
        # Exact: the catalog's text, escaped in JSON's own way.
        assert any(ESCAPES in text for text in strings(json.loads(out)))
    elif fmt == "yaml":
        assert any(ESCAPES in text for text in strings(yaml.safe_load(out)))
    elif args[0] in ("list", "show", "compare") and fmt != "markdown":
        # The brackets kept, no hyperlink made (a table may fold the title's end).
        assert (LINK if fmt == "plain" else "[link=https://example.org]") in out
        assert REVERSE in out
        assert "\\x1b[2J" in out  # the escape made visible


@pytest.mark.parametrize("args", COMMANDS)
def test_colour_on_a_terminal_is_ours_alone(
    program: tuple[list[str], dict[str, str]], hostile: Path, args: list[str]
) -> None:
    """With colour forced, the only escape sequences are our own styles (SGR), never the
    catalog's: no hyperlink (OSC 8), no title (OSC 0), no erase."""
    done = run(program, "--data", str(hostile), *args, "--format", "table", FORCE_COLOR="1")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert "\x1b[" in out  # colour is on
    assert unsafe(re.sub(r"\x1b\[[0-9;]*m", "", out)) == []
    assert "\x1b]" not in out


@pytest.fixture(scope="module")
def hostile_titles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Escapes in a title too: the one text the SVG chart shows."""
    folder = tmp_path_factory.mktemp("hostile-titles")
    return write_catalog(
        folder / "titles.yaml",
        [
            role("c1", "C1 \x9b31m red \x1b[2J", summary=ESCAPES, skills=(0.3, 0.7, 0.2)),
            role("rtl", "RTL \u202eevil\u202c", background=ESCAPES, skills=(0.7, 0.3, 0.8)),
        ],
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["map", "--format", "svg"], id="map-svg"),
        pytest.param(["export"], id="export-html"),
        pytest.param(["export", "--format", "markdown"], id="export-markdown"),
    ],
)
def test_a_document_escaped_by_its_own_rules_shows_no_control_either(
    program: tuple[list[str], dict[str, str]], hostile_titles: Path, args: list[str]
) -> None:
    """SVG and HTML escape their markup, Markdown its syntax; what those rules leave as it is
    (a C1 control, a bidi override) is made visible like everywhere else."""
    done = run(program, "--data", str(hostile_titles), *args)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert unsafe(out) == []
    assert "\\x9b31m red" in out and "\\u202eevil" in out


# --- a non-blocking pipe -----------------------------------------------------------------------


def _make_catalog(path: Path, roles: int) -> Path:
    spec = importlib.util.spec_from_file_location(
        "make_catalog", ROOT / "benchmarks" / "make_catalog.py"
    )
    if spec is None or spec.loader is None or not (ROOT / "benchmarks").is_dir():
        pytest.skip("benchmarks/make_catalog.py is not here")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_catalog(path, roles)
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_catalog(tmp_path_factory.mktemp("big") / "roles.yaml", 2000)


def _read_slowly(fd: int, chunks: list[bytes]) -> None:
    time.sleep(0.5)  # long enough for the writer to fill the pipe and meet EAGAIN
    while True:
        data = os.read(fd, 1 << 16)
        if not data:
            return
        chunks.append(data)
        time.sleep(0.001)


BIG_COMMANDS = [
    pytest.param(["list", "--json"], id="list-json"),
    pytest.param(["list"], id="list"),
    pytest.param(["search", "data"], id="search"),
    pytest.param(["match", "--have", "kafka,python"], id="match"),
    pytest.param(["map", "--width", "100"], id="map"),
]


@pytest.mark.parametrize("args", BIG_COMMANDS)
def test_a_non_blocking_pipe_gets_every_byte(
    program: tuple[list[str], dict[str, str]], big: Path, args: list[str]
) -> None:
    expected = run(program, "--data", str(big), *args)
    assert expected.returncode == 0
    assert len(expected.stdout) > 1 << 16  # more than a pipe holds
    command, env = program
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_read_slowly, args=(read_end, chunks))
    reader.start()
    try:
        done = subprocess.run(
            [*command, "--data", str(big), *args],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
        )
    finally:
        os.close(write_end)
        reader.join(TIMEOUT)
        os.close(read_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"".join(chunks) == expected.stdout


# --- signals -----------------------------------------------------------------------------------


def _full_pipe() -> tuple[int, int]:
    """A pipe whose buffer is already full: whoever writes to it waits."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    with contextlib.suppress(BlockingIOError):
        while True:
            os.write(write_end, b"x" * 4096)
    os.set_blocking(write_end, True)
    return read_end, write_end


SIGNALLED = [
    ["list"],
    ["show", "mle"],
    ["compare", "mle", "de"],
    ["search", "kafka"],
    ["match", "--have", "docker"],
    ["map"],
    ["validate"],
    ["schema"],
    ["init", "{tmp}/team.yaml"],
    ["help", "list"],
    ["--help"],
    ["--version"],
]


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [
        pytest.param(signal.SIGINT, 130, "mlroles: interrupted", id="SIGINT"),
        pytest.param(signal.SIGTERM, 143, "mlroles: terminated", id="SIGTERM"),
    ],
)
def test_a_signal_ends_every_command_with_one_line_and_its_code(
    program: tuple[list[str], dict[str, str]],
    tmp_path: Path,
    signum: int,
    code: int,
    line: str,
) -> None:
    """Each command waits on a full stdout; the signal ends it: one line, 128 + the signal,
    no traceback, no temporary file left."""
    command, env = program
    running = []
    for args in SIGNALLED:
        read_end, write_end = _full_pipe()
        argv = [*command, *(arg.replace("{tmp}", str(tmp_path)) for arg in args)]
        process = subprocess.Popen(argv, env=env, stdout=write_end, stderr=subprocess.PIPE)
        os.close(write_end)
        running.append((args, process, read_end))
    try:
        time.sleep(3)  # every one started and waiting on its stdout
        for args, process, _ in running:
            assert process.poll() is None, f"{args} did not wait on its stdout"
            process.send_signal(signum)
        for args, process, _ in running:
            _, err = process.communicate(timeout=TIMEOUT)
            assert (args, process.returncode) == (args, code)
            assert err.decode() == line + "\n", args
    finally:
        for _, process, read_end in running:
            if process.poll() is None:
                process.kill()
            os.close(read_end)
    # init was stopped after writing its file (waiting on stdout) or, on a slow machine, before
    # it: either way no temporary file is left beside it.
    assert {p.name for p in tmp_path.iterdir()} <= {"team.yaml"}


# --- stderr closed or full, stdout closed ------------------------------------------------------


@pytest.fixture(scope="module")
def invalid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("invalid") / "bad.yaml"
    path.write_text("version: 1\nroles:\n  - id: Not A Slug\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"], ids=["closed", "full"])
@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["--data", "{invalid}", "list"], 3, id="invalid-catalog"),
        pytest.param(["validate", "{invalid}"], 3, id="validate-invalid"),
        pytest.param(["list", "--group"], 2, id="usage-error"),
        pytest.param(["list", "--group", "nope"], 2, id="unknown-group"),
        pytest.param(["show", "nobody"], 1, id="not-found"),
        pytest.param([], 2, id="no-command"),
    ],
)
def test_the_exit_code_does_not_depend_on_stderr(
    program: tuple[list[str], dict[str, str]],
    invalid: Path,
    stderr: str,
    args: list[str],
    code: int,
) -> None:
    command, env = program
    argv = [arg.replace("{invalid}", str(invalid)) for arg in args]
    done = subprocess.run(
        ["sh", "-c", f'"$@" >/dev/null {stderr}', "sh", *command, *argv],
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == code


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="help"),
        pytest.param(["list", "--help"], id="list-help"),
        pytest.param(["help"], id="help-command"),
        pytest.param(["--version"], id="version"),
        pytest.param(["list"], id="list"),
    ],
)
def test_a_closed_stdout_is_exit_74(
    program: tuple[list[str], dict[str, str]], args: list[str]
) -> None:
    command, env = program
    done = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *command, *args],
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 74
    assert done.stderr.decode().count("\n") == 1
    assert b"Traceback" not in done.stderr


# --- widths ------------------------------------------------------------------------------------


def columns_of(line: str) -> int:
    """Terminal cells, measured apart from Rich: wide and fullwidth characters take two,
    combining marks and zero-width formats none."""
    width = 0
    for char in line:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


ZW = "\u200b\u200d\u2060"


def fullwidth(text: str) -> str:
    """`text` in fullwidth letters (U+FF01...), two terminal cells each; spaces ideographic."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) for c in text)


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    title = fullwidth("Wide Engineer with long title")
    roles = [
        role(
            f"wide-{n}",
            title + fullwidth("x") * n,
            summary=(fullwidth("Fullwidth") + " " + fullwidth("words") + " ") * 3,
            responsibilities=[" ".join(map(fullwidth, ["Do", "the", "work", "every", "day"]))],
            tools=[fullwidth("Kafka")],
            skills=(0.08 * n + 0.05, 0.45 + 0.05 * n, 0.5),
        )
        for n in range(9)
    ]
    roles.append(
        role(
            "zero-width",
            "Z" + ZW * 15 + "ero width café" + "\u0301" * 5,
            summary=("word" + ZW) * 30,
            skills=(0.6, 0.15, 0.9),
        )
    )
    return write_catalog(tmp_path_factory.mktemp("wide") / "wide.yaml", roles)


@pytest.mark.parametrize(
    ("args", "width"),
    [
        pytest.param(["show", "wide-8"], 40, id="show-40"),
        pytest.param(["show", "zero-width"], 40, id="show-zero-width-40"),
        pytest.param(["compare", "wide-1", "zero-width"], 60, id="compare-60"),
        pytest.param(["list"], 80, id="list-80"),
        pytest.param(["map"], 80, id="map-80"),
        pytest.param(["map", "--highlight", "wide-3"], 60, id="map-60-highlight"),
        pytest.param(["map", "--width", "50"], 200, id="map-width-50"),
    ],
)
def test_wide_and_zero_width_characters_are_counted_right(
    program: tuple[list[str], dict[str, str]], wide: Path, args: list[str], width: int
) -> None:
    done = run(program, "--data", str(wide), *args, "--format", "table", COLUMNS=str(width))
    assert done.returncode == 0, done.stderr
    limit = 50 if "--width" in args else width
    widest = max(columns_of(line) for line in done.stdout.decode().splitlines())
    assert widest <= limit


# --- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "command"),
    [
        pytest.param(["show", "mle", "--format"], "show", id="show-format"),
        pytest.param(["list", "--group"], "list", id="list-group"),
        pytest.param(["match", "--have"], "match", id="match-have"),
        pytest.param(["map", "--width"], "map", id="map-width"),
        pytest.param(["compare", "mle"], "compare", id="compare-one"),
        pytest.param(["map", "--width", "10"], "map", id="map-width-10"),
        pytest.param(["list", "--json", "--format", "yaml"], "list", id="json-and-yaml"),
        pytest.param(["match"], "match", id="match-nothing"),
        pytest.param(["search", ""], "search", id="search-empty"),
        pytest.param(["help", "nosuch"], "help", id="help-unknown"),
    ],
)
def test_every_usage_error_names_its_own_command(
    program: tuple[list[str], dict[str, str]], args: list[str], command: str
) -> None:
    done = run(program, *args)
    assert done.returncode == 2
    assert done.stdout == b""
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith(f"mlroles {command}: ")
    assert line.endswith(f"(see 'mlroles {command} --help')")


def test_an_option_before_its_command_says_where_it_goes(
    program: tuple[list[str], dict[str, str]],
) -> None:
    done = run(program, "--json", "list")
    assert done.returncode == 2
    message = done.stderr.decode()
    assert "--version" not in message
    assert "mlroles list --json" in message


def test_a_name_of_several_words_is_told_to_be_quoted(
    program: tuple[list[str], dict[str, str]],
) -> None:
    done = run(program, "show", "ml", "engineer")
    assert done.returncode == 2
    assert "mlroles show 'ml engineer'" in done.stderr.decode()
    assert run(program, "show", "ml engineer").returncode == 0


@pytest.mark.parametrize("command", ["list", "show", "match", "validate", "help"])
def test_help_command_is_the_commands_help(
    program: tuple[list[str], dict[str, str]], command: str
) -> None:
    via_help = run(program, "help", command)
    via_option = run(program, command, "--help")
    assert via_help.returncode == 0
    assert via_help.stdout == via_option.stdout


def test_help_alone_is_the_top_level_help_with_whole_summaries(
    program: tuple[list[str], dict[str, str]],
) -> None:
    done = run(program, "help")
    assert done.returncode == 0
    assert done.stdout == run(program, "--help").stdout
    assert b"..." not in done.stdout.split(b"Commands:")[1]


def test_ascii_bullets_are_not_the_inferred_mark(
    program: tuple[list[str], dict[str, str]],
) -> None:
    done = run(program, "show", "mle", "--format", "table", PYTHONIOENCODING="ascii")
    assert done.returncode == 0
    out = done.stdout.decode("ascii")
    assert "- Train prediction models" in out
    assert not re.search(r"^\s*\* ", out, re.MULTILINE)
