"""The formats a command may be asked for (`--format`), and `--json` read as one of them.

Apart from the registry (registry.py) so that the command line, which names these in its
options at start-up, loads neither the registry nor anything it draws with.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from mlroles.errors import UsageProblem


class Format(str, Enum):
    """The formats of `--format`."""

    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"


class ChartFormat(str, Enum):
    """The formats of `map --format`: every format above, and the chart as an SVG document."""

    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    SVG = "svg"


class CheckFormat(str, Enum):
    """The formats of `validate --format`: every format above, and `github`, GitHub Actions
    annotations."""

    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    GITHUB = "github"


class ExportFormat(str, Enum):
    """The formats of `export --format`: documents, not views of a result."""

    HTML = "html"
    MARKDOWN = "markdown"


#: Every format a command may be asked for: `map` adds svg, `validate` github, and `export`
#: is html or markdown.
AnyFormat = Format | ChartFormat | CheckFormat | ExportFormat
F = TypeVar("F", bound=AnyFormat | None)


def choose(fmt: F, json_flag: bool) -> F | Format:
    """The format asked for (`--format`, or `--json` for short), or None to pick by stdout."""
    if json_flag and fmt is not None and fmt.value != Format.JSON.value:
        raise UsageProblem(
            f"--json and --format {fmt.value} disagree; give one of them"
            " (--json is short for --format json)"
        )
    return Format.JSON if json_flag else fmt
