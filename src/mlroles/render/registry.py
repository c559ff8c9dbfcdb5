"""Every read command's output: one result object in, one format out, through one code path.

A result type is registered once, with the functions that draw it (`Views`). JSON and YAML
are always `to_data()` dumped, so they cannot drift from each other; `table` is the Rich
drawing; `plain` and `markdown` fall back to generic forms of `to_data()` when a result type
has no renderer of its own. To give a new command every format:

    register(SearchResult, Views(table=search.search_table))

in `_register_builtins` below, and end the command with `registry.write(result, fmt)`.

This module is imported by the command line at start-up, so it imports nothing heavy at the top:
Rich, PyYAML and the models are loaded by the format that needs them, when it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from mlroles.errors import UsageProblem

if TYPE_CHECKING:
    from rich.console import RenderableType


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


class ExportFormat(str, Enum):
    """The formats of `export --format`: documents, not views of a result."""

    HTML = "html"
    MARKDOWN = "markdown"


class Result(Protocol):
    """What every command's result offers: its data, with the catalog's own keys."""

    def to_data(self) -> Any: ...


R = TypeVar("R", bound=Result)


@dataclass(frozen=True)
class Views(Generic[R]):
    """How one result type is drawn in the formats that are not a dump of `to_data()`."""

    #: A Rich renderable for people (`table`).
    table: Callable[[R], RenderableType]
    #: Tab-separated lines without a header (`plain`); default: `text.plain_from_data`.
    plain: Callable[[R], str] | None = None
    #: GitHub-flavoured Markdown (`markdown`); default: `text.markdown_from_data`.
    markdown: Callable[[R], str] | None = None
    #: The format when none is asked for and stdout is not a terminal.
    piped: Format = Format.TABLE
    #: The table is drawn at a width of its own (a chart): never wrapped to the terminal's.
    own_width: bool = False
    #: A standalone SVG document (`svg`), for the results that are pictures.
    svg: Callable[[R], str] | None = None


_VIEWS: dict[type[Any], Views[Any]] = {}
_BUILTINS: list[bool] = []  # not empty once the commands' own result types are registered


def register(kind: type[R], views: Views[R]) -> None:
    """Give a result type its views; registering a type again replaces them."""
    _VIEWS[kind] = views


def _register_builtins() -> None:
    """The result types of the commands, each with its views: the one list to extend."""
    from mlroles.queries import catalog_info, hire, match, org, path, roles, search, team
    from mlroles.render import catalog_info as info_views
    from mlroles.render import hire as hire_views
    from mlroles.render import match as match_views
    from mlroles.render import org as org_views
    from mlroles.render import path as path_views
    from mlroles.render import roles as role_views
    from mlroles.render import search as search_views
    from mlroles.render import skillmap as map_views
    from mlroles.render import team as team_views

    _BUILTINS.append(True)

    register(
        roles.RoleList,
        Views(
            table=role_views.list_view,
            plain=role_views.list_plain,
            markdown=role_views.list_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        roles.RoleDetail,
        Views(
            table=role_views.show_table,
            plain=role_views.show_plain,
            markdown=role_views.show_markdown,
        ),
    )
    register(
        roles.Comparison,
        Views(
            table=role_views.compare_view,
            plain=role_views.compare_plain,
            markdown=role_views.compare_markdown,
        ),
    )
    register(
        search.SearchResult,
        Views(
            table=search_views.search_table,
            plain=search_views.search_plain,
            markdown=search_views.search_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        match.MatchResult,
        Views(
            table=match_views.match_table,
            plain=match_views.match_plain,
            markdown=match_views.match_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        path.PathResult,
        Views(
            table=path_views.path_table,
            plain=path_views.path_plain,
            markdown=path_views.path_markdown,
        ),
    )
    register(
        catalog_info.GroupList,
        Views(
            table=info_views.groups_table,
            plain=info_views.groups_plain,
            markdown=info_views.groups_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        catalog_info.ToolIndex,
        Views(
            table=info_views.tools_table,
            plain=info_views.tools_plain,
            markdown=info_views.tools_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        hire.HiringBrief,
        Views(
            table=hire_views.brief_table,
            plain=hire_views.brief_plain,
            markdown=hire_views.brief_markdown,
        ),
    )
    register(
        hire.JobAd,
        Views(
            table=hire_views.ad_table, plain=hire_views.ad_plain, markdown=hire_views.ad_markdown
        ),
    )
    register(
        map_views.SizedMap,
        Views(
            table=lambda sized: map_views.map_text(sized.chart, sized.width, sized.glyphs),
            plain=lambda sized: map_views.map_plain(sized.chart, sized.width, sized.glyphs),
            piped=Format.PLAIN,
            own_width=True,
            svg=lambda sized: map_views.map_svg(sized.chart),
        ),
    )
    register(
        org.ArchetypeList,
        Views(
            table=org_views.list_view,
            plain=org_views.list_plain,
            markdown=org_views.list_markdown,
            piped=Format.PLAIN,
        ),
    )
    register(
        org.ArchetypeDetail,
        Views(
            table=org_views.show_table,
            plain=org_views.show_plain,
            markdown=org_views.show_markdown,
        ),
    )
    register(
        org.ArchetypeComparison,
        Views(
            table=org_views.compare_table,
            plain=org_views.compare_plain,
            markdown=org_views.compare_markdown,
        ),
    )
    register(
        team.TeamReport,
        Views(
            table=team_views.team_table,
            plain=team_views.team_plain,
            markdown=team_views.team_markdown,
        ),
    )


def views_for(result: Result) -> Views[Any]:
    if not _BUILTINS:
        _register_builtins()
    for kind in type(result).__mro__:
        if kind in _VIEWS:
            return _VIEWS[kind]
    raise TypeError(f"no views registered for {type(result).__name__}")


AnyFormat = Format | ChartFormat
F = TypeVar("F", bound=AnyFormat | None)


def choose(fmt: F, json_flag: bool) -> F | Format:
    """The format asked for (`--format`, or `--json` for short), or None to pick by stdout."""
    if json_flag and fmt is not None and fmt.value != Format.JSON.value:
        raise UsageProblem(
            f"--json and --format {fmt.value} disagree; give one of them"
            " (--json is short for --format json)"
        )
    return Format.JSON if json_flag else fmt


def resolve(result: Result, fmt: Format | None) -> Format:
    """The format to write: the one asked for; else a table on a terminal, else the piped one."""
    if fmt is not None:
        return fmt
    from mlroles.render.stream import stdout_is_terminal

    return Format.TABLE if stdout_is_terminal() else views_for(result).piped


def write(result: Result, fmt: AnyFormat | None) -> None:
    """Render `result` in `fmt` (None: by stdout, see `resolve`) and write it to stdout."""
    from mlroles.render import stream, text

    if fmt is ChartFormat.SVG:
        svg = views_for(result).svg
        if svg is None:
            raise TypeError(f"no svg view registered for {type(result).__name__}")
        stream.emit(svg(result))
        return
    chosen = resolve(result, None if fmt is None else Format(fmt.value))
    if chosen is Format.JSON:  # a dump of the data: no views needed, nothing more imported
        stream.emit(text.to_json(result.to_data()))
        return
    if chosen is Format.YAML:
        stream.emit(text.to_yaml(result.to_data()))
        return
    views = views_for(result)
    if chosen is Format.TABLE:
        stream.print_renderable(views.table(result), own_width=views.own_width)
    elif chosen is Format.PLAIN:
        plain = views.plain or (lambda r: text.plain_from_data(r.to_data()))
        stream.emit(plain(result))
    else:
        markdown = views.markdown or (lambda r: text.markdown_from_data(r.to_data()))
        stream.emit(markdown(result))
