"""Shell completion of role names, run as the shells run it: the installed program, in a subprocess.

bash passes COMP_WORDS/COMP_CWORD, zsh and fish pass _TYPER_COMPLETE_ARGS (the scripts that
`mlroles --show-completion SHELL` prints). Every run also records its imports
(PYTHONPROFILEIMPORTTIME) to show that completing never imports Pydantic.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from mlroles.catalog.load import bundled_path
from mlroles.cli.completion import complete_group, complete_tool
from mlroles.cli.entry import app

PROGRAM = Path(sysconfig.get_path("scripts")) / "mlroles"


def catalog_names() -> list[tuple[str, str]]:
    """(name, role id) in catalog order, read straight from the bundled YAML."""
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    return [(name, role["id"]) for role in data["roles"] for name in (role["id"], *role["aliases"])]


def expected(prefix: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    return [
        name
        for name, role_id in catalog_names()
        if name.startswith(prefix) and role_id not in leave_out
    ]


def shell_env(shell: str, line: str) -> dict[str, str]:
    """What each shell's completion script puts in the environment for `line` (cursor at end)."""
    if shell == "bash":
        words = line.split(" ")
        return {
            "_MLROLES_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
    env = {"_MLROLES_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def complete(
    shell: str, line: str, **extra: str
) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    """The candidates the program offers, and the finished process."""
    env = {**os.environ, **shell_env(shell, line), "PYTHONPROFILEIMPORTTIME": "1", **extra}
    done = subprocess.run(
        [str(PROGRAM)], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    return parse(shell, done.stdout), done


def parse(shell: str, out: str) -> list[str]:
    if shell == "zsh":
        if out.strip() == "_files":  # zsh's answer when there is nothing to offer
            return []
        body = out.split("((", 1)[1].rsplit("))", 1)[0]
        return [line.split('":"')[0].strip('"') for line in body.splitlines()]
    return [line.split("\t")[0] for line in out.splitlines() if line]


def imported(done: subprocess.CompletedProcess[str]) -> set[str]:
    """Top-level package names from the import-time report on stderr."""
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def messages(done: subprocess.CompletedProcess[str]) -> list[str]:
    """stderr without the import-time report: what a person would see."""
    return [line for line in done.stderr.splitlines() if not line.startswith("import time:")]


SHELLS = [pytest.param(shell, id=shell) for shell in ("bash", "zsh", "fish")]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("line", "prefix", "leave_out"),
    [
        pytest.param("mlroles show d", "d", (), id="show-d"),
        pytest.param("mlroles show ml", "ml", (), id="show-ml"),
        pytest.param("mlroles show ", "", (), id="show-empty"),
        pytest.param("mlroles compare d", "d", (), id="compare-first"),
        pytest.param("mlroles compare mle d", "d", ("ml-engineer",), id="compare-second"),
        pytest.param(
            "mlroles compare devops m", "m", ("devops-engineer",), id="compare-leaves-out-named"
        ),
        pytest.param("mlroles show zzz", "zzz", (), id="show-no-match"),
    ],
)
def test_completes_role_ids_and_aliases_without_pydantic(
    shell: str, line: str, prefix: str, leave_out: tuple[str, ...]
) -> None:
    candidates, done = complete(shell, line)
    assert done.returncode == 0
    assert candidates == expected(prefix, leave_out)
    assert messages(done) == []
    assert "mlroles" in imported(done)  # the report is there, so its silence means something
    assert "pydantic" not in imported(done)


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        pytest.param("mlroles list --tool K", ["Kafka"], id="tool"),
        pytest.param("mlroles list --tool Py", ["PyTorch"], id="tool-pytorch"),
        pytest.param("mlroles list --group c", ["core-ml"], id="group"),
        pytest.param("mlroles list --group ml-", ["ml-adjacent"], id="group-prefix"),
    ],
)
def test_completes_the_filters_from_the_catalog(line: str, wanted: list[str]) -> None:
    candidates, done = complete("bash", line)
    assert candidates == wanted
    assert "pydantic" not in imported(done)


def test_completes_the_role_to_highlight_on_the_map() -> None:
    candidates, _ = complete("bash", "mlroles map --highlight d")
    assert candidates == expected("d")


@pytest.mark.parametrize("shell", SHELLS)
def test_completes_format_names(shell: str) -> None:
    candidates, done = complete(shell, "mlroles show mle --format m")
    assert candidates == ["markdown"]
    assert "pydantic" not in imported(done)


def test_the_import_report_does_name_pydantic_when_a_command_validates() -> None:
    """The control for the tests above: a command that validates its catalog (here with no
    parse cache to trust) does import Pydantic."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "MLROLES_NO_CACHE": "1"}
    done = subprocess.run(
        [str(PROGRAM), "show", "devops", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0
    assert "pydantic" in imported(done)


def write_catalog(path: Path, roles: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"version": 1, "roles": roles}), encoding="utf-8")
    return path


CUSTOM_ROLES = [
    {"id": "prompt-engineer", "aliases": ["pe", "prompter"], "tools": ["LangChain", "Kafka"]},
    {"id": "analytics-engineer", "aliases": ["ae"], "group": "business-analytics"},
]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "how", [pytest.param("option", id="--data"), pytest.param("env", id="env")]
)
def test_reads_the_catalog_chosen_by_data_or_the_environment(
    tmp_path: Path, shell: str, how: str
) -> None:
    catalog = write_catalog(tmp_path / "team.yaml", CUSTOM_ROLES)
    if how == "option":
        candidates, done = complete(shell, f"mlroles --data {catalog} show p")
    else:
        candidates, done = complete(shell, "mlroles show p", MLROLES_DATA=str(catalog))
    assert candidates == ["prompt-engineer", "pe", "prompter"]
    assert done.returncode == 0


def test_data_option_beats_the_environment(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "team.yaml", CUSTOM_ROLES)
    candidates, _ = complete(
        "bash", f"mlroles --data {catalog} show a", MLROLES_DATA=str(bundled_path())
    )
    assert candidates == ["analytics-engineer", "ae"]


def test_a_tilde_in_data_is_the_home_folder(tmp_path: Path) -> None:
    write_catalog(tmp_path / "team.yaml", CUSTOM_ROLES)
    candidates, _ = complete("bash", "mlroles --data ~/team.yaml show a", HOME=str(tmp_path))
    assert candidates == ["analytics-engineer", "ae"]


BROKEN = [
    pytest.param(None, id="missing-file"),
    pytest.param("", id="empty"),
    pytest.param("version: 1\nroles: [\n", id="bad-yaml"),
    pytest.param("just a string\n", id="not-a-mapping"),
    pytest.param("version: 1\nroles: 3\n", id="roles-not-a-list"),
    pytest.param("version: 1\nroles:\n  - 7\n", id="role-not-a-mapping"),
    pytest.param("version: 1\nroles:\n  - title: no id\n", id="role-without-id"),
    pytest.param("\x00\x01binary", id="binary"),
    pytest.param("version: 1\nroles:\n  - id: a\n    aliases: 5\n", id="aliases-not-a-list"),
]


@pytest.mark.parametrize(
    ("shell", "text"),
    [
        *(pytest.param("bash", *case.values, id=f"bash-{case.id}") for case in BROKEN),
        pytest.param("zsh", "version: 1\nroles: [\n", id="zsh-bad-yaml"),
        pytest.param("fish", "version: 1\nroles: [\n", id="fish-bad-yaml"),
    ],
)
def test_a_broken_catalog_completes_nothing_and_says_nothing(
    tmp_path: Path, shell: str, text: str | None
) -> None:
    catalog = tmp_path / "broken.yaml"
    if text is not None:
        catalog.write_text(text, encoding="utf-8")
    _, done = complete(shell, "mlroles show ", MLROLES_DATA=str(catalog))
    assert done.returncode == 0
    assert messages(done) == []
    assert "Traceback" not in done.stdout
    assert "pydantic" not in imported(done)


def test_names_that_are_not_slugs_are_not_offered(tmp_path: Path) -> None:
    catalog = tmp_path / "odd.yaml"
    catalog.write_text(
        "version: 1\nroles:\n  - {id: [1, 2], aliases: [two words]}\n"
        "  - {id: fine, aliases: [Upper, 3, ok-too]}\n",
        encoding="utf-8",
    )
    candidates, done = complete("bash", "mlroles show ", MLROLES_DATA=str(catalog))
    assert candidates == ["fine", "3", "ok-too"]
    assert messages(done) == []


def test_the_slug_rule_is_the_catalogs() -> None:
    from mlroles import SLUG_PATTERN
    from mlroles.cli.completion import SLUG

    assert SLUG.pattern == SLUG_PATTERN


def test_a_catalog_that_is_a_folder_completes_nothing(tmp_path: Path) -> None:
    candidates, done = complete("bash", "mlroles show ", MLROLES_DATA=str(tmp_path))
    assert (candidates, done.returncode, messages(done)) == ([], 0, [])


def test_a_half_valid_catalog_completes_what_can_be_read(tmp_path: Path) -> None:
    """Completion does not validate: the roles before a bad one still complete."""
    catalog = tmp_path / "half.yaml"
    catalog.write_text(
        "version: 1\nroles:\n  - id: prompt-engineer\n    aliases: [pe]\n  - {id: [1]}\n",
        encoding="utf-8",
    )
    candidates, done = complete("bash", "mlroles show p", MLROLES_DATA=str(catalog))
    assert candidates == ["prompt-engineer", "pe"]
    assert messages(done) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_completes_in_bash() -> None:
    """End to end: bash sources the printed script and runs its completion function."""
    script = subprocess.run(
        [str(PROGRAM), "--show-completion", "bash"],
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "_MLROLES_COMPLETE=complete_bash" in script
    probe = (
        script
        + "\nCOMP_WORDS=(mlroles compare mle d); COMP_CWORD=3\n"
        + '_mlroles_completion mlroles\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{PROGRAM.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.stdout.split() == expected("d", ("ml-engineer",))
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("shell", "marks"),
    [
        pytest.param("bash", ["complete_bash", "COMP_WORDS"], id="bash"),
        pytest.param("zsh", ["complete_zsh", "_TYPER_COMPLETE_ARGS", "compdef"], id="zsh"),
        pytest.param("fish", ["complete_fish", "_TYPER_COMPLETE_ARGS"], id="fish"),
    ],
)
def test_each_shell_gets_a_script_that_calls_back_with_its_own_protocol(
    shell: str, marks: list[str]
) -> None:
    done = subprocess.run(
        [str(PROGRAM), "--show-completion", shell],
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for mark in marks:
        assert mark in done.stdout
    assert "_MLROLES_COMPLETE" in done.stdout


def test_install_completion_writes_into_the_home_folder(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(PROGRAM), "--install-completion", "bash"],
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    installed = tmp_path / ".bash_completions" / "mlroles.sh"
    assert "_MLROLES_COMPLETE=complete_bash" in installed.read_text(encoding="utf-8")
    assert str(installed) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert "\x1b[" not in done.stdout  # piped: no colour even in Typer's own message


# --- the hooks for the --tool and --group filters --------------------------------------------


def root_context(data: Path | None) -> typer.Context:
    ctx = typer.Context(typer.main.get_command(app), info_name="mlroles")
    ctx.params["data"] = str(data) if data else None
    return ctx


@pytest.mark.parametrize(
    ("hook", "incomplete", "want"),
    [
        pytest.param(complete_tool, "", ["LangChain", "Kafka"], id="tools-all"),
        pytest.param(complete_tool, "K", ["Kafka"], id="tools-prefix"),
        pytest.param(complete_group, "", ["business-analytics"], id="groups"),
        pytest.param(complete_group, "z", [], id="groups-no-match"),
    ],
)
def test_tool_and_group_hooks_read_the_chosen_catalog(
    tmp_path: Path, hook: Any, incomplete: str, want: list[str]
) -> None:
    catalog = write_catalog(tmp_path / "team.yaml", CUSTOM_ROLES)
    assert hook(root_context(catalog), incomplete) == want


def test_tool_hook_offers_each_bundled_tool_once() -> None:
    data = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    tools = list(dict.fromkeys(tool for role in data["roles"] for tool in role["tools"]))
    assert complete_tool(root_context(None), "") == tools
    assert len(tools) < sum(len(role["tools"]) for role in data["roles"])  # some are shared


@pytest.mark.parametrize("hook", [complete_tool, complete_group])
def test_tool_and_group_hooks_never_raise(tmp_path: Path, hook: Any) -> None:
    assert hook(root_context(tmp_path / "missing.yaml"), "") == []
    (tmp_path / "bad.yaml").write_text("roles: [", encoding="utf-8")
    assert hook(root_context(tmp_path / "bad.yaml"), "") == []
