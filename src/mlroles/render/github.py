"""`validate --format github`: a catalog's problems as GitHub Actions workflow commands.

A line `::error file=F,line=L,col=C::message` on stdout becomes an annotation on line L of file
F in the run's summary and in a pull request's diff. Values are escaped as GitHub's workflow
commands require (actions/toolkit, `command.ts`): in the message `%`, CR and LF; in a property
(the file name) also `:` and `,`. A problem with no line (a missing file) is annotated on the
file; its field path leads the message, as in the one-line errors.
"""

from __future__ import annotations

from mlroles.errors import Problem
from mlroles.queries.validate import ValidationRun


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as `escape_data`, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One problem as one `::error` line."""
    properties = [f"file={escape_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return f"::error {','.join(properties)}::{escape_data(message)}\n"


def workflow_commands(run: ValidationRun) -> str:
    """An `::error` line per problem, file after file; then, for each file with more problems
    than are listed (50), one more on the file that counts the rest."""
    lines = [annotation(problem) for problem in run.problems]
    for report in run.reports:
        if report.omitted:
            more = f"{report.omitted} more error(s) not shown"
            lines.append(f"::error file={escape_property(report.file)}::{escape_data(more)}\n")
    return "".join(lines)
