"""`mlroles validate`: whether catalogs are valid, as one result object for text and JSON.

`ValidationReport` is one file's outcome; `ValidationRun` the outcome of a run over several
files, each checked on its own (a file that extends another is checked with its whole chain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlroles.errors import CatalogError, ExitCode, Problem
from mlroles.queries.outcome import Outcome


@dataclass(frozen=True)
class ValidationReport(Outcome):
    """The outcome of validating one catalog file: its role count, or every problem found."""

    file: str
    roles: int
    problems: list[Problem] = field(default_factory=list)
    omitted: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems and not self.omitted

    def error(self) -> CatalogError:
        return CatalogError(self.problems, self.omitted)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.valid else ExitCode.INVALID_CATALOG

    @property
    def empty(self) -> bool:
        """An invalid catalog shows nothing on stdout but its data (JSON, YAML)."""
        return not self.valid

    def notes(self, in_data: bool) -> list[str]:
        """The errors on stderr, one a line, unless the data (JSON, YAML) lists them."""
        return [] if in_data or self.valid else self.error().lines()

    def summary(self) -> str:
        """One line for a person: the file and how many roles it holds."""
        noun = "role" if self.roles == 1 else "roles"
        return f"{self.file}: valid catalog, {self.roles} {noun}\n"

    def to_data(self) -> dict[str, Any]:
        """`--json`: `roles` is 0 when the catalog is invalid; `errors` lists at most
        MAX_PROBLEMS of them, and `omitted` counts the ones left out (the text's "N more")."""
        return {
            "valid": self.valid,
            "roles": self.roles,
            "errors": [
                {
                    "file": problem.file,
                    "line": problem.line,
                    "column": problem.column,
                    "path": problem.path or None,
                    "message": problem.message,
                }
                for problem in self.problems
            ],
            "omitted": self.omitted,
        }


def check_catalog(path: Path) -> ValidationReport:
    """Load the catalog at `path` the way every command does, and report what came of it."""
    from mlroles.catalog.load import load_catalog

    try:
        catalog = load_catalog(path)
    except CatalogError as exc:
        return ValidationReport(str(path), 0, list(exc.problems), exc.omitted)
    return ValidationReport(str(path), len(catalog.roles))


@dataclass(frozen=True)
class ValidationRun(Outcome):
    """`mlroles validate PATH...`: one report per file, in the order the files were named."""

    reports: list[ValidationReport]

    @property
    def valid(self) -> bool:
        return all(report.valid for report in self.reports)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.valid else ExitCode.INVALID_CATALOG

    @property
    def empty(self) -> bool:
        """No valid file: nothing on stdout but the data (JSON, YAML, github)."""
        return not any(report.valid for report in self.reports)

    def notes(self, in_data: bool) -> list[str]:
        """Every file's errors on stderr, one a line, unless the format carries them."""
        return [] if in_data or self.valid else self.error().lines()

    @property
    def problems(self) -> list[Problem]:
        return [problem for report in self.reports for problem in report.problems]

    def error(self) -> CatalogError:
        """Every file's problems, file after file, in one error (one line each)."""
        return CatalogError(self.problems, sum(report.omitted for report in self.reports))

    def summary(self) -> str:
        """The line of each valid file (an invalid file's problems are the error's lines)."""
        return "".join(report.summary() for report in self.reports if report.valid)

    def to_data(self) -> dict[str, Any]:
        """`--json`: the keys of one file's report, over every file (`roles` counts the valid
        files' roles; each error names its file; `omitted` counts those left out), and
        `files`, one `{file, valid, roles}` for each file checked."""
        data: dict[str, Any] = {
            "valid": self.valid,
            "roles": sum(report.roles for report in self.reports),
            "errors": [],
            "omitted": sum(report.omitted for report in self.reports),
        }
        for report in self.reports:
            data["errors"] += report.to_data()["errors"]
        data["files"] = [
            {"file": report.file, "valid": report.valid, "roles": report.roles}
            for report in self.reports
        ]
        return data


def check_catalogs(paths: list[Path]) -> ValidationRun:
    """Check each file on its own, in order; a broken file does not stop the others."""
    return ValidationRun([check_catalog(path) for path in paths])
