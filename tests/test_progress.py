"""Progress: stages with counts and elapsed time on stderr; redrawn by a ticker on a terminal."""

from __future__ import annotations

import io
import time

import pytest

from checker.cli import progress


def test_elsewhere_each_stage_is_said_at_its_start_and_end(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(progress.sys, "stderr", err)
    show = progress.Progress(True)
    for i in range(1, 4):
        show(f"loading: {i}/3 files")
    show("validating 3 files")
    show("solving whole")
    show.clear()
    lines = [line.split(" (")[0] for line in err.getvalue().splitlines()]
    assert lines == [
        "sistemkerja: loading: 1/3 files",
        "sistemkerja: loading: 3/3 files",
        "sistemkerja: validating 3 files",
        "sistemkerja: solving whole",
    ]


def test_on_a_terminal_the_clock_ticks_while_a_stage_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    monkeypatch.setattr(progress.sys, "stderr", err)
    monkeypatch.setattr(progress, "TICK", 0.01)
    show = progress.Progress(None)
    show("solving whole")
    deadline = time.monotonic() + 5
    while err.getvalue().count("\r") < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    show.clear()
    assert err.getvalue().count("sistemkerja: solving whole") >= 3  # redrawn without a new message
    assert err.getvalue().endswith("\r\x1b[K")  # and wiped at the end


def test_off_by_default_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(progress.sys, "stderr", err)
    show = progress.Progress(None)
    show("loading: 1/1 files")
    show.clear()
    assert err.getvalue() == ""
