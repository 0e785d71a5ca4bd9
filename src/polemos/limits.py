"""The per-article time limit: a runaway article becomes `Rejection(reason="time_limit")`, not a hang.

Two guards raise `TimeLimitExceeded` in the thread that codes the article:

- cooperative: `Deadline.check()` between pipeline steps (the Coder calls it after each step);
- forced, for one step that overruns on its own: at the deadline, SIGALRM (`setitimer`) when the
  coding runs in a process's main thread (`polemos code`, the ingest's pool workers), otherwise an
  asynchronous exception sent by a timer thread (`PyThreadState_SetAsyncExc`: Dask runs tasks in
  worker threads, where no signal can be received).

Both reach Python code between two bytecodes, so any pure-Python runaway stops. A single C call
that never returns to the interpreter cannot be stopped inside the process; scripts/fuzz.py codes
in child processes it kills, and counts such an input as hung.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType

TIME_LIMIT = 60.0  # seconds per article of up to LIMIT_BYTES; a news article takes well under one
LIMIT_BYTES = 200_000  # larger inputs get proportionally more: 60 s per started 200 kB


class TimeLimitExceeded(BaseException):
    """Raised into the coding thread at the deadline. A BaseException, so that a step's own
    `except Exception` cannot swallow it and go on running."""


def article_limit(size: int, seconds: float | None = TIME_LIMIT) -> float | None:
    """The limit for an input of `size` bytes: `seconds` up to LIMIT_BYTES, then in proportion.
    None or 0 means no limit."""
    if not seconds:
        return None
    return seconds * max(1.0, size / LIMIT_BYTES)


class Deadline:
    """A point in time work must finish by; `clock` is replaceable so tests need no waiting."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] | None = None) -> None:
        self.seconds = seconds
        self.clock = clock or time.monotonic
        self.at = None if seconds is None else self.clock() + seconds

    def check(self) -> None:
        if self.at is not None and self.clock() > self.at:
            raise TimeLimitExceeded(f"over the time limit of {self.seconds:g} s")


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Set (or, with None, clear) the exception pending in another thread."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class hard_limit:
    """`with hard_limit(seconds):` interrupts the block with TimeLimitExceeded at the deadline.

    None or 0 seconds: no limit. The signal is used only where it can be received (the main
    thread) and when no one else holds SIGALRM; the timer thread everywhere else.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._armed = False
        self._fired = False
        self._timer: threading.Timer | None = None
        self._previous: object = None
        self._thread_id = 0

    def __enter__(self) -> hard_limit:
        if not self.seconds:
            return self
        self._armed = True
        if self._can_signal():
            self._previous = signal.signal(signal.SIGALRM, self._on_signal)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._thread_id = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._on_timer)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if not self.seconds:
            return
        try:
            self._armed = False  # from here on neither guard raises
        finally:
            self._disarm()

    def _disarm(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                if self._fired:
                    _raise_in(self._thread_id, None)  # fired as the block ended: nothing may land later
            else:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]

    @staticmethod
    def _can_signal() -> bool:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) \
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            raise TimeLimitExceeded(f"over the time limit of {self.seconds:g} s")

    def _on_timer(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                _raise_in(self._thread_id, TimeLimitExceeded)
