"""The compiled kernels (sim.engine.kernels) give the bits of their numpy references, so which
path runs never changes an outcome: the draws, numpy's pairwise sum, the memory shift, a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import sim.engine.kernels as kernels
from sim.engine.crowd.memory import AttitudeMemory
from sim.engine.draws import Draws, Purpose, _chain, _mix, _words, draw_from_key, unit_interval
from sim.engine.kernels import jit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def compiled_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process on the compiled kernels, whatever STORMDRILL_KERNELS says."""
    monkeypatch.setattr(kernels, "_loaded", [jit])


def bits(values: object) -> np.ndarray:
    """The raw 64 bits of every number (so -0.0 differs from 0.0 and NaNs compare)."""
    array = np.asarray(values)
    return array.view(np.uint64) if array.dtype == np.float64 else array.astype(np.uint64)


def assert_same_bits(got: object, want: object) -> None:
    assert type(got) is type(want)
    assert np.shape(got) == np.shape(want)
    assert np.array_equal(bits(got), bits(want))


def reference_key(start: object, *words: object) -> np.ndarray:
    with np.errstate(over="ignore"):
        return _chain(start, words)  # type: ignore[arg-type]


def reference_combine(start: object, *words: object) -> np.ndarray:
    with np.errstate(over="ignore"):
        return _chain(_mix(_words(start) + np.uint64(0x9E3779B97F4A7C15)), words)  # type: ignore[arg-type]


def identities(rng: np.random.Generator, count: int, dtype: type = np.int64) -> np.ndarray:
    """Ids of every sign and size, negative ones included (they wrap to distinct words)."""
    return rng.integers(-(2**62), 2**62, size=count).astype(dtype)


# --------------------------------------------------------------------------- the draws

FORMS = {
    "users and a tick": lambda rng, n: (identities(rng, n), int(rng.integers(0, 900))),
    "users and a negative tick": lambda rng, n: (identities(rng, n), -(2**63)),
    "users, a tick and a statement": lambda rng, n: (identities(rng, n), 40, -3),
    "users and their own ticks": lambda rng, n: (identities(rng, n), identities(rng, n)),
    "one user of many ticks": lambda rng, n: (np.int64(-7), identities(rng, n)),
    "int32 followers": lambda rng, n: (identities(rng, n, np.int32), 12),
    "a length-one array broadcast": lambda rng, n: (identities(rng, n), np.array([5])),
    "a strided read-only array": lambda rng, n: (
        np.broadcast_to(identities(rng, 2 * n)[::2], (n,)),
        9,
    ),
    "scalars only": lambda rng, n: (int(rng.integers(-100, 100)), np.int64(n)),
    "a list of ids": lambda rng, n: (identities(rng, n).tolist(), 3),
}


@pytest.mark.parametrize("size", [0, 1, 3, 10, 1000])
@pytest.mark.parametrize("form", FORMS)
def test_compiled_draws_and_keys_equal_the_numpy_reference(compiled_path, form, size) -> None:
    rng = np.random.default_rng(size)
    words = FORMS[form](rng, size)
    draws = Draws(-12345)
    for purpose in (Purpose.SHARE, Purpose.VIEW, Purpose.MONITOR):
        start = reference_combine(reference_combine(np.int64(-12345)), int(purpose))
        assert_same_bits(draws._purpose_keys[purpose], start)
        assert_same_bits(draws.key(purpose, *words), reference_key(start, *words))
        want = unit_interval(reference_key(start, *words))
        assert_same_bits(draws.uniform(purpose, *words), want)


@pytest.mark.parametrize("size", [0, 1, 7, 500])
def test_compiled_draws_under_stored_keys_equal_the_numpy_reference(compiled_path, size) -> None:
    rng = np.random.default_rng(size + 1)
    stored = identities(rng, size).view(np.uint64)
    followers = identities(rng, size, np.int32)
    for keys, words in [
        (stored, (followers,)),
        (np.uint64(2**64 - 3), (followers,)),
        (np.uint64(2**63 + 1), (followers.astype(np.int64), -9)),
        (stored, (17, -2)),
        (-5, (followers,)),
    ]:
        want = unit_interval(reference_combine(keys, *words))
        assert_same_bits(draw_from_key(keys, *words), want)


def test_identities_of_two_dimensions_are_drawn_by_numpy_broadcasting(compiled_path) -> None:
    draws = Draws(3)
    rows, columns = np.arange(4)[:, None], np.arange(-3, 2)[None, :]
    start = reference_combine(reference_combine(np.int64(3)), int(Purpose.VIEW))
    got = draws.uniform(Purpose.VIEW, rows, columns)
    assert_same_bits(got, unit_interval(reference_key(start, rows, columns)))
    with pytest.raises(ValueError):
        draws.uniform(Purpose.VIEW, np.arange(3), np.arange(4))


def test_the_numpy_path_runs_when_the_kernels_are_off(monkeypatch) -> None:
    monkeypatch.setattr(kernels, "_loaded", [None])
    assert kernels.backend() == "numpy"
    for kernel in ("chain_keys", "chain_uniform", "memory_shift"):
        monkeypatch.setattr(jit, kernel, None)  # a call would raise
    users = np.arange(5)
    assert len(Draws(1).uniform(Purpose.SHARE, users, 3)) == 5
    memory = AttitudeMemory(np.zeros(5), 0.5, {})
    assert memory.shift(users, np.full(5, 0.25)).tolist() == [0.25] * 5


# --------------------------------------------------------------------------- numpy's sum

SIZES = [*range(0, 300), 1000, 8191, 8192, 8193, 16385, 100_003]


def test_the_compiled_sum_is_numpys_pairwise_sum_to_the_bit() -> None:
    rng = np.random.default_rng(4)
    for size in SIZES:
        wide = rng.standard_normal(size) * 10.0 ** rng.integers(-8, 8, size)
        zeros = -np.zeros(size)
        mixed = rng.standard_normal(size)
        mixed[::3] = -0.0
        for values in (wide, zeros, mixed):
            assert bits(jit.numpy_sum(values)) == bits(float(values.sum())), size


def test_the_compiled_sum_of_products_is_numpys_sum_of_the_products_to_the_bit() -> None:
    """The memory shift's sums of each part's changes, made as they are summed: the same bits
    as numpy's sum of the array of products, for factors below, at and above one."""
    rng = np.random.default_rng(9)
    for size in SIZES:
        values = rng.standard_normal(size) * 10.0 ** rng.integers(-8, 8, size)
        values[::5] = -0.0
        for factor in (0.35, 0.65, 1.0, -2.5):
            want = float((values * factor).sum())
            assert bits(jit.numpy_sum_times(values, factor)) == bits(want), (size, factor)


def test_the_compiled_group_sums_are_numpys_masked_sums_to_the_bit() -> None:
    """The memory's resync: each group's sum as numpy adds `values[members]`, for a first group
    of everyone (as the memory's is), groups of nobody and of random members, on arrays long
    and short; and both parts at once on two threads, the same bits."""
    rng = np.random.default_rng(6)
    for size in (0, 1, 7, 129, 1000, 8193, 100_003):
        values = rng.standard_normal(size) * 10.0 ** rng.integers(-8, 8, size)
        membership = np.ones((4, size), dtype=bool)
        membership[1] = False
        membership[2] = rng.random(size) < 0.3
        membership[3] = rng.random(size) < 0.9
        got = np.empty(4)
        jit.group_sums(values, membership, got, np.empty(size))
        want = np.array([float(values[members].sum()) for members in membership])
        assert np.array_equal(bits(got), bits(want)), size
        others = rng.standard_normal(size)
        both = np.empty((2, 4))
        jit.group_sums_threaded(values, others, membership, both, np.empty((2, size)))
        assert np.array_equal(bits(both[0]), bits(want)), size
        want_others = [float(others[members].sum()) for members in membership]
        assert np.array_equal(bits(both[1]), bits(np.array(want_others))), size


# --------------------------------------------------------------------------- the memory


def memory_state(memory: AttitudeMemory) -> list[np.ndarray]:
    means = [memory.mean(group) for group in (None, "stakeholders", "aware")]
    return [memory._fast, memory._slow, memory._sums, memory._irregular, np.array(means)]


@pytest.mark.parametrize("threaded", [False, True], ids=["one thread", "threaded"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_compiled_memory_shift_equals_the_numpy_reference(
    compiled_path, monkeypatch, seed, threaded
) -> None:
    """Shocks big enough to clip and to make users irregular, scalar and per-user changes,
    single users and none, decay to the fold and users joining a group, all bit for bit, with
    the users' updates on the calling thread or shared among numba's threads."""
    if threaded:
        monkeypatch.setattr(kernels, "THREADED_FROM", 0)
        monkeypatch.setattr(jit, "thread_count", lambda: 2)
    rng = np.random.default_rng(seed)
    n = 3000
    anchor = np.clip(rng.normal(0.3, 0.7, n), -1.3, 1.3)
    groups = {"stakeholders": rng.random(n) < 0.3, "aware": np.zeros(n, dtype=bool)}
    compiled, reference = (AttitudeMemory(anchor.copy(), 0.35, groups) for _ in range(2))
    for step in range(120):
        count = int(rng.choice([0, 1, 9, 200, 2500]))
        users = rng.choice(n, count, replace=False)
        delta = rng.normal(0.0, 0.9, count) if step % 4 else float(rng.normal(0.0, 0.5))
        after = compiled.shift(users, delta)
        assert_same_bits(after, reference._shift_reference(users, delta))
        if step % 5 == 0:
            for memory in (compiled, reference):
                memory.decay(1e-30, 0.5)  # folds into the stored parts every few steps
                memory.enroll("aware", users[: count // 2])
        for got, want in zip(memory_state(compiled), memory_state(reference), strict=True):
            assert np.array_equal(bits(got), bits(want)), step


def test_the_compiled_float32_attitudes_equal_the_numpy_reference(compiled_path) -> None:
    """Averaging's inputs: attitudes clipped at both ends, shifts of zero and of -0.0, parts at
    scales far from 1, with and without the shift, and a memory nobody has moved."""
    rng = np.random.default_rng(5)
    n = 4000
    anchor = np.clip(rng.normal(0.3, 0.7, n), -1.3, 1.3)
    unmoved = np.empty((n, 2), dtype=np.float32)
    inside = AttitudeMemory(np.clip(anchor, -1.0, 1.0), 0.35, {})
    assert not inside.in_float32(unmoved, of_shift=True)
    assert not inside._float32_reference(unmoved, of_shift=True)
    memory = AttitudeMemory(anchor, 0.35, {"stakeholders": rng.random(n) < 0.3})
    assert memory.in_float32(unmoved, of_shift=True)  # an anchor beyond 1 is heard clipped
    assert memory._float32_reference(unmoved, of_shift=True)
    users = rng.choice(n, 3000, replace=False)
    memory.shift(users, rng.normal(0.0, 0.9, 3000))
    memory.shift(users[:5], -memory.unclipped(users[:5]) + anchor[users[:5]])  # back to zero
    memory.decay(0.31, 0.97)
    for of_shift in (True, False):
        got = np.full((n, 2), np.nan, dtype=np.float32)
        want = np.full((n, 2), np.nan, dtype=np.float32)
        moved = memory.in_float32(got, of_shift)
        assert moved == memory._float32_reference(want, of_shift)
        assert moved
        assert got.tobytes() == want.tobytes()
        attitude = memory.attitude().astype(np.float32)
        shift = (memory.attitude() - memory.anchor).astype(np.float32)
        assert got[:, 0].tobytes() == attitude.tobytes()
        assert got[:, 1].tobytes() == (shift if of_shift else attitude).tobytes()


@pytest.mark.parametrize("seed", [0, 1])
def test_the_compiled_attitudes_of_some_users_equal_the_numpy_reference(
    compiled_path, seed
) -> None:
    """Attitudes clipped at both ends, parts at scales far from 1, repeated users, one user and
    none, on a read-only anchor (a shared world's) as on a writable one."""
    rng = np.random.default_rng(seed)
    n = 3000
    anchor = np.clip(rng.normal(0.3, 0.7, n), -1.3, 1.3)
    read_only = anchor.copy()
    read_only.flags.writeable = False
    for start in (anchor, read_only):
        memory = AttitudeMemory(start, 0.35, {})
        moved = rng.choice(n, 2000, replace=False)
        memory.shift(moved, rng.normal(0.0, 0.9, 2000))
        memory.decay(0.31, 0.97)
        for users in (rng.integers(0, n, 5000), moved[:1], moved[:0], np.arange(n)):
            assert_same_bits(memory.attitude(users), memory._attitude_reference(users))
    assert_same_bits(memory.attitude(), memory._attitude_reference())


@pytest.mark.parametrize("path", ["compiled", "threaded", "numpy"])
def test_a_shift_that_resyncs_leaves_the_memory_as_a_shift_then_a_resync(monkeypatch, path) -> None:
    """Social averaging's shift skips the running sums' updates and makes them anew (on two
    threads, one a part, for a crowd big enough): the parts, flags, sums and means are those
    of a plain shift followed by `resync`."""
    if path == "numpy":
        monkeypatch.setattr(kernels, "_loaded", [None])
    if path == "threaded":
        monkeypatch.setattr(kernels, "THREADED_FROM", 0)
        monkeypatch.setattr(jit, "thread_count", lambda: 2)
    rng = np.random.default_rng(8)
    n = 3000
    anchor = np.clip(rng.normal(0.3, 0.7, n), -1.3, 1.3)
    groups = {"stakeholders": rng.random(n) < 0.3, "aware": rng.random(n) < 0.6}
    resynced, plain = (AttitudeMemory(anchor.copy(), 0.35, groups) for _ in range(2))
    for step in range(40):
        users = np.sort(rng.choice(n, int(rng.choice([0, 1, 200, 2900])), replace=False))
        delta = rng.normal(0.0, 0.6, len(users))
        after = resynced.shift(users, delta, resync=True)
        assert_same_bits(after, plain.shift(users, delta))
        plain.resync()
        for got, want in zip(memory_state(resynced), memory_state(plain), strict=True):
            assert np.array_equal(bits(got), bits(want)), step
        for memory in (resynced, plain):
            memory.decay(0.9, 0.99)


@pytest.mark.parametrize("index", [np.int32, np.int64])
def test_a_prefetch_reads_and_writes_nothing(index) -> None:
    """The averaging round's prefetch compiles for the graph's int32 and int64 indices and
    leaves the table as it was: it only asks for the rows to be brought into the caches."""
    from numba import njit

    from sim.engine.kernels.prefetch import prefetch_row

    @njit
    def prefetch_all(table: np.ndarray, rows: np.ndarray) -> int:
        for row in rows:
            prefetch_row(table, row)
        return rows.shape[0]

    table = np.random.default_rng(2).random((1000, 2)).astype(np.float32)
    before = table.copy()
    rows = np.random.default_rng(3).integers(0, 1000, 5000).astype(index)
    assert prefetch_all(table, rows) == 5000
    assert table.tobytes() == before.tobytes()


@pytest.mark.parametrize("size", [0, 1, 7, 1000])
def test_the_compiled_compaction_equals_flatnonzero(size) -> None:
    rng = np.random.default_rng(size)
    values = rng.normal(size=size) * (rng.random(size) < 0.6)
    values[rng.random(size) < 0.1] = -0.0
    users, want = np.flatnonzero(values), values[np.flatnonzero(values)]
    compacted, moved = values.copy(), np.empty(size, dtype=np.int64)
    count = jit.compact_nonzero(compacted, moved)
    assert_same_bits(moved[:count], users)
    assert_same_bits(compacted[:count], want)


# --------------------------------------------------------------------------- the population

from sim.engine.crowd.state import State  # noqa: E402
from sim.engine.model import CrisisModel  # noqa: E402
from tests.sim_tests.conftest import make_spec  # noqa: E402


@pytest.mark.parametrize("size", [0, 1, 7, 9, 50, 3000, 100_003])
@pytest.mark.parametrize(
    "share", [1.0, 0.3, 0.05, 0.001], ids=["dense", "middling", "sparse", "rare"]
)
def test_the_compiled_state_scan_equals_the_numpy_reference(size, share) -> None:
    """Every range of states, on crowds where each state is common, rare or missing, read a
    word of eight users at a time, with tails that are not a whole word."""
    rng = np.random.default_rng(size)
    common = rng.integers(0, len(State), size)
    state = np.where(rng.random(size) < share, common, State.REMOVED).astype(np.int8)
    if size > 10:
        state[-3:] = State.EXPOSED  # a find in the tail
    for first in State:
        for last in State:
            want = np.flatnonzero((state >= first) & (state <= last))
            count = len(want)
            assert_same_bits(jit.users_in_states(state, int(first), int(last), count), want)


@pytest.mark.parametrize("threaded", [False, True], ids=["one thread", "threaded"])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_compiled_turning_equals_the_numpy_reference(seed, threaded) -> None:
    """Users above and below zero before and after a shift, some turned already, some who
    never liked the brand, and a shift of nobody; on the calling thread or on numba's."""
    mark_turned = jit.mark_turned_threaded if threaded else jit.mark_turned
    rng = np.random.default_rng(seed)
    compiled, reference = (CrisisModel(make_spec(users=400), 3).population for _ in range(2))
    turned_before = rng.random(400) < 0.2
    for population in (compiled, reference):
        population.turned_tick[turned_before] = 5
    for tick, count in enumerate([0, 1, 37, 400, 120]):
        users = rng.choice(400, count, replace=False)
        after = rng.normal(0.0, 0.5, count)
        for population in (compiled, reference):
            population.tick = tick + 10
        mark_turned(users, after, compiled.memory.anchor, compiled.turned_tick, tick + 10)
        reference._mark_turned_reference(users, after)
        assert_same_bits(compiled.turned_tick, reference.turned_tick)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_compiled_state_moves_equal_the_numpy_reference(seed) -> None:
    """Repeated users, users already in the target state, and nobody."""
    rng = np.random.default_rng(seed)
    compiled, reference = (CrisisModel(make_spec(users=400), 3).population for _ in range(2))
    for count in [0, 1, 30, 400, 900]:
        users = rng.integers(0, 400, count)
        state = State(int(rng.integers(0, len(State))))
        jit.move_to_state(users, compiled.state, compiled.state_counts, int(state))
        reference._set_state_reference(users, state)
        assert_same_bits(compiled.state, reference.state)
        assert_same_bits(compiled.state_counts, reference.state_counts)
    assert compiled.state_counts.tolist() == np.bincount(compiled.state, minlength=5).tolist()


@pytest.mark.parametrize("size", [0, 1, 2, 50, 5000])
def test_the_compiled_distinct_readers_equal_numpys_unique(size) -> None:
    rng = np.random.default_rng(size)
    readers = rng.integers(0, max(size // 3, 1), size)
    for got, want in zip(
        jit.unique_inverse_counts(readers),
        np.unique(readers, return_inverse=True, return_counts=True),
        strict=True,
    ):
        assert_same_bits(got, want)


# --------------------------------------------------------------------------- a whole run

RUN_AND_PRINT = """
import hashlib, json
import sim.engine.kernels as kernels
from sim.action import Action
from sim.engine.model import CrisisModel
from tests.sim_tests.conftest import make_spec
model = CrisisModel(make_spec(users=1500, days=1.0), 11)
model.schedule(Action(at_h=2.0, strategy="apology", transparency=0.8))
model.run_to_horizon()
attitudes = hashlib.sha256(model.population.attitude().tobytes()).hexdigest()
print(json.dumps({"path": kernels.backend(), "series": model.series(), "attitudes": attitudes}))
"""


def run_python(code: str, kernels_setting: str = "numba", **environ: str) -> str:
    """What `code` prints, run by a fresh interpreter on the given kernels and environment."""
    environment = {**os.environ, kernels.ENVIRONMENT: kernels_setting, **environ}
    if "NUMBA_NUM_THREADS" not in environ:
        environment.pop("NUMBA_NUM_THREADS", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=environment,
    ).stdout


def run_in_a_child(kernels_setting: str, before: str = "", **environ: str) -> dict[str, object]:
    printed = run_python(before + RUN_AND_PRINT, kernels_setting, **environ)
    return json.loads(printed.splitlines()[-1])


def test_a_seeded_run_is_identical_on_the_compiled_and_the_numpy_path() -> None:
    compiled, reference = run_in_a_child("numba"), run_in_a_child("numpy")
    assert (compiled["path"], reference["path"]) == ("numba", "numpy")
    assert compiled["series"] == reference["series"]
    assert compiled["attitudes"] == reference["attitudes"]


def test_a_seeded_run_is_identical_on_one_thread_and_on_threads() -> None:
    """Every pass that has a threaded twin taken on it (however small), against one thread."""
    one = run_in_a_child("numba", NUMBA_NUM_THREADS="1")
    on_threads = "import sim.engine.kernels as k; k.THREADED_FROM = 0\n"
    threaded = run_in_a_child("numba", on_threads, NUMBA_NUM_THREADS="2")
    assert one["series"] == threaded["series"]
    assert one["attitudes"] == threaded["attitudes"]


def test_a_sweep_worker_keeps_its_kernels_to_one_thread() -> None:
    run_python(
        "from sim.lab.worker import settle_worker; settle_worker(); "
        "import sim.engine.kernels as k; assert not k.on_threads(10**9); "
        "from sim.engine.kernels import jit; assert jit.thread_count() == 1"
    )


def test_numbas_threading_layer_starts_before_any_kernel_is_loaded_from_the_cache() -> None:
    """A cached kernel that reaches a threaded one, loaded before the layer started, crashed a
    fresh process at its first call (sim.engine.kernels.jit, numba issue #8578)."""
    run_python(
        "import numba.np.ufunc.parallel as layer; assert not layer._is_initialized; "
        "from sim.engine.kernels import jit; assert layer._is_initialized"
    )


def test_the_engine_imports_numba_only_at_the_first_kernel_call() -> None:
    code = (
        "import sys, sim.engine.draws, sim.engine.model; assert 'numba' not in sys.modules; "
        "from sim.engine.draws import Draws, Purpose; Draws(1).uniform(Purpose.SHARE, 3, 4); "
        "assert 'numba' in sys.modules"
    )
    run_python(code)
