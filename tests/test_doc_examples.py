"""Every console example in README.md and docs/*.md prints what the page says it prints.

A console example is a fenced block marked `console`. In it, a line that starts with `$ ` is a
command; a command goes on over the next line when it ends with a backslash, and to the end word
of a heredoc (`<<'EOF'`) when it opens one. The lines after a command, up to the next command,
are what it prints: stdout and stderr together, as a terminal shows them. A line holding only
`...` stands for any number of lines (none included); everything else must match exactly.

The commands of one block run in order in one shell (so a later command sees the files and the
`$?` of an earlier one), from a new temporary folder that holds a copy of docs/examples/ at
docs/examples/, with the installed `mlroles` first on PATH and an environment of their own: no
MLROLES_* variables, NO_COLOR=1, COLUMNS=80, a UTF-8 locale and a new XDG_CACHE_HOME.

Links between the pages are checked too: each leads to a file, and an anchor to a heading.
This module runs the program only as a process: it imports nothing of mlroles.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The pages whose console blocks are checked; docs/cli.md is generated from --help and has none.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLE_FILES = ROOT / "docs" / "examples"
ELISION = "..."
FENCE = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
MARK = "@@mlroles-doc-example@@"
#: Tools besides a POSIX shell that an example may pipe into.
TOOLS = ("jq",)


@dataclass(frozen=True)
class Step:
    command: str
    shown: str  # what the page says the command prints, every line ending in a newline


@dataclass(frozen=True)
class Block:
    where: str  # page:line of the block's first command
    steps: tuple[Step, ...]


def parse(text: str) -> list[tuple[int, list[Step]]]:
    """(line of the block's first line, steps) for every console block of a page."""
    blocks = []
    for fence in FENCE.finditer(text):
        first = text.count("\n", 0, fence.start(1)) + 1
        lines = fence.group(1).splitlines()
        if not lines or not lines[0].startswith("$ "):
            raise ValueError(f"line {first}: a console block must open with a `$ ` command")
        steps: list[Step] = []
        index = 0
        while index < len(lines):
            command = lines[index][2:]
            index += 1
            while command.endswith("\\") and index < len(lines):
                command += "\n" + lines[index]
                index += 1
            heredoc = HEREDOC.search(command)
            if heredoc:
                while index < len(lines):
                    command += "\n" + lines[index]
                    index += 1
                    if lines[index - 1] == heredoc.group(2):
                        break
            shown = []
            while index < len(lines) and not lines[index].startswith("$ "):
                shown.append(lines[index] + "\n")
                index += 1
            steps.append(Step(command, "".join(shown)))
        blocks.append((first, steps))
    return blocks


def matches(shown: str, printed: str) -> bool:
    """Whether the printed text is what the page shows, a line `...` standing for any lines."""
    pattern = "".join(
        "(?:.*\n)*?" if line == ELISION + "\n" else re.escape(line)
        for line in shown.splitlines(keepends=True)
    )
    return re.fullmatch(pattern, printed) is not None


def all_blocks() -> list[Block]:
    found = []
    for page in PAGES:
        name = page.relative_to(ROOT).as_posix()
        for line, steps in parse(page.read_text(encoding="utf-8")):
            found.append(Block(f"{name}:{line}", tuple(steps)))
    return found


BLOCKS = all_blocks()


def installed_bin() -> Path:
    """The folder of the installed `mlroles` console script of the Python running the tests."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if shutil.which("mlroles", path=str(folder)):
            return folder
    pytest.fail("no `mlroles` script next to this Python: is the package installed?")


def environment(tmp_path: Path) -> dict[str, str]:
    keep = {"PATH", "HOME", "SYSTEMROOT", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        PATH=f"{installed_bin()}{os.pathsep}{os.environ.get('PATH', '')}",
        NO_COLOR="1",
        COLUMNS="80",
        LC_ALL="C.UTF-8",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return env


def script(steps: tuple[Step, ...]) -> str:
    """One shell script running every step, each after a mark line that keeps `$?` as it was."""
    parts = []
    for step in steps:
        parts.append(f"doc_rc=$?; printf '\\n%s\\n' '{MARK}'; (exit $doc_rc)")
        parts.append(step.command)
    return "\n".join(parts) + "\n"


def run(steps: tuple[Step, ...], tmp_path: Path) -> list[str]:
    """What each step printed, stdout and stderr in the order written."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    if EXAMPLE_FILES.is_dir():
        shutil.copytree(EXAMPLE_FILES, cwd / "docs" / "examples")
    done = subprocess.run(
        script(steps),
        shell=True,
        cwd=cwd,
        env=environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    printed = done.stdout.split(f"\n{MARK}\n")
    assert printed[0] == "", printed[0]
    assert len(printed) == len(steps) + 1, done.stdout
    return printed[1:]


@pytest.mark.parametrize("block", [pytest.param(block, id=block.where) for block in BLOCKS])
def test_the_example_prints_what_the_page_shows(block: Block, tmp_path: Path) -> None:
    for tool in TOOLS:
        uses = any(re.search(rf"\|\s*{tool}\b", step.command) for step in block.steps)
        if uses and shutil.which(tool) is None:
            pytest.skip(f"{block.where} pipes into {tool}, which is not installed")
    printed = run(block.steps, tmp_path)
    # Rebuild the block from what really printed, keeping the page's text where it matches (with
    # its elisions), so that a failure shows a diff of the block against the page.
    expected = "".join(f"$ {step.command}\n{step.shown}" for step in block.steps)
    actual = "".join(
        f"$ {step.command}\n{step.shown if matches(step.shown, out) else out}"
        for step, out in zip(block.steps, printed, strict=True)
    )
    assert actual == expected


#: The pages about what the program prints; each shows it in console examples.
PAGES_WITH_EXAMPLES = (
    "README.md",
    "docs/catalog.md",
    "docs/finding.md",
    "docs/json.md",
    "docs/shell.md",
    "docs/teams.md",
)


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES)
def test_the_page_shows_the_program_at_work(page: str) -> None:
    steps = [step for block in BLOCKS if block.where.startswith(f"{page}:") for step in block.steps]
    assert len(steps) >= 4, page
    assert all(step.command.strip() for step in steps), page


LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub makes of a page's headings."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        found.add(slug)
    return found


def links() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", target):
                found.append((page.relative_to(ROOT).as_posix(), target))
    return found


@pytest.mark.parametrize(
    ("page", "target"), [pytest.param(*link, id="->".join(link)) for link in links()]
)
def test_a_link_between_pages_leads_somewhere(page: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    file = (ROOT / page).parent / path if path else ROOT / page
    assert file.exists(), target
    if anchor:
        assert anchor in anchors(file), target


SAMPLE = """\
Text.

```console
$ mlroles list | cut -f1
ml-engineer
...
$ cat > team.yaml <<'EOF'
version: 1
$ not a command here
EOF
$ mlroles match --have a \\
      --skills ml=1
```
"""


def test_the_parser_reads_continuations_heredocs_and_output() -> None:
    [(line, steps)] = parse(SAMPLE)
    assert line == 4
    assert steps == [
        Step("mlroles list | cut -f1", "ml-engineer\n...\n"),
        Step("cat > team.yaml <<'EOF'\nversion: 1\n$ not a command here\nEOF", ""),
        Step("mlroles match --have a \\\n      --skills ml=1", ""),
    ]


@pytest.mark.parametrize(
    ("shown", "printed", "expected"),
    [
        pytest.param("a\nb\n", "a\nb\n", True, id="exact"),
        pytest.param("a\nb\n", "a\nb", False, id="missing-newline"),
        pytest.param("a\nb\n", "a\nb\nc\n", False, id="extra-line"),
        pytest.param("a\n...\nd\n", "a\nb\nc\nd\n", True, id="elided-lines"),
        pytest.param("a\n...\nd\n", "a\nd\n", True, id="elided-nothing"),
        pytest.param("a\n...\nd\n", "a\nb\nc\n", False, id="elided-but-last-differs"),
        pytest.param("a.b\n", "axb\n", False, id="dots-are-literal"),
        pytest.param("", "", True, id="prints-nothing"),
        pytest.param("", "x\n", False, id="prints-unexpectedly"),
    ],
)
def test_the_elision_stands_for_lines_and_nothing_else(
    shown: str, printed: str, expected: bool
) -> None:
    assert matches(shown, printed) is expected
