"""A run builds the Click command its command line names, and only that one (`entry.app_for`);
every other command line runs in the whole app. Either way the output is the whole app's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from mlroles.catalog.load import bundled_path
from mlroles.cli import entry
from mlroles.cli.app import ROOT_FLAGS, ROOT_VALUE_OPTIONS
from mlroles.cli.entry import app
from mlroles.render.env import Environment

BUNDLED = str(bundled_path())


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the Click commands and groups Typer builds, in the order it builds them."""
    names: list[str] = []
    command_from_info = typer.main.get_command_from_info
    group_from_info = typer.main.get_group_from_info

    def command(*args: Any, **kwargs: Any) -> Any:
        made = command_from_info(*args, **kwargs)
        names.append(made.name)
        return made

    def group(*args: Any, **kwargs: Any) -> Any:
        made = group_from_info(*args, **kwargs)
        names.append(f"group {made.name}")
        return made

    monkeypatch.setattr(typer.main, "get_command_from_info", command)
    monkeypatch.setattr(typer.main, "get_group_from_info", group)
    yield names


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, str, str]:
    """Exit code, what the command wrote (stdout, stderr) and what Click wrote (help)."""
    out, err = io.StringIO(), io.StringIO()
    code = entry.main(args, env=Environment(stdout=out, stderr=err, width=80))
    click_out, click_err = capsys.readouterr()
    return code, out.getvalue(), err.getvalue(), click_out, click_err


def every_command() -> list[str]:
    """The names of every command of the whole app, its groups' commands among them."""
    names = []
    for each in typer.main.get_command(app).commands.values():  # type: ignore[attr-defined]
        sub = getattr(each, "commands", None)
        names += list(sub) if sub is not None else [each.name]
    return sorted(names)


EVERY_COMMAND = every_command()
ORG_COMMANDS = sorted(typer.main.get_command(app).commands["org"].commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        pytest.param(["show", "devops", "--json"], ["show"], id="show"),
        pytest.param(["--data", BUNDLED, "list", "--json"], ["list"], id="data-then-list"),
        pytest.param([f"--data={BUNDLED}", "compare", "mle", "devops"], ["compare"], id="data="),
        pytest.param(["org", "show", "embedded", "--json"], ["show", "group org"], id="org-show"),
        pytest.param(["show", "--help"], ["show"], id="show-help"),
        pytest.param(["--version"], [], id="version"),
        pytest.param(["help", "show"], ["help", "show"], id="help-show"),
    ],
)
def test_a_plain_command_line_builds_only_its_own_command(
    args: list[str], names: list[str], built: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(args, capsys)[0]
    assert code == 0
    assert built == [*names, "group mlroles"]


def test_org_alone_builds_the_org_group_whole(
    built: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    run(["org", "--help"], capsys)
    assert built[-2:] == ["group org", "group mlroles"]
    assert sorted(built[:-2]) == ORG_COMMANDS


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="nothing"),
        pytest.param(["--help"], id="root-help"),
        pytest.param(["help"], id="help-command"),
        pytest.param(["help", "nope"], id="help-unknown-command"),
        pytest.param(["shw"], id="unknown-command"),
        pytest.param(["--json", "list"], id="option-before-command"),
        pytest.param(["--data", "-x", "show", "devops"], id="data-value-like-an-option"),
    ],
)
def test_other_command_lines_build_the_whole_app(
    args: list[str], built: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    run(args, capsys)
    assert sorted(name for name in built if not name.startswith("group ")) == EVERY_COMMAND
    assert sorted(name for name in built if name.startswith("group ")) == [
        "group mlroles",
        "group org",
    ]


@pytest.mark.parametrize(
    ("line", "narrowed"),
    [
        pytest.param("mlroles show d", ["show"], id="after-a-command"),
        pytest.param("mlroles org show e", ["org"], id="after-a-group"),
        pytest.param("mlroles sh", None, id="a-command-name"),
        pytest.param("mlroles show", None, id="the-command-word-itself"),
        pytest.param("mlroles help sh", None, id="help-names-every-command"),
        pytest.param("mlroles --data x.yaml show d", None, id="options-first"),
        pytest.param("mlroles shw d", None, id="no-such-command"),
        pytest.param("mlroles show 'd", None, id="an-open-quote"),
    ],
)
def test_shell_completion_after_a_command_word_runs_in_that_command_alone(
    line: str, narrowed: list[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(entry.COMPLETE_VAR, "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    chosen = entry.app_for([])
    monkeypatch.setenv(entry.COMPLETE_VAR, "complete_zsh")
    monkeypatch.delenv("COMP_WORDS")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    again = entry.app_for([])
    assert (chosen is app) == (again is app)
    if narrowed is None:
        assert chosen is app
    else:
        names = [info.name for info in chosen.registered_commands]
        names += [group.name for group in chosen.registered_groups]
        assert names == narrowed


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("line", "cword"),
    [
        ("mlroles show d", 2),
        ("mlroles compare mle d", 3),
        ("mlroles org show e", 3),
        ("mlroles show mle --format m", 4),
        ("mlroles path mle r", 3),
        ("mlroles s", 1),
    ],
)
def test_completion_offers_what_the_whole_app_offers(
    shell: str,
    line: str,
    cword: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What Typer's completion script of each shell puts in the environment (cursor at the end).
    monkeypatch.setenv(entry.COMPLETE_VAR, f"complete_{shell}")
    if shell == "bash":
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(cword))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    if shell == "fish":
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    narrowed = run([], capsys)
    monkeypatch.setattr(entry, "app_for", lambda args: app)
    whole = run([], capsys)
    assert narrowed == whole
    assert any(whole[1:])  # candidates were offered, and compared


SAME = [
    # narrowed: one command, or a group and one of its commands
    ["show", "devops", "--json"],
    ["show", "devops"],
    ["--data", BUNDLED, "show", "mle", "--json"],
    [f"--data={BUNDLED}", "show", "mle"],
    ["--data", "/nonexistent/roles.yaml", "show", "mle"],
    ["--version"],
    ["--version", "show"],
    ["show", "--help"],
    ["show", "-h"],
    ["show"],
    ["show", "--bogus"],
    ["show", "ml", "engineer"],
    ["show", "nosuchrole"],
    ["compare", "mle"],
    ["list", "--format", "nope"],
    ["org"],
    ["org", "--help"],
    ["org", "show", "--help"],
    ["org", "show"],
    ["org", "show", "embedded", "--json"],
    ["org", "bogus"],
    ["org", "sho"],
    ["org", "list", "--bogus"],
    # the whole app
    [],
    ["--help"],
    ["-h"],
    ["shw"],
    ["help"],
    ["help", "show"],
    ["help", "org"],
    ["help", "nope"],
    ["help", "show", "extra"],
    ["help", "--bogus"],
    ["help", "help"],
    ["--json", "list"],
    ["--data"],
    ["--data", BUNDLED],
    ["--data", "-x", "show", "devops"],
    ["--version", "--bogus"],
    ["--bogus"],
    ["--", "show", "devops"],
]


def case_id(args: list[str]) -> str:
    return " ".join(args).replace(BUNDLED, "CATALOG") or "nothing"


@pytest.mark.parametrize("args", [pytest.param(args, id=case_id(args)) for args in SAME])
def test_what_a_run_prints_is_what_the_whole_app_prints(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    narrowed = run(args, capsys)
    monkeypatch.setattr(entry, "app_for", lambda args: app)
    whole = run(args, capsys)
    assert narrowed == whole
    assert any(whole[1:])  # something was said, and compared


def test_the_root_options_read_before_a_command_are_the_roots_own() -> None:
    """`app_for` skips these before the command: each must be what the root group says it is
    (an option that takes one value, or a flag), or the command it finds is not Click's."""
    root = typer.main.get_command(app)
    kinds = {name: param for param in root.params for name in param.opts}  # type: ignore[attr-defined]
    for name in ROOT_VALUE_OPTIONS:
        assert not kinds[name].is_flag and kinds[name].nargs == 1
    for name in ROOT_FLAGS:
        assert kinds[name].is_flag
