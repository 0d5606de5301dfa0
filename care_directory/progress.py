"""Progress for the slow stages of a long build.

On a terminal: one updating line with the count and the time left. In CI
logs (no terminal): one summary line when a stage ends.
"""

from __future__ import annotations

import sys
import time


class Stage:
    """Counts work done in one stage of the build; use as a context manager."""

    def __init__(self, name: str, total: int, stream=None):
        self.name, self.total, self.done = name, total, 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.started = self.last_shown = time.monotonic()

    def __enter__(self) -> Stage:
        return self

    def step(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.live and (now - self.last_shown > 0.2 or self.done == self.total):
            self.last_shown = now
            elapsed = now - self.started
            left = elapsed / self.done * (self.total - self.done) if self.done else 0
            self.stream.write(f"\r{self.name}: {self.done:,} of {self.total:,}, about {left:.0f} s left   ")
            self.stream.flush()

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            ending = "\r" if self.live else ""
            self.stream.write(
                f"{ending}{self.name}: {self.done:,} in {time.monotonic() - self.started:.1f} "
                f"s{' ' * 20 if self.live else ''}\n"
            )
            self.stream.flush()
