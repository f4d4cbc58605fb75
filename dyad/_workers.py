"""What every coding worker process does at start, whoever started it."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading

__all__ = ["exit_with_parent"]


def exit_with_parent() -> None:
    """A worker whose parent was killed (SIGKILL, the OOM killer, a dead notebook kernel)
    would wait for work forever, holding a model's memory: it exits as soon as the parent
    is gone."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_wait_and_exit, args=(parent.sentinel,), daemon=True).start()


def _wait_and_exit(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)
