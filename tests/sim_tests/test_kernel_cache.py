"""The kernels' on-disk cache is written by one process at a time (sim.engine.kernels.disk_cache):
numba's own save reads the index, takes a free file name and writes both, and two processes doing
it at once can leave an index that names another signature's code."""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("numba")
fcntl = pytest.importorskip("fcntl")

from numba.core.caching import IndexDataCacheFile  # noqa: E402
from numba.core.dispatcher import Dispatcher  # noqa: E402

from sim.engine.kernels import disk_cache, jit  # noqa: E402
from sim.engine.kernels.disk_cache import LOCK_NAME, LockedFunctionCache, lock_writes  # noqa: E402

KERNEL = """
from numba import njit


@njit(cache=True)
def doubled(values):
    return values * 2
"""


def lock_is_free(folder: Path) -> bool:
    """Whether another open of the folder's lock file could take the lock now."""
    with open(folder / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return True


@pytest.fixture
def kernel_module(tmp_path):
    """A module of one cached kernel of its own, its cache in tmp_path/__pycache__."""
    source = tmp_path / "cached_kernel.py"
    source.write_text(KERNEL)
    name = f"cached_kernel_{tmp_path.name}"
    spec = importlib.util.spec_from_file_location(name, source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # numba's cache finds the function's module by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules[name]


def test_a_save_holds_the_cache_folders_lock_from_the_index_to_the_data(
    kernel_module, tmp_path, monkeypatch
) -> None:
    assert lock_writes(vars(kernel_module)) == 1
    seen: dict[str, bool] = {}
    save_index, save_data = IndexDataCacheFile._save_index, IndexDataCacheFile._save_data

    def watched_index(self, overloads):
        seen["free while the index is written"] = lock_is_free(Path(self._cache_path))
        return save_index(self, overloads)

    def watched_data(self, name, data):
        seen["free while the data is written"] = lock_is_free(Path(self._cache_path))
        return save_data(self, name, data)

    monkeypatch.setattr(IndexDataCacheFile, "_save_index", watched_index)
    monkeypatch.setattr(IndexDataCacheFile, "_save_data", watched_data)
    kernel_module.doubled(np.arange(3.0))  # compiled, then saved
    folder = tmp_path / "__pycache__"
    assert seen == {
        "free while the index is written": False,
        "free while the data is written": False,
    }
    assert lock_is_free(folder)


def test_each_signature_saved_is_indexed_to_a_file_of_its_own(kernel_module, tmp_path) -> None:
    lock_writes(vars(kernel_module))
    for values in (np.arange(3.0), np.arange(3), np.arange(3, dtype=np.float32)):
        kernel_module.doubled(values)
    (index,) = (tmp_path / "__pycache__").glob("*doubled*.nbi")
    with open(index, "rb") as handle:
        pickle.load(handle)  # numba's version stamp
        _stamp, overloads = pickle.loads(handle.read())
    assert len(overloads) == 3 and len(set(overloads.values())) == 3
    assert all((index.parent / name).exists() for name in overloads.values())


def test_every_cached_kernel_saves_under_the_lock() -> None:
    kernels = [value for value in vars(jit).values() if isinstance(value, Dispatcher)]
    assert len(kernels) > 20
    assert all(isinstance(kernel._cache, LockedFunctionCache) for kernel in kernels)


def test_a_folder_that_cannot_hold_a_lock_file_saves_as_numba_does(tmp_path) -> None:
    missing = tmp_path / "no such folder"
    with disk_cache.folder_lock(str(missing)):
        assert not os.path.exists(missing)
