"""The console script (and `python -m mlroles`): SIGINT and SIGTERM are caught from its first
moment, before Typer, Rich or Pydantic are imported.

Until `entry.main()` installs the one signal handler, nothing has been written and no file is
open: a signal then ends the run at once, with the same line and code as later (130, 143).
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any, NoReturn


def _early(signum: int, frame: Any) -> None:
    line = b"mlroles: interrupted\n" if signum == signal.SIGINT else b"mlroles: terminated\n"
    with contextlib.suppress(OSError):
        os.write(2, line)
    os._exit(128 + signum)


def run() -> NoReturn:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _early)
    from mlroles.cli.entry import run as run_entry

    run_entry()
