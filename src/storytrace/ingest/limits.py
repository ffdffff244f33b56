"""A time cap for one piece of work on one document (reading, HTML extraction, normalization).

:func:`deadline` arms a ``SIGALRM`` timer: when it fires, :class:`Overtime` is raised at the
next Python instruction of the work, wherever it is (trafilatura, lxml callbacks, our own
regular expressions — the ``re`` engine checks for signals while it matches). ``Overtime``
derives from ``BaseException`` so that a library's ``except Exception`` cannot swallow it.

Signals reach only the main thread, so the cap is a no-op elsewhere (a web request thread);
worker processes run their tasks on their main thread, and the pool adds a hard cap on top
(the worker is killed; see :mod:`storytrace.ingest.pool`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["REPEAT", "Overtime", "deadline", "deadline_available"]

REPEAT = 0.05
"""Seconds between repeats of an :class:`Overtime` that did not stop the work."""


class Overtime(BaseException):  # a signal, like KeyboardInterrupt, not an error
    """Raised inside work that ran past its :func:`deadline`."""


def deadline_available() -> bool:
    """Whether :func:`deadline` can arm a timer here (main thread of a POSIX process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in the enclosed work after ``seconds`` (0 or less: no cap).

    Not re-entrant: an inner deadline replaces the outer one for its duration. The timer is
    disarmed and the previous handler restored on the way out.
    """
    if seconds <= 0 or not deadline_available():
        yield
        return

    def fire(signum: int, frame: FrameType | None) -> None:
        raise Overtime(f"over the time cap of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, fire)
    # The timer repeats: an Overtime raised while Python runs a weakref callback or a __del__ is
    # printed and dropped ("Exception ignored in …"), so it must come again until it gets through.
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        while True:  # a repeat may land here, before the timer is off: catch it and disarm again
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except Overtime:
                continue
