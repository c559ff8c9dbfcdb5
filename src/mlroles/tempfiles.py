"""Temporary files being written, removed whatever ends the run.

Every file mlroles writes (a catalog from `init`, a cache entry) is written to a temporary file
beside it and renamed into place. `created` makes that temporary file and sees it removed:
- when the block leaves without renaming it (an error, KeyboardInterrupt, SystemExit);
- when a signal that ends the process (SIGTERM, SIGHUP; SIGINT too) arrives while the block
  runs: the handler in place before (the CLI's own, or the default one) then runs as it would
  have, so the exit code and the message are its own.

`remove_all()` removes every temporary file not yet renamed: a signal handler of the CLI that
ends the process itself (with `os._exit`, say) calls it first. After SIGKILL nothing can run:
each writer names its files so that a later run can tell its own stale ones apart.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

#: Temporary files created and not yet renamed or removed.
_PENDING: set[str] = set()
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


def remove_all() -> None:
    """Remove every temporary file still pending (safe to call from a signal handler)."""
    for path in list(_PENDING):
        with contextlib.suppress(OSError):
            os.unlink(path)
        _PENDING.discard(path)


@contextlib.contextmanager
def created(folder: str | os.PathLike[str], prefix: str, suffix: str) -> Iterator[tuple[int, str]]:
    """A new temporary file in `folder` (its descriptor, its path), removed after the block
    unless the block renamed it away; removed too if a signal ends the run meanwhile."""
    with _signals_remove_pending():
        fd, path = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        _PENDING.add(path)
        try:
            yield fd, path
        finally:
            _PENDING.discard(path)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)  # gone already when it was renamed into place


Handler = Callable[[int, FrameType | None], Any]


@contextlib.contextmanager
def _signals_remove_pending() -> Iterator[None]:
    """While the block runs, a signal that ends the run first removes the pending files."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own finally blocks still clean up
        return
    previous: dict[int, Any] = {}
    for number in _SIGNALS:
        with contextlib.suppress(OSError, ValueError, TypeError):
            previous[number] = signal.signal(number, _handler(signal.getsignal(number)))
    try:
        yield
    finally:
        for number, handler in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(number, handler)


def _handler(before: Any) -> Handler:
    def remove_then_go_on(number: int, frame: FrameType | None) -> Any:
        remove_all()
        if callable(before):
            return before(number, frame)
        if before == signal.SIG_IGN:
            return None
        # The default action (end the process, by this signal): as if we had not been here.
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return None

    return remove_then_go_on
