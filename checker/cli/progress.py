"""Progress on stderr while a long check runs: the stage, its count and the time so far.

On a terminal one line is redrawn in place, and a ticker redraws it every quarter second, so the
clock moves while clingo grounds (a 100k-staff regency spends a minute in one stage). Elsewhere
nothing, unless asked for with --progress: then one line per stage. Never on stdout, never under
--quiet.
"""

from __future__ import annotations

import re
import sys
import threading
import time

from checker import replay

TICK = 0.25  # seconds between redraws on a terminal
_COUNT = re.compile(r"(\d+)/(\d+)")


def _stage(message: str) -> str:
    return message.split(":", 1)[0]


def _done(message: str) -> bool:
    """A count that has reached its total ("46/46 files")."""
    m = _COUNT.search(message)
    return m is not None and m[1] == m[2]


class Progress:
    def __init__(self, enabled: bool | None) -> None:
        self.tty = sys.stderr.isatty()
        self.enabled = self.tty if enabled is None else enabled
        self.start = time.monotonic()
        self.message = ""
        self.drawn = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._stage = ""

    def __call__(self, message: str) -> None:
        if not self.enabled or message == self.message:
            return
        with self._lock:
            self.message = message
            stage, done = _stage(message), _done(message)
            if self.tty:
                self._draw()
            elif stage != self._stage or done:  # elsewhere: each stage's start and end only
                if replay.RECORDER is not None:
                    replay.RECORDER.spoil("progress lines")  # their times are this run's
                sys.stderr.write(self._line() + "\n")
                sys.stderr.flush()
            self._stage = stage
        if self.tty and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def _line(self) -> str:
        return f"sistemkerja: {self.message} ({time.monotonic() - self.start:.1f} s)"

    def _draw(self) -> None:
        sys.stderr.write("\r\x1b[K" + self._line())
        sys.stderr.flush()
        self.drawn = True

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                if self.drawn:
                    self._draw()

    def clear(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self.drawn:
                sys.stderr.write("\r\x1b[K")
                sys.stderr.flush()
                self.drawn = False
