"""Colour and width on a real terminal (a pseudo-terminal from `pty`), beside the piped runs.

The installed `mlroles` runs with its stdout on a pty of a chosen size, as in a person's
terminal; colour must appear there, and not under NO_COLOR or TERM=dumb, nor in a pipe unless
FORCE_COLOR asks. At 40, 60, 80 and 120 columns, no line is wider than the terminal and no word
of the role's text is lost: a word too long for its cell is folded onto the next lines.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import sysconfig
import termios
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from mlroles.catalog.entries import Role
from mlroles.catalog.load import bundled_path, load_catalog
from mlroles.cli.entry import app

PROGRAM = Path(sysconfig.get_path("scripts")) / "mlroles"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_pty(
    argv: list[str], env: dict[str, str], columns: int = 100, stream: str = "stdout"
) -> tuple[str, str, int]:
    """Run argv with `stream` (stdout or stderr) on a pty of `columns`; the other is piped."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    on_tty = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: follower}
    process = subprocess.Popen(
        argv, stdin=follower, stdout=on_tty["stdout"], stderr=on_tty["stderr"], env=env
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            process.kill()
            raise AssertionError(f"{argv} gave no output for 30 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    piped = process.communicate(timeout=30)
    other = piped[1] if stream == "stdout" else piped[0]
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return text, other.decode("utf-8"), process.returncode


def terminal_env(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    env["TERM"] = "xterm-256color"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def colours(text: str) -> set[int]:
    """The SGR colour parameters (foreground and background) used in `text`."""
    found: set[int] = set()
    for params in SGR.findall(text):
        for part in params.split(";"):
            if part.isdigit():
                code = int(part)
                if 30 <= code <= 49 or 90 <= code <= 107:
                    found.add(code)
    return found


# --- colour ------------------------------------------------------------------------------------

SHOW, COMPARE, LIST = ["show", "mle"], ["compare", "mle", "de"], ["list", "--format", "table"]


@pytest.mark.parametrize(
    ("args", "changes", "coloured"),
    [
        *(pytest.param(args, {}, True, id=f"terminal-{args[0]}") for args in (SHOW, COMPARE, LIST)),
        *(
            pytest.param(args, {"NO_COLOR": "1"}, False, id=f"NO_COLOR-{args[0]}")
            for args in (SHOW, COMPARE, LIST)
        ),
        pytest.param(SHOW, {"NO_COLOR": ""}, True, id="empty-NO_COLOR-is-unset"),
        pytest.param(SHOW, {"TERM": "dumb"}, False, id="TERM-dumb"),
        pytest.param(SHOW, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, id="NO_COLOR-wins"),
    ],
)
def test_colour_on_a_terminal_follows_the_environment(
    args: list[str], changes: dict[str, str], coloured: bool
) -> None:
    out, err, code = run_in_pty([str(PROGRAM), *args], terminal_env(**changes))
    assert code == 0, err
    assert bool(colours(out)) is coloured
    assert "ml-engineer" in ANSI.sub("", out)
    assert "\t" not in out  # drawn for people, not the plain lines of a pipe
    if changes.get("TERM") == "dumb":
        assert not ANSI.search(out)


@pytest.mark.parametrize(
    ("args", "changes", "coloured"),
    [
        *(pytest.param(args, {}, False, id=f"pipe-{args[0]}") for args in (SHOW, COMPARE, LIST)),
        pytest.param(SHOW, {"FORCE_COLOR": "1"}, True, id="FORCE_COLOR"),
        pytest.param(SHOW, {"FORCE_COLOR": "1", "TERM": "dumb"}, False, id="FORCE_COLOR-dumb"),
    ],
)
def test_in_a_pipe_there_is_no_colour_unless_forced(
    args: list[str], changes: dict[str, str], coloured: bool
) -> None:
    done = subprocess.run(
        [str(PROGRAM), *args],
        env=terminal_env(**changes),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0
    assert bool(colours(done.stdout)) is coloured
    if not coloured:
        assert not ANSI.search(done.stdout)


def test_list_is_a_table_on_a_terminal_and_plain_lines_in_a_pipe() -> None:
    on_tty, _, _ = run_in_pty([str(PROGRAM), "list"], terminal_env(NO_COLOR="1"))
    assert re.search(r"^\s*(id\s+title\s+aliases|role)\s+summary", ANSI.sub("", on_tty), re.M)
    piped = subprocess.run(
        [str(PROGRAM), "list"], env=terminal_env(), capture_output=True, text=True, check=True
    ).stdout
    assert all(line.count("\t") == 3 for line in piped.splitlines())


CONSOLE = (
    "from rich.text import Text; from mlroles.render.env import Environment;"
    "Environment.from_process().draw(Text.assemble(('cyan', 'cyan'), ' and ', ('bold', 'bold')))"
)


@pytest.mark.parametrize(
    ("changes", "on_tty", "coloured"),
    [
        pytest.param({}, True, True, id="terminal"),
        pytest.param({"NO_COLOR": "1"}, True, False, id="NO_COLOR"),
        pytest.param({"TERM": "dumb"}, True, False, id="TERM-dumb"),
        pytest.param({}, False, False, id="pipe"),
        pytest.param({"FORCE_COLOR": "1"}, False, True, id="pipe-FORCE_COLOR"),
    ],
)
def test_the_console_follows_the_environment(
    changes: dict[str, str], on_tty: bool, coloured: bool
) -> None:
    """The one console the project makes, on stdout; messages on stderr are always plain."""
    argv = [sys.executable, "-c", CONSOLE]
    env = terminal_env(**changes)
    if on_tty:
        text, _, code = run_in_pty(argv, env)
    else:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        text, code = done.stdout, done.returncode
    assert code == 0
    assert "cyan and bold" in ANSI.sub("", text)
    assert bool(colours(text)) is coloured


def test_typers_own_messages_follow_no_color_too(tmp_path: Path) -> None:
    argv = [str(PROGRAM), "--install-completion", "bash"]
    env = terminal_env(HOME=str(tmp_path), _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    coloured, _, _ = run_in_pty(argv, env)
    plain, _, _ = run_in_pty(argv, {**env, "NO_COLOR": "1"})
    assert colours(coloured) == {32}  # green: the control
    assert "completion installed" in plain
    assert not ANSI.search(plain)


def test_errors_go_to_stderr_as_one_plain_line_on_a_terminal() -> None:
    out, err, code = run_in_pty([str(PROGRAM), "show", "nobody"], terminal_env())
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mlroles: no role named 'nobody'")


# --- width -------------------------------------------------------------------------------------

WIDTHS = [pytest.param(width, id=f"{width}-columns") for width in (40, 60, 80, 120)]


def words(*texts: str) -> list[str]:
    """The words of texts, without the commas that join items in a cell."""
    return [word.rstrip(",") for text in texts for word in text.split()]


def tokens(line: str) -> list[str]:
    return words(line)


def role_words(role: Role, everything: bool = True) -> list[str]:
    texts = [
        role.title,
        role.id,
        role.summary,
        role.background,
        *role.responsibilities,
        *role.work_product,
        *role.tools,
        *role.works_with,
    ]
    if everything:
        texts += [*role.aliases, *role.inferred.values()]
        texts += [text for source in role.sources for text in (source.title, str(source.url))]
    return words(*texts)


def present(word: str, lines: list[str]) -> bool:
    """Is `word` on a line, or folded: its pieces ending and starting cells on following lines?"""
    if any(word in tokens(line) for line in lines):
        return True
    return any(
        word.startswith(token) and _rest_present(word[len(token) :], lines, number + 1)
        for number, line in enumerate(lines)
        for token in tokens(line)
    )


def _rest_present(rest: str, lines: list[str], number: int) -> bool:
    if number >= len(lines):
        return False
    return any(
        rest == token
        or (rest.startswith(token) and _rest_present(rest[len(token) :], lines, number + 1))
        for token in tokens(lines[number])
    )


def check_fits(text: str, width: int, expected_words: list[str]) -> None:
    lines = ANSI.sub("", text).splitlines()
    widest = max(cell_len(line) for line in lines)
    assert widest <= width, f"a line is {widest} columns wide on a {width}-column terminal"
    lost = [word for word in expected_words if not present(word, lines)]
    assert lost == []


def roles_by_id() -> dict[str, Role]:
    return {role.id: role for role in load_catalog(bundled_path()).roles}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role_id", list(roles_by_id()))
def test_show_fits_the_width_and_keeps_every_word(role_id: str, width: int) -> None:
    result = CliRunner().invoke(app, ["show", role_id], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    check_fits(result.stdout, width, role_words(roles_by_id()[role_id]))


COMPARED = [
    pytest.param(["ml-engineer", "data-engineer", "devops-engineer"], id="three"),
    pytest.param(["ml-product-manager", "ml-researcher", "data-scientist"], id="three-more"),
    pytest.param(["ml-engineer", "ml-researcher"], id="two"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ids", COMPARED)
def test_compare_fits_the_width_and_keeps_every_word(ids: list[str], width: int) -> None:
    result = CliRunner().invoke(app, ["compare", *ids], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    roles = roles_by_id()
    expected = [word for role_id in ids for word in role_words(roles[role_id], everything=False)]
    check_fits(result.stdout, width, expected)


@pytest.mark.parametrize(
    "width", [pytest.param(w, id=f"{w}-columns") for w in (30, 40, 60, 80, 120)]
)
def test_list_fits_the_width_and_keeps_every_word(width: int) -> None:
    result = CliRunner().invoke(app, ["list", "--format", "table"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    roles = roles_by_id().values()
    expected = words(*(t for r in roles for t in (r.id, r.title, *r.aliases, r.summary)))
    check_fits(result.stdout, width, expected)


@pytest.mark.parametrize(
    ("width", "table"),
    [pytest.param(40, False, id="40-blocks"), pytest.param(100, True, id="100-table")],
)
def test_list_is_a_block_per_role_when_a_table_would_be_too_narrow(width: int, table: bool) -> None:
    out = CliRunner().invoke(app, ["list", "--format", "table"], env={"COLUMNS": str(width)})
    has_header = re.search(r"^\s*role\s+summary$", out.stdout, re.MULTILINE)
    assert bool(has_header) is table
    first_lines = re.findall(r"^(\S+)  ", out.stdout, re.MULTILINE)
    assert (first_lines == list(roles_by_id())) is not table


def test_compare_stacks_the_roles_when_columns_would_be_too_narrow() -> None:
    ids = ["ml-engineer", "data-engineer", "devops-engineer"]
    wide = CliRunner().invoke(app, ["compare", *ids], env={"COLUMNS": "120"}).stdout
    narrow = CliRunner().invoke(app, ["compare", *ids], env={"COLUMNS": "40"}).stdout
    assert re.search(r"ML Engineer\s+Data Engineer\s+DevOps Engineer", wide)
    blocks = re.findall(r"^(\S.*)$", narrow, re.MULTILINE)  # field headings, flush left
    assert blocks[:3] == ["title", "aliases", "summary"]
    assert re.search(r"^  devops-engineer\s+DevOps Engineer$", narrow, re.MULTILINE)


def long_word_catalog(tmp_path: Path) -> tuple[Path, list[str]]:
    data: dict[str, Any] = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    long_words = [
        "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
        "https://example.com/" + "a-very-long-path-segment/" * 6,
        "Supercalifragilistic-Enterprise-Platform",
    ]
    role = data["roles"][3]  # ml-engineer
    role["summary"] = f"Starts short, then {long_words[0]} and ends."
    role["responsibilities"].append(f"Read {long_words[1]}")
    role["tools"].append(long_words[2])
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path, long_words


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["show", "mle"], id="show"),
        pytest.param(["compare", "mle", "de", "devops"], id="compare"),
    ],
)
def test_long_words_are_folded_not_lost(tmp_path: Path, args: list[str], width: int) -> None:
    path, long_words = long_word_catalog(tmp_path)
    result = CliRunner().invoke(app, ["--data", str(path), *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    check_fits(result.stdout, width, long_words)
    if width < 100:  # the control: too long for any cell at this width, so really folded
        assert not any(long_words[0] in line for line in result.stdout.splitlines())


@pytest.mark.parametrize("width", [pytest.param(40, id="40"), pytest.param(120, id="120")])
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["show", "devops"], id="show"),
        pytest.param(["compare", "mle", "de", "devops"], id="compare"),
    ],
)
def test_on_a_real_terminal_the_width_is_the_terminals(args: list[str], width: int) -> None:
    out, err, code = run_in_pty([str(PROGRAM), *args], terminal_env(), columns=width)
    assert code == 0, err
    roles = roles_by_id()
    expected = [
        word
        for name in args[1:]
        for role in roles.values()
        if name in (role.id, *role.aliases)
        for word in role_words(role, everything=args[0] == "show")
    ]
    check_fits(out, width, expected)
    widest = max(cell_len(line) for line in ANSI.sub("", out).splitlines())
    assert widest > width - 10  # it used the terminal's width, not a default


@pytest.mark.parametrize("width", [72, 76, 80, 100, 109, 110, 120])
def test_list_at_the_common_widths_reads_well(width: int) -> None:
    """The summary gets real room; an alias is never cut inside; no line is a lone comma."""
    out = CliRunner().invoke(app, ["list", "--format", "table"], env={"COLUMNS": str(width)})
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    assert not any(line.strip() in {",", ""} and "," in line for line in lines)
    aliases = {alias for role in roles_by_id().values() for alias in role.aliases}
    shown = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", out.stdout))
    assert aliases <= shown  # each alias whole on one line
    header = next(line for line in lines if "summary" in line)
    summary_column = width - header.index("summary")
    assert summary_column >= (40 if width < 110 else 30)
