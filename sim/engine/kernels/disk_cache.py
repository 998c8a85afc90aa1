"""numba's on-disk cache of the kernels, written by one process at a time.

numba files a newly compiled signature of a function in three steps (numba/core/caching.py,
`IndexDataCacheFile.save`): it reads the function's index (signature -> data file), takes the
first data-file name the index does not use, writes the index, then the data. Two processes that
compile two signatures of one function at the same moment can read the same index and take the
same name: the index left on disk may then say that one signature's code is in a file that holds
the other's, and every later process that loads it runs code compiled for other types, which
crashes (numba issue #4807, open since 2019). It happens only on a machine's first runs of a new
version of the kernels, and only when processes start together, as a sweep's workers or the test
suite's do; the kernels take arrays that are writable in one run and read-only in another (a world
shared among a sweep's runs), so one function does have several signatures.

`lock_writes` gives each kernel a cache whose saves hold an exclusive lock (`fcntl.flock`) on a
file in the cache's folder, from the reading of the index to the writing of the data: the three
steps are then one process's at a time, and the index always names the right file. Loading takes
no lock: files are replaced whole (numba writes each to a temporary name and renames it), so a
reader sees an index and data files that agree. Where `fcntl` is missing (Windows) the cache is
numba's own.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

from numba.core.caching import FunctionCache
from numba.core.dispatcher import Dispatcher

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "stormdrill-kernels.lock"
"""The file in the cache's folder whose exclusive lock a save holds."""


@contextlib.contextmanager
def folder_lock(folder: str) -> Iterator[None]:
    """Hold the exclusive lock of `folder`'s lock file (made if missing) while the block runs;
    no lock where the platform has none or the file cannot be opened (then numba's save, as
    before)."""
    if fcntl is None:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        handle = open(os.path.join(folder, LOCK_NAME), "a+b")  # noqa: SIM115 - held below
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class LockedFunctionCache(FunctionCache):
    """numba's cache of one function, its saves one process at a time (`folder_lock`)."""

    def save_overload(self, sig: Any, data: Any) -> None:
        self._impl.locator.ensure_cache_path()
        with folder_lock(self._cache_path):
            super().save_overload(sig, data)


def lock_writes(namespace: Mapping[str, object]) -> int:
    """Give every cached numba function in `namespace` (a module's globals) a
    `LockedFunctionCache`; returns how many. Call it where the functions are defined, before any
    is called: a function's cache is only read at its first compilation."""
    locked = 0
    for value in namespace.values():
        if isinstance(value, Dispatcher) and isinstance(
            getattr(value, "_cache", None), FunctionCache
        ):
            value._cache = LockedFunctionCache(value.py_func)  # type: ignore[attr-defined]
            locked += 1
    return locked
