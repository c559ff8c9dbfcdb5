"""The help leads with examples that work, and docs/cli.md is the help of the app as it is."""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from mlroles.cli.entry import app

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_cli_docs.py"
SHELL_OPERATORS = {"|", ">", ">>", "<", "&&", "||", ";", "&"}


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages() -> list[tuple[list[str], str]]:
    """(command path, --help text) of the app and every command in it, new ones included."""
    module = generator()
    found: list[tuple[list[str], str]] = module.walk(
        module.typer.main.get_command(app), ["mlroles"]
    )
    return found


PAGES = [pytest.param(path, text, id=" ".join(path)) for path, text in pages()]


def examples(text: str) -> list[str]:
    """The example lines of a help text: the indented lines under `Examples:`."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == "Examples:")
    found = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        found.append(line.strip())
    return found


def test_docs_cli_md_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "33"},  # the reference must not depend on the terminal
    )
    assert done.returncode == 0, done.stderr


def test_the_check_fails_on_a_stale_reference_and_says_how_to_regenerate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = generator()
    stale = tmp_path / "cli.md"
    stale.write_text(module.reference().replace("Examples:", "Example:", 1), encoding="utf-8")
    monkeypatch.setattr(module, "DOCS", stale)
    assert module.main(["--check"]) == 1
    assert "python scripts/gen_cli_docs.py" in capsys.readouterr().err
    assert module.main([]) == 0
    assert module.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == module.reference()


def test_the_reference_has_a_section_for_every_command() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path, help_text in pages():
        assert f"\n## {' '.join(path)}\n\n```text\n{help_text.rstrip()}\n```\n" in text


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_help_opens_with_one_or_two_examples_of_the_command(path: list[str], text: str) -> None:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert paragraphs[0].startswith(f"Usage: {' '.join(path)}")
    # the one-line summary (which may wrap), then the examples, before anything else
    assert paragraphs[2].strip().startswith("Examples:"), text
    found = examples(text)
    assert 1 <= len(found) <= 2, found
    for example in found:
        command = " ".join(path)
        assert example == command or example.startswith(command + " "), example


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_every_example_runs(
    path: list[str], text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # an example may write a file (mlroles init team.yaml)
    for example in examples(text):
        lexer = shlex.shlex(example, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        cut = next((n for n, word in enumerate(words) if word in SHELL_OPERATORS), len(words))
        result = CliRunner().invoke(app, words[1:cut])
        assert result.exit_code == 0, f"{example}: {result.stderr}"
        assert result.stdout.strip(), example


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_the_reference_is_what_an_80_column_terminal_shows(path: list[str], text: str) -> None:
    """docs/cli.md says it is each --help at 80 columns: the program agrees, run as a user
    runs it (the installed script, COLUMNS=80)."""
    script = Path(sys.executable).parent / "mlroles"
    done = subprocess.run(
        [str(script), *path[1:], "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip() == text.rstrip()
    preamble = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "80-column terminal" in " ".join(preamble.split())
