"""Write docs/cli.md, the command reference, from the `--help` of every mlroles command.

    python scripts/gen_cli_docs.py           # regenerate docs/cli.md
    python scripts/gen_cli_docs.py --check   # exit 1 if docs/cli.md is out of date

The reference is the help text itself, as an 80-column terminal shows it, so that it says
exactly what `COLUMNS=80 mlroles COMMAND --help` says, examples first. tests/test_docs.py runs
the check.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
import typer.main

from mlroles.cli.entry import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 80
#: What Click wraps the help at on a WIDTH-column terminal: two columns of margin (its
#: HelpFormatter takes min(terminal, 80) - 2, at least 50), so that the reference is exactly
#: what `COLUMNS=80 mlroles COMMAND --help` prints.
WRAP = max(min(WIDTH, 80) - 2, 50)
REGENERATE = "python scripts/gen_cli_docs.py"


def help_text(command: Any, path: list[str], parent: Any = None) -> str:
    ctx = typer.Context(
        command,
        info_name=path[-1],
        parent=parent,
        terminal_width=WRAP,
        max_content_width=WRAP,
        help_option_names=["-h", "--help"],
    )
    text: str = command.get_help(ctx)
    return text


def walk(command: Any, path: list[str], parent: Any = None) -> list[tuple[list[str], str]]:
    """(command path, help text) for a command and, in order, every command under it."""
    ctx = typer.Context(command, info_name=path[-1], parent=parent)
    pages = [(path, help_text(command, path, parent))]
    for name in getattr(command, "commands", {}):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            pages += walk(sub, [*path, name], ctx)
    return pages


def reference() -> str:
    pages = walk(typer.main.get_command(app), ["mlroles"])
    lines = [
        "# Command reference",
        "",
        f"<!-- Generated from the app by `{REGENERATE}`; do not edit by hand. -->",
        "",
        f"Each section is the command's `--help` as a {WIDTH}-column terminal shows it"
        f" (`COLUMNS={WIDTH} mlroles COMMAND --help`); a wider or narrower terminal wraps the"
        " same text elsewhere.",
        "",
    ]
    lines += [f"- [`{' '.join(path)}`](#{'-'.join(path)})" for path, _ in pages]
    for path, text in pages:
        lines += ["", f"## {' '.join(path)}", "", "```text", text.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        current = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else ""
        if current != text:
            sys.stderr.write(f"docs/cli.md is out of date; regenerate it with: {REGENERATE}\n")
            return 1
        return 0
    DOCS.parent.mkdir(exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {DOCS}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
