"""One social-averaging round at 10^6 users against its floor on this machine (issue 16). Not a
test: run it by hand and copy the figures into bench/RESULTS.md. Needs numba (`pip install -e
'.[bench]'`): the engine's compiled round and the loops that measure the machine are numba's.

On the default scenario's population (`data-breach`, seed 1) with a crisis under way (a third of
the users shifted by up to -0.6), it times, in the same process and on the same arrays: the round
as it was (`reference_shift`: a uint8 mask, np.repeat, two scipy products; kept here verbatim, and
tests/sim_tests/test_averaging.py compares against it), and the model's own round
(`bounded_confidence_shift`, the attitudes' float32 copies included) on its two paths: numpy, in
buffers kept with the listening graph, and compiled (`sim.engine.kernels.jit.averaging_round`: one
pass over the edges, the same arithmetic in the same order); it checks that all three give the same
bits; then the compiled kernels alone on inputs made beforehand, the engine's (each user's attitude
and moved value side by side, one random read an edge, prefetched 128 edges ahead) against session
13's (two arrays, two random reads, no prefetch), serial and threaded. Then it measures this
machine's random-gather rate (loads through a stream of random int32 indices into a table of one
float32 a user, of two side by side, and through the listening graph's own indices) and stream rate
(numpy's SIMD sum of a 256 MB float32 array), and computes the floor of a fused pass: every
listening edge read once (its 4-byte index), one 8-byte gather of the followee's attitude and moved
value per edge, and per user the row pointer, its own pair and its change streamed. The floor is
the larger of the gather time and the stream time (a pass can overlap them, never beat either);
their sum is printed too. Rates, floor and the rounds' ratio to it are in CPU time (the wall time
is printed too): on a shared machine the wall clock also counts the other jobs' turns. The floor is
one core's; the threaded round (`averaging_round_threaded`, on numba's threads) is judged by its
wall time against it. `--crossover` times the serial and threaded kernels alone at small sizes:
where the threads start to pay (sim.engine.kernels.THREADED_FROM). Last, one more reference: the
listening edges' gathers added row by row in order, one chain of dependent adds a row, which the
round's bits require (a float32 sum in the graph's index order): where the uniform gathers are fast
(the table of 10^6 float32 values fits in cache), that chain, not the memory, is what a one-pass
round cannot go under.

    nice -n 5 .venv/bin/python bench/averaging.py                 # 10^6 users
    nice -n 5 .venv/bin/python bench/averaging.py --users 100000 --repeats 9
    .venv/bin/python bench/averaging.py --crossover --repeats 41
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from types import ModuleType

import numba
import numpy as np
from scipy.sparse import csr_matrix

import sim.engine.kernels as kernels
from sim.engine.crowd.attitude import bounded_confidence_shift
from sim.engine.kernels import jit
from sim.engine.model import build_followers
from sim.engine.world.population import build_population
from sim.spec.loader import load_scenario

SCENARIO, SEED = "data-breach", 1
BOUND, STEP = 0.4, 0.1  # the scenario's confidence bound and averaging step


def reference_shift(
    attitude: np.ndarray,
    listening: csr_matrix,
    confidence_bound: float,
    step: float,
    moved: np.ndarray | None = None,
) -> np.ndarray:
    """The round before issue 16, verbatim: the reference of this benchmark and of
    tests/sim_tests/test_averaging.py."""
    indptr = listening.indptr
    heard = attitude.astype(np.float32)
    near = np.abs(heard[listening.indices] - np.repeat(heard, np.diff(indptr))) <= confidence_bound
    within = csr_matrix((near.view(np.uint8), listening.indices, indptr), shape=listening.shape)
    value = heard if moved is None else moved.astype(np.float32)
    n = within @ np.ones(len(value), dtype=np.float32)
    total = (within @ value - n * value).astype(np.float64)
    return step * np.divide(total, n, out=np.zeros_like(attitude), where=n > 0)


def timed(repeats: int, run: Callable[[], object]) -> tuple[float, float]:
    """Median wall time and median CPU time (this process's) of `repeats` calls, after one
    warm-up call."""
    return interleaved(repeats, {"": run})[""][:2]


def interleaved(
    repeats: int, runs: dict[str, Callable[[], object]]
) -> dict[str, tuple[float, float, float, float]]:
    """Each run's median wall, CPU, user and system time over `repeats` rounds, the runs taking
    turns within each round (after one warm-up call each), so that all of them see the same
    machine when other jobs come and go. System time is mostly the page faults of fresh large
    arrays."""
    for run in runs.values():
        run()
    samples: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            before = resource.getrusage(resource.RUSAGE_SELF)
            run()
            after = resource.getrusage(resource.RUSAGE_SELF)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
            samples[name].append((wall, cpu, user, system))
    medians = {}
    for name, rows in samples.items():
        wall, cpu, user, system = (statistics.median(column) for column in zip(*rows, strict=True))
        medians[name] = (wall, cpu, user, system)
    return medians


def gather_sum(table: np.ndarray, index: np.ndarray) -> float:
    """Sum of table[index[k]] in four independent sums, so that the adds never wait on each
    other: what is left is the gathers' own cost (and the index stream they need)."""
    a = b = c = d = np.float32(0.0)
    for k in range(0, len(index) - 3, 4):
        a += table[index[k]]
        b += table[index[k + 1]]
        c += table[index[k + 2]]
        d += table[index[k + 3]]
    return float(a + b + c + d)


def split_round(
    indptr: np.ndarray,
    indices: np.ndarray,
    heard: np.ndarray,
    value: np.ndarray,
    bound: np.float32,
    step: float,
    change: np.ndarray,
) -> None:
    """The compiled round of session 13, verbatim but for the loop (compiled here with and
    without numba's threads): the attitudes heard and the values moved in two arrays, so an
    edge reads two random places where the engine's round now reads one."""
    for i in numba.prange(change.shape[0]):
        own = heard[i]
        total = np.float32(0.0)
        near = 0
        for edge in range(indptr[i], indptr[i + 1]):
            j = indices[edge]
            inside = abs(heard[j] - own) <= bound
            total += value[j] * np.float32(inside)
            near += inside
        if near == 0:
            change[i] = 0.0
        else:
            count = np.float32(near)
            change[i] = step * (np.float64(total - count * value[i]) / np.float64(count))


def pair_gather_sum(table: np.ndarray, index: np.ndarray) -> float:
    """`gather_sum` on a table of two float32 values a user, both read at each index: one
    8-byte random read, the round's per-edge read."""
    a = b = c = d = np.float32(0.0)
    for k in range(0, len(index) - 3, 4):
        a += table[index[k], 0] + table[index[k], 1]
        b += table[index[k + 1], 0] + table[index[k + 1], 1]
        c += table[index[k + 2], 0] + table[index[k + 2], 1]
        d += table[index[k + 3], 0] + table[index[k + 3], 1]
    return float(a + b + c + d)


def rows_in_order(indptr: np.ndarray, indices: np.ndarray, table: np.ndarray) -> float:
    """Each row's sum of table[j] over its edges, left to right, as the round must add them to
    keep its bits: every add waits for the one before it in the row. Nothing else of the round
    (no compare, no second gather, no division): the floor of an in-order formulation."""
    total = 0.0
    for i in range(indptr.shape[0] - 1):
        row = np.float32(0.0)
        for edge in range(indptr[i], indptr[i + 1]):
            row += table[indices[edge]]
        total += row
    return total


def kernels_alone(
    repeats: int, graph: csr_matrix, heard_and_value: np.ndarray
) -> tuple[dict[str, tuple[float, float, float, float]], dict[str, bool]]:
    """The engine's compiled round against session 13's (two arrays, no prefetch:
    `split_round`), serial and threaded, kernel calls alone on inputs made beforehand: what the
    side-by-side layout and the prefetch save. Returns their times (as `interleaved`) and
    whether each gives the serial bits."""
    from numba import njit

    users = graph.shape[0]
    heard = np.ascontiguousarray(heard_and_value[:, 0])
    value = np.ascontiguousarray(heard_and_value[:, 1])
    bound = np.float32(BOUND)
    threads = numba.config.NUMBA_NUM_THREADS
    outputs = {name: np.empty(users) for name in ("split", "split_t", "pairs", "pairs_t")}
    split, split_threaded = njit(split_round), njit(parallel=True)(split_round)
    graph_arrays = (graph.indptr, graph.indices)
    runs = {
        "two arrays (session 13), 1 thread": lambda: split(
            *graph_arrays, heard, value, bound, STEP, outputs["split"]
        ),
        f"two arrays (session 13), {threads} threads": lambda: split_threaded(
            *graph_arrays, heard, value, bound, STEP, outputs["split_t"]
        ),
        "side by side, prefetched (engine), 1 thread": lambda: jit.averaging_round(
            *graph_arrays, heard_and_value, bound, STEP, outputs["pairs"]
        ),
        f"side by side, prefetched (engine), {threads} threads": lambda: (
            jit.averaging_round_threaded(
                *graph_arrays, heard_and_value, bound, STEP, outputs["pairs_t"]
            )
        ),
    }
    times = interleaved(repeats, runs)
    want = outputs["split"].tobytes()
    same = {name: outputs[key].tobytes() == want for name, key in zip(runs, outputs, strict=True)}
    return times, same


def crossover(repeats: int) -> None:
    """The serial and the threaded compiled round, kernel calls alone, from 3,000 to 10^5
    users: where the threads start to pay (sim.engine.kernels.THREADED_FROM)."""
    print(
        f"{SCENARIO}, seed {SEED}; nproc {os.cpu_count()}, {numba.config.NUMBA_NUM_THREADS} "
        f"threads ({numba.config.THREADING_LAYER}); "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} before"
    )
    print(f"  {'users':>9} {'edges':>11} {'serial':>10} {'threaded':>10}  same bits")
    for users in (3_000, 10_000, 30_000, 100_000):
        spec = load_scenario(SCENARIO, [f"graph.users={users}"])
        rng = np.random.default_rng(SEED)
        population = build_population(spec, build_followers(spec, rng), rng)
        graph = population.listening.graph
        hit = rng.random(users) < 1 / 3
        attitude = np.clip(population.anchor - hit * rng.uniform(0.0, 0.6, users), -1.0, 1.0)
        heard_and_value = np.stack((attitude, attitude - population.anchor), axis=1)
        bound = np.float32(BOUND)
        serial, threaded = np.empty(users), np.empty(users)

        arguments = (graph.indptr, graph.indices, heard_and_value.astype(np.float32), bound, STEP)

        def run(kernel: Callable[..., None], out: np.ndarray, given: tuple = arguments):
            return lambda: kernel(*given, out)

        times = interleaved(
            repeats,
            {
                "serial": run(jit.averaging_round, serial),
                "threaded": run(jit.averaging_round_threaded, threaded),
            },
        )
        print(
            f"  {users:>9,} {graph.nnz:>11,} {times['serial'][0] * 1e3:8.2f}ms "
            f"{times['threaded'][0] * 1e3:8.2f}ms  "
            f"{'yes' if serial.tobytes() == threaded.tobytes() else 'NO'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--crossover",
        action="store_true",
        help="time the serial and threaded rounds at small sizes instead (THREADED_FROM)",
    )
    args = parser.parse_args()
    from numba import njit

    if args.crossover:
        crossover(args.repeats)
        return

    print(
        f"{SCENARIO}, seed {SEED}, {args.users:,} users; {platform.machine()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, numpy {np.__version__}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} before"
    )
    spec = load_scenario(SCENARIO, [f"graph.users={args.users}"])
    rng = np.random.default_rng(SEED)
    population = build_population(spec, build_followers(spec, rng), rng)
    listening = population.listening
    graph = listening.graph
    users, edges = graph.shape[0], graph.nnz
    anchor = population.anchor
    hit = rng.random(users) < 1 / 3
    attitude = np.clip(anchor - hit * rng.uniform(0.0, 0.6, users), -1.0, 1.0)
    moved = attitude - anchor

    def on(path: ModuleType | None, threads: int = 1) -> Callable[[], np.ndarray]:
        def round_on_path() -> np.ndarray:
            kernels._loaded[:] = [path]
            numba.set_num_threads(threads)  # this thread's count, which `on_threads` reads
            try:
                return bounded_confidence_shift(attitude, listening, BOUND, STEP, moved)
            finally:
                numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)

        return round_on_path

    rounds = {
        "before (reference)": lambda: reference_shift(attitude, graph, BOUND, STEP, moved),
        "numpy (kept buffers)": on(None),
        "compiled (one pass)": on(jit),
        f"compiled, {numba.config.NUMBA_NUM_THREADS} threads": on(
            jit, numba.config.NUMBA_NUM_THREADS
        ),
    }
    old = rounds["before (reference)"]()
    same = {name: run().tobytes() == old.tobytes() for name, run in rounds.items()}
    times = interleaved(args.repeats, rounds)

    heard = attitude.astype(np.float32)
    rows = np.repeat(np.arange(users), np.diff(graph.indptr))
    near_share = float(np.mean(np.abs(heard[graph.indices] - heard[rows]) <= BOUND))
    del rows
    # A fused pass reads each listening edge's followee once: its attitude and moved value side
    # by side, one 8-byte random read (the engine's layout, `RoundArrays.heard_and_value`).
    gathers = float(edges)
    streamed = 4.0 * edges + users * (8 + 8 + 8)  # indices; indptr, own pair, change

    heard_and_value = np.stack((heard, moved.astype(np.float32)), axis=1)
    kernel_times, kernel_same = kernels_alone(args.repeats, graph, heard_and_value)

    gather = njit(gather_sum)
    pair_gather = njit(pair_gather_sum)
    random_index = np.random.default_rng(0).integers(0, users, edges, dtype=np.int32)
    table = np.random.default_rng(1).random(users, dtype=np.float32)
    pairs = np.random.default_rng(1).random((users, 2), dtype=np.float32)
    big = np.random.default_rng(2).random(64 * 2**20, dtype=np.float32)  # 256 MB, past the caches
    # Rates from CPU time, as the rounds' ratio to the floor: the wall clock of a shared
    # machine also counts the other jobs' turns.
    gather_s = timed(args.repeats, lambda: gather(table, random_index))[1]
    pair_gather_s = timed(args.repeats, lambda: pair_gather(pairs, random_index))[1]
    graph_gather_s = timed(args.repeats, lambda: gather(table, graph.indices))[1]
    in_order = njit(rows_in_order)
    in_order_s = timed(args.repeats, lambda: in_order(graph.indptr, graph.indices, table))[1]
    stream_s = timed(args.repeats, lambda: np.add.reduce(big))[1]  # SIMD: memory-bound
    gather_rate = edges / gather_s  # gathers per second (with the index stream they need)
    pair_gather_rate = edges / pair_gather_s
    graph_gather_rate = edges / graph_gather_s
    stream_rate = big.nbytes / stream_s  # bytes per second
    floor_gather = gathers / pair_gather_rate
    floor_stream = streamed / stream_rate
    floor = max(floor_gather, floor_stream)

    print(
        f"  listening graph: {users:,} users, {edges:,} edges ({edges / users:.1f} a user); "
        f"{near_share:.1%} of edges within the bound"
    )
    print(
        f"  {'round (median)':<22} {'wall':>8} {'CPU':>8} {'user':>8} {'system':>8} "
        f"{'CPU/floor':>10} {'wall/floor':>10}  same bits"
    )
    for name, (wall, cpu, user, system) in times.items():
        print(
            f"  {name:<22} {wall:7.3f}s {cpu:7.3f}s {user:7.3f}s {system:7.3f}s "
            f"{cpu / floor:9.1f}x {wall / floor:9.1f}x  "
            f"{'yes' if same[name] else 'NO'}"
        )
    print(f"  kernel calls alone, on the same inputs (medians of {args.repeats}):")
    for name, (wall, cpu, _, _) in kernel_times.items():
        print(
            f"    {name:<46} {wall:7.3f}s wall {cpu:7.3f}s CPU {wall / floor:6.1f}x floor  "
            f"{'yes' if kernel_same[name] else 'NO'}"
        )
    print(
        f"  this machine: random gather {gather_rate / 1e6:.0f} M/s uniform (float32), "
        f"{pair_gather_rate / 1e6:.0f} M/s of 8-byte pairs, "
        f"{graph_gather_rate / 1e6:.0f} M/s in the graph's own index order; "
        f"stream {stream_rate / 1e9:.2f} GB/s\n"
        f"  fused-pass floor: {gathers / 1e6:.1f} M pair gathers ({floor_gather:.3f} s at the "
        f"uniform rate), {streamed / 1e6:.0f} MB streamed ({floor_stream:.3f} s): "
        f"floor {floor:.3f} s "
        f"(both, not overlapped: {floor_gather + floor_stream:.3f} s)\n"
        f"  each row's gathers added in order, one chain a row (the round's own sum, nothing "
        f"else): {in_order_s:.3f} s on one core\n"
        f"  load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} after"
    )


if __name__ == "__main__":
    main()
