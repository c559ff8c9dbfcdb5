"""`mlroles validate`: whether a catalog is valid, as one result object for text and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlroles.errors import CatalogError, Problem


@dataclass(frozen=True)
class ValidationReport:
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

    def summary(self) -> str:
        """One line for a person: the file and how many roles it holds."""
        noun = "role" if self.roles == 1 else "roles"
        return f"{self.file}: valid catalog, {self.roles} {noun}\n"

    def to_data(self) -> dict[str, Any]:
        """`--json`: `roles` is 0 when the catalog is invalid; at most MAX_PROBLEMS errors."""
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
        }


def check_catalog(path: Path) -> ValidationReport:
    """Load the catalog at `path` the way every command does, and report what came of it."""
    from mlroles.catalog.load import load_catalog

    try:
        catalog = load_catalog(path)
    except CatalogError as exc:
        return ValidationReport(str(path), 0, list(exc.problems), exc.omitted)
    return ValidationReport(str(path), len(catalog.roles))
