"""A process-wide "please stop" flag: set by the worker on SIGTERM, read by long tasks between items."""

from __future__ import annotations

import threading

STOP = threading.Event()


def requested() -> bool:
    return STOP.is_set()
