"""Drawing the results of the commands that look after a catalog (`validate`, `init`): one line
for a person; their JSON and YAML are the registry's dumps of `to_data()`."""

from __future__ import annotations

from mlroles.queries.validate import ValidationReport


def validation_text(report: ValidationReport) -> str:
    """A valid catalog's summary line; an invalid one shows nothing here (its errors are the
    result's notes, on stderr)."""
    return report.summary() if report.valid else ""
