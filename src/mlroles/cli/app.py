"""The Typer app, the options its commands share, and the root callback (`--data`, `--version`).

The commands register onto `app` from their own modules (`roles`, `admin`); `entry` imports
them all. Heavy modules (yaml, pydantic, rich) are imported inside the commands that need
them, so that `--version`, `--help` and shell completion start fast.
"""

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mlroles.cli.boundary import Group
from mlroles.cli.completion import catalog_path
from mlroles.render.env import Environment
from mlroles.render.formats import AnyFormat, Format

if TYPE_CHECKING:
    from mlroles.render.registry import Result

app = typer.Typer(
    name="mlroles",
    cls=Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Short for --format json (see the README for its keys)."),
]


def format_option(
    piped: Format = Format.TABLE, plain: str = "", formats: type[Enum] = Format
) -> Any:
    names = [f.value for f in formats]
    default = "table" if piped is Format.TABLE else f"table on a terminal, {piped.value} in a pipe"
    if plain:
        default += f"; plain is {plain}"
    return typer.Option(
        "--format",
        metavar="FORMAT",
        case_sensitive=False,
        show_default=False,
        help=f"{', '.join(names[:-1])} or {names[-1]} (default: {default}).",
    )


FormatOption = Annotated[Format | None, format_option()]


def package_version() -> str:
    """The installed package's version, as its metadata has it."""
    import importlib

    try:  # written from the metadata at build time; much cheaper than importlib.metadata
        return str(importlib.import_module("mlroles._version").__version__)
    except ImportError:
        from importlib.metadata import version

        return version("mlroles")


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        environment(ctx).write(f"mlroles {package_version()}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="MLROLES_DATA",
            metavar="PATH",
            help="Catalog file to read instead of the bundled one.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Explore the roles on a machine-learning team: who does what, with which tools.

    \b
    Examples:
      mlroles show devops
      mlroles compare mle researcher --format markdown > roles.md
    """
    # The commands read --data from the root context's parameters (completion.catalog_path).


#: The root options (`_main`'s) a command line may give before its command: those that take a
#: value, and the flags. `entry.app_for` reads the words before the command with them; any other
#: word there (`--help`, a typo) makes it build the whole app.
ROOT_VALUE_OPTIONS = frozenset({"--data"})
ROOT_FLAGS = frozenset({"--version"})


def environment(ctx: typer.Context) -> Environment:
    """The environment the entry made (`cli.entry.main`), or the process's own when the app is
    run some other way (a test's `CliRunner`)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = Environment.from_process()
    return root.obj


def finish(ctx: typer.Context, result: "Result", fmt: AnyFormat | None) -> None:
    """Hand `result` to the one write path and end with the exit code it carries."""
    from mlroles.render import registry

    code = registry.write(environment(ctx), result, fmt)
    if code:
        raise typer.Exit(code)


def catalog(ctx: typer.Context) -> Any:
    """The catalog the command line names, loaded and validated."""
    from mlroles.catalog.load import load_catalog

    return load_catalog(catalog_path(ctx))
