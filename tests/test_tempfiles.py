"""Temporary files: removed whatever ends the block, and before a signal's own handler runs."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from types import FrameType

import pytest

from mlroles import tempfiles


def test_a_block_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), tempfiles.created(tmp_path, ".x.", ".tmp") as (fd, path):
        os.write(fd, b"partial")
        os.close(fd)
        assert Path(path).exists()
        raise RuntimeError("the disk is full")
    assert os.listdir(tmp_path) == []


def test_a_renamed_file_stays_where_it_was_put(tmp_path: Path) -> None:
    with tempfiles.created(tmp_path, ".x.", ".tmp") as (fd, path):
        os.write(fd, b"whole")
        os.close(fd)
        os.replace(path, tmp_path / "x")
    assert os.listdir(tmp_path) == ["x"]
    assert (tmp_path / "x").read_bytes() == b"whole"


def test_a_signal_removes_the_file_before_the_handler_in_place_runs(tmp_path: Path) -> None:
    seen: list[tuple[int, list[str]]] = []

    def handler(number: int, frame: FrameType | None) -> None:
        seen.append((number, os.listdir(tmp_path)))

    before = signal.signal(signal.SIGTERM, handler)
    try:
        with tempfiles.created(tmp_path, ".x.", ".tmp") as (fd, _):
            os.close(fd)
            assert signal.getsignal(signal.SIGTERM) is not handler  # ours, for the block
            os.kill(os.getpid(), signal.SIGTERM)
        assert seen == [(signal.SIGTERM, [])]
        assert signal.getsignal(signal.SIGTERM) is handler  # given back after the block
    finally:
        signal.signal(signal.SIGTERM, before)


def test_remove_all_removes_what_is_still_pending(tmp_path: Path) -> None:
    with tempfiles.created(tmp_path, ".x.", ".tmp") as (fd, path):
        os.close(fd)
        tempfiles.remove_all()
        assert not Path(path).exists()
    assert os.listdir(tmp_path) == []
