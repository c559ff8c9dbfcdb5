"""Every read command's output: one result object in, one format out, through one code path.

A result type is registered once, with the functions that draw it (`Views`). JSON and YAML
are always `to_data()` dumped, so they cannot drift from each other; `table` is the Rich
drawing; `plain` and `markdown` fall back to generic forms of `to_data()` when a result type
has no renderer of its own. To give a new command every format:

    register(SearchResult, Views(table=lambda result, env: search.search_table(result)))

in `_register_builtins` below, and end the command with `finish(registry.write(env, result,
fmt))` (see `cli.app`): the result says its exit code and its notes for stderr.

The command line imports this module when a result is written (its options name the formats of
formats.py only), and it imports nothing heavy at the top: Rich, PyYAML and the renderers are
loaded by the format that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

# The formats live in formats.py (the command line names them at start-up); here for callers
# of the registry.
from mlroles.render.formats import AnyFormat as AnyFormat
from mlroles.render.formats import ChartFormat as ChartFormat
from mlroles.render.formats import CheckFormat as CheckFormat
from mlroles.render.formats import ExportFormat as ExportFormat
from mlroles.render.formats import Format as Format
from mlroles.render.formats import choose as choose

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlroles.render.env import Environment


class Result(Protocol):
    """What every command's result offers: its data, with the catalog's own keys, and what the
    command ends with (see `queries.outcome.Outcome`, which every result derives from)."""

    def to_data(self) -> Any: ...

    @property
    def exit_code(self) -> int: ...

    @property
    def empty(self) -> bool: ...

    def notes(self, in_data: bool) -> list[str]: ...


R = TypeVar("R", bound=Result)


@dataclass(frozen=True)
class Views(Generic[R]):
    """How one result type is drawn in the formats that are not a dump of `to_data()`. Each
    view is given the result and the environment it is drawn for."""

    #: A Rich renderable for people (`table`).
    table: Callable[[R, Environment], RenderableType]
    #: Tab-separated lines without a header (`plain`); default: `text.plain_from_data`.
    plain: Callable[[R, Environment], str] | None = None
    #: GitHub-flavoured Markdown (`markdown`); default: `text.markdown_from_data`.
    markdown: Callable[[R, Environment], str] | None = None
    #: The format when none is asked for and stdout is not a terminal.
    piped: Format = Format.TABLE
    #: The table is drawn at a width of its own (a chart): never wrapped to the terminal's.
    own_width: bool = False
    #: A standalone SVG document (`svg`), for the results that are pictures.
    svg: Callable[[R, Environment], str] | None = None
    #: A standalone HTML page (`html`), for the results that are documents.
    html: Callable[[R, Environment], str] | None = None
    #: GitHub Actions workflow commands (`github`), for the results that are checks.
    github: Callable[[R, Environment], str] | None = None


_VIEWS: dict[type[Any], Views[Any]] = {}
_BUILTINS: list[bool] = []  # not empty once the commands' own result types are registered


def register(kind: type[R], views: Views[R]) -> None:
    """Give a result type its views; registering a type again replaces them."""
    _VIEWS[kind] = views


def _register_builtins() -> None:
    """The result types of the commands, each with its views: the one list to extend."""
    from mlroles.queries import (
        catalog_info,
        export,
        hire,
        match,
        org,
        path,
        roles,
        search,
        skillmap,
        starter,
        team,
        validate,
    )
    from mlroles.render import admin as admin_views
    from mlroles.render import catalog_info as info_views
    from mlroles.render import export as export_views
    from mlroles.render import github as github_views
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
            table=lambda r, env: role_views.list_view(r),
            plain=lambda r, env: role_views.list_plain(r),
            markdown=lambda r, env: role_views.list_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        roles.RoleDetail,
        Views(
            table=lambda r, env: role_views.show_table(r),
            plain=lambda r, env: role_views.show_plain(r),
            markdown=lambda r, env: role_views.show_markdown(r),
        ),
    )
    register(
        roles.Comparison,
        Views(
            table=lambda r, env: role_views.compare_view(r),
            plain=lambda r, env: role_views.compare_plain(r),
            markdown=lambda r, env: role_views.compare_markdown(r),
        ),
    )
    register(
        search.SearchResult,
        Views(
            table=lambda r, env: search_views.search_table(r),
            plain=lambda r, env: search_views.search_plain(r),
            markdown=lambda r, env: search_views.search_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        match.MatchResult,
        Views(
            table=match_views.match_table,
            plain=lambda r, env: match_views.match_plain(r),
            markdown=lambda r, env: match_views.match_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        path.PathResult,
        Views(
            table=lambda r, env: path_views.path_table(r),
            plain=lambda r, env: path_views.path_plain(r),
            markdown=lambda r, env: path_views.path_markdown(r),
        ),
    )
    register(
        catalog_info.GroupList,
        Views(
            table=lambda r, env: info_views.groups_table(r),
            plain=lambda r, env: info_views.groups_plain(r),
            markdown=lambda r, env: info_views.groups_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        catalog_info.ToolIndex,
        Views(
            table=lambda r, env: info_views.tools_table(r),
            plain=lambda r, env: info_views.tools_plain(r),
            markdown=lambda r, env: info_views.tools_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        hire.HiringBrief,
        Views(
            table=lambda r, env: hire_views.brief_table(r),
            plain=lambda r, env: hire_views.brief_plain(r),
            markdown=lambda r, env: hire_views.brief_markdown(r),
        ),
    )
    register(
        hire.JobAd,
        Views(
            table=lambda r, env: hire_views.ad_table(r),
            plain=lambda r, env: hire_views.ad_plain(r),
            markdown=lambda r, env: hire_views.ad_markdown(r),
        ),
    )
    register(
        skillmap.SkillMap,
        Views(
            table=map_views.map_view,
            plain=map_views.map_view_plain,
            piped=Format.PLAIN,
            own_width=True,
            svg=lambda r, env: map_views.map_svg(r),
        ),
    )
    register(
        validate.ValidationRun,
        Views(
            table=lambda r, env: r.summary(),
            plain=lambda r, env: r.summary(),
            markdown=lambda r, env: r.summary(),
            github=lambda r, env: github_views.workflow_commands(r),
        ),
    )
    register(
        validate.ValidationReport,
        Views(
            table=lambda r, env: admin_views.validation_text(r),
            plain=lambda r, env: admin_views.validation_text(r),
            markdown=lambda r, env: admin_views.validation_text(r),
        ),
    )
    register(
        export.Handbook,
        Views(
            # `export` asks for html or markdown: a page or a document, never a table.
            table=lambda r, env: export_views.document(r, ExportFormat.HTML),
            html=lambda r, env: export_views.document(r, ExportFormat.HTML),
            markdown=lambda r, env: export_views.document(r, ExportFormat.MARKDOWN),
        ),
    )
    register(
        export.Saved,
        Views(
            table=lambda r, env: r.summary(),
            plain=lambda r, env: r.summary(),
            markdown=lambda r, env: r.summary(),
        ),
    )
    register(
        starter.Started,
        Views(
            table=lambda r, env: r.summary(),
            plain=lambda r, env: r.summary(),
            markdown=lambda r, env: r.summary(),
        ),
    )
    register(
        org.ArchetypeList,
        Views(
            table=lambda r, env: org_views.list_view(r),
            plain=lambda r, env: org_views.list_plain(r),
            markdown=lambda r, env: org_views.list_markdown(r),
            piped=Format.PLAIN,
        ),
    )
    register(
        org.ArchetypeDetail,
        Views(
            table=lambda r, env: org_views.show_table(r),
            plain=lambda r, env: org_views.show_plain(r),
            markdown=lambda r, env: org_views.show_markdown(r),
        ),
    )
    register(
        org.ArchetypeComparison,
        Views(
            table=lambda r, env: org_views.compare_table(r),
            plain=lambda r, env: org_views.compare_plain(r),
            markdown=lambda r, env: org_views.compare_markdown(r),
        ),
    )
    register(
        team.TeamReport,
        Views(
            table=lambda r, env: team_views.team_table(r),
            plain=lambda r, env: team_views.team_plain(r),
            markdown=lambda r, env: team_views.team_markdown(r),
        ),
    )


def views_for(result: Result) -> Views[Any]:
    if not _BUILTINS:
        _register_builtins()
    for kind in type(result).__mro__:
        if kind in _VIEWS:
            return _VIEWS[kind]
    raise TypeError(f"no views registered for {type(result).__name__}")


#: The formats that are a syntax of their own rather than a view of `Format`, each with the
#: name of its view in `Views`.
_OWN_SYNTAX: dict[Any, str] = {
    ChartFormat.SVG: "svg",
    ExportFormat.HTML: "html",
    CheckFormat.GITHUB: "github",
}


def resolve(result: Result, fmt: AnyFormat | None, env: Environment) -> AnyFormat:
    """The format to write: the one asked for; else a table on a terminal, else the piped one.
    A syntax of its own (svg, html, github) stays itself; any other format is the `Format` of
    its name."""
    if fmt is not None and any(fmt is own for own in _OWN_SYNTAX):
        return fmt
    if fmt is not None:
        return Format(fmt.value)
    return Format.TABLE if env.stdout_isatty else views_for(result).piped


def write(env: Environment, result: Result, fmt: AnyFormat | None) -> int:
    """The one write path: `result` in `fmt` (None: by stdout, see `resolve`) on stdout, its
    notes on stderr, and the exit code the command ends with, which the result decides.

    Every format goes through `text.safe` or escapes what it would act on in its own syntax:
    catalog text reaches the terminal as text, never as commands.
    """
    from mlroles.render import text

    chosen = resolve(result, fmt, env)
    # The formats that carry what the notes would say (a check's errors) in their own data.
    in_data = chosen in (Format.JSON, Format.YAML) or chosen is CheckFormat.GITHUB
    for note in result.notes(in_data):
        env.note(note)
    if result.empty and not in_data:
        return result.exit_code
    own = next((name for kind, name in _OWN_SYNTAX.items() if chosen is kind), None)
    if own is not None:
        document = getattr(views_for(result), own)
        if document is None:
            raise TypeError(f"no {own} view registered for {type(result).__name__}")
        # Escaped by its own rules (XML, Jinja2's autoescape, workflow commands' percent
        # encoding); what those leave as it is (a C1 control, a bidi override) is made visible
        # as in every other format.
        env.write(text.safe(document(result, env), keep="\n\t"))
    elif chosen is Format.JSON:  # a dump of the data: no views needed, nothing more imported
        env.write(text.to_json(result.to_data(), unicode=env.unicode))
    elif chosen is Format.YAML:
        env.write(text.to_yaml(result.to_data()))
    else:
        views = views_for(result)
        if chosen is Format.TABLE or views.own_width:
            # Laid out by width: catalog text is made safe first, so widths are those shown.
            # Lines of text (plain, Markdown) are made safe as a whole below.
            result = text.safe_copy(result)
        if chosen is Format.TABLE:
            drawn = views.table(result, env)
            if isinstance(drawn, str):
                env.write(text.safe(drawn, keep="\n\t"))
            else:
                env.draw(drawn, own_width=views.own_width)
        elif chosen is Format.PLAIN:
            plain = views.plain or (lambda r, env: text.plain_from_data(r.to_data()))
            env.write(text.safe(plain(result, env), keep="\n\t"))
        else:
            markdown = views.markdown or (lambda r, env: text.markdown_from_data(r.to_data()))
            env.write(text.safe(markdown(result, env), keep="\n"))
    return result.exit_code
