"""What a query's result tells the command line beside its data: the exit code the command ends
with and the notes it leaves on stderr. The CLI decides none of it (as pipx's result objects
carry theirs): `render.registry.write` writes the result and its notes and returns the code.
"""

from __future__ import annotations

from mlroles.errors import ExitCode

#: How a note on stderr starts: the program's name, as every message of ours does.
PREFIX = "mlroles: "


class Outcome:
    """The defaults: exit 0, something to show, no notes. Results override what differs."""

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK

    @property
    def empty(self) -> bool:
        """Nothing to show: only a data format (JSON, YAML) writes the empty data, which a
        script expects; the others write nothing, and the notes say why."""
        return False

    def notes(self, in_data: bool) -> list[str]:
        """Lines for stderr, as they are written. `in_data`: the output is a data format
        (JSON, YAML), which may already carry what a note would say."""
        return []


class Found(Outcome):
    """A result that may find nothing: like grep, nothing found is exit 1, and says why."""

    def found(self) -> bool:
        raise NotImplementedError

    def empty_message(self) -> str:
        raise NotImplementedError

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.found() else ExitCode.NOT_FOUND

    @property
    def empty(self) -> bool:
        return not self.found()

    def notes(self, in_data: bool) -> list[str]:
        return [] if self.found() else [PREFIX + self.empty_message()]
