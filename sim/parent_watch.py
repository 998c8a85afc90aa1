"""Worker processes that end when the process that started them is gone.

A sweep's pool workers hold a model each (about 250 MB); if the parent is killed (kill -9, an
out-of-memory kill, a closed terminal) nothing tells them, so they, and multiprocessing's
resource tracker waiting on them, would run on forever. Each worker therefore starts a daemon
thread that waits on its parent's sentinel, which `multiprocessing` hands to every child it
starts with `spawn` or `forkserver`: the sentinel becomes ready when the parent process ends,
however it ended, on POSIX and on Windows alike. The thread blocks without polling and then
ends the worker at once, without running cleanup that would wait for the dead parent.

(Linux's prctl(PR_SET_PDEATHSIG) does the same from the kernel, but only on Linux, through
ctypes, and it fires when the parent *thread* that forked exits; the sentinel has none of that.)
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.process import BaseProcess

PARENT_GONE_EXIT_CODE = 70
"""The exit status of a worker whose parent died (EX_SOFTWARE: nothing of its own failed)."""


def end_with_parent() -> None:
    """Call first thing in a worker process (a pool's initializer); nothing in a process that
    multiprocessing did not start."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    threading.Thread(
        target=_exit_when_gone, args=(parent,), name="end-with-parent", daemon=True
    ).start()


def _exit_when_gone(parent: BaseProcess) -> None:
    parent.join()
    os._exit(PARENT_GONE_EXIT_CODE)
