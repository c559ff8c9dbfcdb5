"""A renderable that draws a table where there is room for one, and a list of blocks where not.

A table of five columns in 40 columns breaks every word; the same rows as short blocks of
`label: value` lines stay readable. Rich is imported only when something is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType

#: Below this many columns, blocks instead of a table.
NARROW = 64


@dataclass(frozen=True)
class ByWidth:
    """`wide` when at least `min_width` columns are available, else `narrow`."""

    wide: RenderableType
    narrow: RenderableType
    min_width: int = NARROW

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        yield self.wide if options.max_width >= self.min_width else self.narrow
