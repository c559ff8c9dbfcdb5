"""`mlroles help [COMMAND]`: a command's help, as git and gh offer it (the same as --help)."""

from typing import Annotated

import typer

from mlroles.cli.app import app, environment
from mlroles.errors import UsageProblem


@app.command("help")
def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="COMMAND",
            help="The command to explain (default: all of them).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the help of mlroles, or of one of its commands (the same as its --help).

    \b
    Examples:
      mlroles help
      mlroles help match
    """
    root = ctx.find_root()
    group = root.command
    if command is None:
        environment(ctx).write(root.get_help() + "\n")
        return
    chosen = group.get_command(root, command)  # type: ignore[attr-defined]
    if chosen is None:
        names = ", ".join(group.list_commands(root))  # type: ignore[attr-defined]
        raise UsageProblem(f"no command named {command!r} (commands: {names})")
    with chosen.make_context(command, [], parent=root, resilient_parsing=True) as sub:
        environment(ctx).write(chosen.get_help(sub) + "\n")
