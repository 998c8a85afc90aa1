"""The contagion kernel against ndlib, EoN, cynetdiff and a per-agent Mesa model (issue's targets).

Every library runs the same processes on the same graph from the same seed users: an
independent cascade (IC) and a discrete-time SIR with per-step recovery, 50 steps, on the
project's follower graph (mean out-degree 10, follower tail exponent 2.3, reciprocity 0.2,
triadic closure 0.15). Each (library, size) runs in its own subprocess so that its peak memory
is its own; converting the graph to the library's structure is timed apart from the runs. Not a
test: run it by hand and copy the tables into bench/RESULTS.md.

    .venv/bin/python bench/peers.py --sizes 10000,100000,1000000 --out bench/peers.md

What is compared with what:
- IC with p = 0.08: stormdrill `independent_cascade`, cynetdiff `IndependentCascadeModel`, ndlib
  `IndependentCascadesModel` (every edge's threshold set to p), EoN `basic_discrete_SIR` (an
  infected node transmits for exactly one step, which is IC, i.e. SIR with gamma = 1) and the
  Mesa model with gamma = 1.
- SIR with beta = 0.06, gamma = 0.5 per step: stormdrill `sir`, ndlib `SIRModel`, the Mesa model,
  and EoN `fast_SIR` in continuous time: its rates give the same mean infectious period (2
  steps) and the same per-edge transmissibility, T = 1 - gamma (1 - beta) / (1 - (1 - gamma)
  (1 - beta)) = 0.113, with time in steps and tmax = 50. Its infectious periods are exponential,
  not geometric, so only the final size is comparable, and only roughly.
The ten seed users of run k are drawn in proportion to follower counts (a crisis starts from
accounts people follow), the same for every library; each library draws its own random numbers
from seed k, so runs match in distribution, not draw for draw.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

MEAN_OUT_DEGREE = 10.0
TAIL_EXPONENT = 2.3
RECIPROCITY = 0.2
TRIADIC_CLOSURE = 0.15
GRAPH_SEED = 2024
SEED_USERS = 10
IC_P = 0.08
SIR_BETA, SIR_GAMMA = 0.06, 0.5
# EoN's fast_SIR: recovery rate for a mean infectious period of 1 / SIR_GAMMA steps, and the
# transmission rate tau that gives the discrete process's per-edge transmissibility.
SIR_T = 1.0 - SIR_GAMMA * (1.0 - SIR_BETA) / (1.0 - (1.0 - SIR_GAMMA) * (1.0 - SIR_BETA))
FAST_GAMMA = SIR_GAMMA
FAST_TAU = SIR_T * FAST_GAMMA / (1.0 - SIR_T)

BUDGET_S = 300.0  # a configuration estimated to run longer is cut to fewer seeds, or skipped
MIN_SEEDS = 3  # fewer runs than this give no median worth printing

IC, SIR, FAST_SIR = "IC", "SIR", "SIR, continuous"

# The targets for the IC at 10^5 and 10^6 users: stormdrill at least this many times
# faster than each peer; and its peak memory at most 1.5 times cynetdiff's.
SPEEDUP_TARGETS = {
    ("ndlib", IC): {100_000: 100.0, 1_000_000: 100.0},
    ("EoN", IC): {100_000: 20.0, 1_000_000: 20.0},
    ("Mesa", IC): {100_000: 200.0, 1_000_000: 200.0},
    ("cynetdiff", IC): {100_000: 1.0, 1_000_000: 3.0},
}
MEMORY_TARGET = 1.5


@dataclass(frozen=True)
class Library:
    """One peer: its import name, its distribution name and the processes it runs."""

    name: str
    module: str
    distribution: str
    processes: tuple[str, ...]


LIBRARIES = (
    Library("stormdrill", "sim.engine.crowd.contagion", "stormdrill", (IC, SIR)),
    Library("cynetdiff", "cynetdiff", "cynetdiff", (IC,)),
    Library("EoN", "EoN", "EoN", (IC, FAST_SIR)),
    Library("ndlib", "ndlib", "ndlib", (IC, SIR)),
    Library("Mesa", "mesa", "mesa", (IC, SIR)),
)
PROCESS_NOTES = {
    ("EoN", IC): "basic_discrete_SIR",
    ("EoN", FAST_SIR): "fast_SIR",
    ("Mesa", IC): "one agent per user",
    ("Mesa", SIR): "one agent per user",
}


@dataclass
class Row:
    """One (library, process, size): what was run and what it measured."""

    library: str
    process: str
    users: int
    runs: int = 0
    times_s: list[float] = field(default_factory=list)
    fractions: list[float] = field(default_factory=list)
    edges: list[int | None] = field(default_factory=list)
    convert_s: float | None = None
    peak_rss_mb: float | None = None
    run_rss_mb: float | None = None
    note: str = ""

    @property
    def median_s(self) -> float:
        return statistics.median(self.times_s)

    @property
    def mean_fraction(self) -> float:
        return statistics.fmean(self.fractions)

    @property
    def sd_fraction(self) -> float:
        return statistics.stdev(self.fractions) if len(self.fractions) > 1 else 0.0


# --------------------------------------------------------------------------- the children


def rss_mb(field_name: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field_name} missing from /proc/self/status")


def reset_peak_rss() -> None:
    """Start a new VmHWM window (Linux >= 4.0), so a phase's peak excludes earlier phases."""
    Path("/proc/self/clear_refs").write_text("5")


def digraph(indptr: np.ndarray, indices: np.ndarray, users: int) -> Any:
    """The CSR graph as a networkx DiGraph with nodes 0..users-1, edges in CSR order."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(range(users))
    sources = np.repeat(np.arange(users), np.diff(indptr))
    graph.add_edges_from(zip(sources.tolist(), indices.tolist(), strict=True))
    return graph


# Each library's runner takes the graph arrays and returns (prepare, run): prepare() converts the
# graph to the library's structure (timed as conversion); run(prepared, process, seed, seed users)
# returns (seconds, ever infected, edge work or None), timing only the process itself.
Run = Callable[[Any, str, int, list[int]], tuple[float, int, int | None]]
Runners = tuple[Callable[[], Any], Run]


def stormdrill_runner(indptr: np.ndarray, indices: np.ndarray, users: int, steps: int) -> Runners:
    from scipy.sparse import csr_matrix

    from sim.engine.crowd.contagion import independent_cascade, sir

    def prepare():
        data = np.ones(indices.size, dtype=np.int8)
        return csr_matrix((data, indices, indptr), shape=(users, users))

    def run(followers, process, seed, seed_users):
        rng = np.random.default_rng(seed)
        seeds = np.array(seed_users, dtype=np.int32)
        start = time.perf_counter()
        if process == IC:
            result = independent_cascade(followers, seeds, IC_P, steps, rng)
        else:
            result = sir(followers, seeds, SIR_BETA, SIR_GAMMA, steps, rng)
        return time.perf_counter() - start, result.ever_infected, result.edges_processed

    return prepare, run


def cynetdiff_runner(indptr: np.ndarray, indices: np.ndarray, users: int, steps: int) -> Runners:
    from cynetdiff.models import IndependentCascadeModel

    degree = np.diff(indptr)

    def prepare():
        # cynetdiff's own CSR: node starts and targets as unsigned 32-bit typed memoryviews.
        return indptr[:-1].astype(np.uint32), indices.astype(np.uint32)

    def run(arrays, process, seed, seed_users):
        starts, targets = arrays
        model = IndependentCascadeModel(
            starts, targets, activation_prob=IC_P, rng=np.random.default_rng(seed)
        )
        model.set_seeds(seed_users)
        start = time.perf_counter()
        for _ in range(steps):
            model.advance_model()
        elapsed = time.perf_counter() - start
        active = np.fromiter(model.get_activated_nodes(), dtype=np.int64)
        unspent = np.fromiter(model.get_newly_activated_nodes(), dtype=np.int64)
        edges = int(degree[active].sum() - degree[unspent].sum())
        return elapsed, active.size, edges

    return prepare, run


def eon_runner(indptr: np.ndarray, indices: np.ndarray, users: int, steps: int) -> Runners:
    import EoN

    def prepare():
        return digraph(indptr, indices, users)

    def run(graph, process, seed, seed_users):
        rng = np.random.default_rng(seed)
        start = time.perf_counter()
        if process == IC:
            _, susceptible, _, _ = EoN.basic_discrete_SIR(
                graph, IC_P, initial_infecteds=seed_users, tmax=steps, rng=rng
            )
        else:
            _, susceptible, _, _ = EoN.fast_SIR(
                graph, FAST_TAU, FAST_GAMMA, initial_infecteds=seed_users, tmax=steps, rng=rng
            )
        # Neither call reports which users it touched without its slower full-data mode.
        return time.perf_counter() - start, users - int(susceptible[-1]), None

    return prepare, run


def ndlib_runner(indptr: np.ndarray, indices: np.ndarray, users: int, steps: int) -> Runners:
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    degree = np.diff(indptr)

    def prepare():
        graph = digraph(indptr, indices, users)
        cascade = ep.IndependentCascadesModel(graph)
        config = mc.Configuration()
        config.add_model_initial_configuration("Infected", [0])
        for edge in graph.edges():
            config.add_edge_configuration("threshold", edge, IC_P)
        cascade.set_initial_status(config)
        epidemic = ep.SIRModel(graph)
        config = mc.Configuration()
        config.add_model_parameter("beta", SIR_BETA)
        config.add_model_parameter("gamma", SIR_GAMMA)
        config.add_model_initial_configuration("Infected", [0])
        epidemic.set_initial_status(config)
        return {IC: cascade, SIR: epidemic}

    def run(models, process, seed, seed_users):
        model = models[process]
        np.random.seed(seed)  # ndlib draws from numpy's global generator
        model.reset(seed_users)
        start = time.perf_counter()
        iterations = model.iteration_bunch(steps + 1)  # iteration 0 reports the seeds
        elapsed = time.perf_counter() - start
        status = np.fromiter(model.status.values(), dtype=np.int8, count=users)
        return elapsed, int(np.count_nonzero(status)), ndlib_edge_work(process, iterations, status)

    def ndlib_edge_work(process, iterations, status):
        if process == IC:  # status 2: had its one turn
            return int(degree[status == 2].sum())
        # SIR: the infected users' out-degree, summed over the steps they spent infected.
        current = sum(int(degree[u]) for u, s in iterations[0]["status"].items() if s == 1)
        work = 0
        for iteration in iterations[1:]:
            work += current
            for user, state in iteration["status"].items():
                current += int(degree[user]) if state == 1 else -int(degree[user])
        return work

    return prepare, run


def mesa_runner(indptr: np.ndarray, indices: np.ndarray, users: int, steps: int) -> Runners:
    import mesa
    from mesa.discrete_space import FixedAgent, Network

    from sim.engine.mesa_compat import model_init_kwargs

    susceptible, infected, recovered = 0, 1, 2

    class User(FixedAgent):
        """A user who, while infected, tries each follower once per step, then may recover."""

        def __init__(self, model, cell):
            super().__init__(model)
            self.cell = cell
            self.state = self.next_state = susceptible

        def step(self):
            if self.state != infected:
                return
            model = self.model
            model.edges += len(self.cell.connections)
            for follower in self.cell.neighborhood.agents:
                if follower.next_state == susceptible and self.random.random() < model.beta:
                    follower.next_state = infected
                    model.infected += 1
            if self.random.random() < model.gamma:
                self.next_state = recovered
                model.infected -= 1

        def advance(self):
            self.state = self.next_state

    class Outbreak(mesa.Model):
        """Like Mesa's virus_on_network: one agent per node of a Network space, shuffled steps.

        Transmissions are decided in `step` and take effect in `advance`, so a user infected
        during a step acts from the next one, as in the discrete processes compared.
        """

        def __init__(self, graph, seed):
            super().__init__(**model_init_kwargs(seed))
            self.grid = Network(graph, capacity=1, random=self.random)
            User.create_agents(self, graph.number_of_nodes(), list(self.grid.all_cells))
            self.by_node = [self.grid[node].agents[0] for node in range(graph.number_of_nodes())]
            self.beta = self.gamma = 0.0
            self.edges = self.infected = 0

        def restart(self, seed, seed_users, beta, gamma):
            self.reset_randomizer(seed)
            self.steps, self.running = 0, True
            self.beta, self.gamma = beta, gamma
            self.edges = 0
            for agent in self.by_node:
                agent.state = agent.next_state = susceptible
            for user in seed_users:
                self.by_node[user].state = self.by_node[user].next_state = infected
            self.infected = len(set(seed_users))

        def step(self):
            self.agents.shuffle_do("step")
            self.agents.do("advance")
            self.running = self.infected > 0

    def prepare():
        return Outbreak(digraph(indptr, indices, users), seed=0)

    def run(model, process, seed, seed_users):
        gamma = 1.0 if process == IC else SIR_GAMMA
        model.restart(seed, seed_users, IC_P if process == IC else SIR_BETA, gamma)
        start = time.perf_counter()
        while model.running and model.steps < steps:
            model.step()
        elapsed = time.perf_counter() - start
        ever = sum(1 for agent in model.by_node if agent.state != susceptible)
        return elapsed, ever, model.edges

    return prepare, run


RUNNERS = {
    "stormdrill": stormdrill_runner,
    "cynetdiff": cynetdiff_runner,
    "EoN": eon_runner,
    "ndlib": ndlib_runner,
    "Mesa": mesa_runner,
}


def child(job_path: Path) -> None:
    """Run one library at one size in this process and write what it measured as JSON."""
    job = json.loads(job_path.read_text())
    out = Path(job["out"])
    arrays = np.load(job["graph"])
    indptr, indices = arrays["indptr"], arrays["indices"]
    users = int(indptr.size - 1)
    try:
        prepare, run = RUNNERS[job["library"]](indptr, indices, users, job["steps"])
    except ImportError as error:
        out.write_text(json.dumps({"error": f"not installed: {error}"}))
        return
    start = time.perf_counter()
    prepared = prepare()
    convert_s = time.perf_counter() - start
    # VmHWM, not ru_maxrss: Linux carries the parent's peak at fork into the child's ru_maxrss.
    peak = rss_mb("VmHWM")
    results = {}
    for process, seed_count in job["runs"].items():
        if seed_count == 0:
            continue
        base = rss_mb("VmRSS")
        reset_peak_rss()
        times, ever, edges = [], [], []
        for seed in range(seed_count):
            elapsed, infected, edge_work = run(prepared, process, seed, job["seeds"][seed])
            times.append(elapsed)
            ever.append(infected)
            edges.append(edge_work)
        results[process] = {
            "times_s": times,
            "fractions": [count / users for count in ever],
            "edges": edges,
            "run_rss_mb": rss_mb("VmHWM") - base,
        }
        peak = max(peak, rss_mb("VmHWM"))
    out.write_text(json.dumps({"convert_s": convert_s, "peak_rss_mb": peak, "results": results}))


# --------------------------------------------------------------------------- the parent


def seed_users(followers_indptr: np.ndarray, seeds: int) -> list[list[int]]:
    """Ten users per run, drawn without replacement in proportion to their follower counts."""
    followers = np.diff(followers_indptr).astype(np.float64)
    weights = followers / followers.sum()
    users = followers.size
    return [
        np.random.default_rng(10_000 + k)
        .choice(users, SEED_USERS, replace=False, p=weights)
        .astype(int)
        .tolist()
        for k in range(seeds)
    ]


def estimate_s(history: list[tuple[int, float]], users: int) -> float | None:
    """Time per run at `users`, from the smaller sizes' medians and their growth.

    With two smaller sizes the measured growth exponent is used (at least linear: small sizes
    are dominated by fixed costs and would under-estimate); with one, linear growth.
    """
    if not history:
        return None
    size, seconds = history[-1]
    exponent = 1.0
    if len(history) >= 2:
        (size_a, seconds_a), (size_b, seconds_b) = history[-2], history[-1]
        if seconds_a > 0 and seconds_b > 0:
            exponent = max(1.0, math.log(seconds_b / seconds_a) / math.log(size_b / size_a))
    return seconds * (users / size) ** exponent


def plan_seeds(estimate: float | None, seeds: int, budget: float) -> tuple[int, str]:
    """How many seeds fit the budget, and why fewer than asked (or none) if so."""
    if estimate is None or estimate * seeds <= budget:
        return seeds, ""
    limit = f"{budget / 60:g}-min" if budget >= 60 else f"{budget:g}-s"
    fitting = int(budget // estimate)
    if fitting >= MIN_SEEDS:
        return fitting, (
            f"ran {fitting} of {seeds} seeds: {seeds} would take ~{estimate * seeds / 60:.0f} min "
            f"at ~{estimate:.1f} s per run (estimated from the smaller size), over the {limit} "
            "budget"
        )
    return 0, (
        f"skipped: ~{estimate:.1f} s per run estimated from the smaller size, so even "
        f"{MIN_SEEDS} seeds would exceed the {limit} budget"
    )


def run_child(library: str, job: dict[str, Any], workdir: Path, timeout: float) -> dict[str, Any]:
    job_path = workdir / f"{library}-{job['users']}.job.json"
    out = workdir / f"{library}-{job['users']}.out.json"
    job["out"] = str(out)
    job_path.write_text(json.dumps(job))
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(job_path)]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if finished.returncode != 0 or not out.exists():
        tail = (finished.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed (exit {finished.returncode}): {tail}"}
    return json.loads(out.read_text())


def version_of(library: Library) -> str:
    try:
        return metadata.version(library.distribution)
    except metadata.PackageNotFoundError as error:
        return f"not installed: no distribution {error}"


def agreement(row: Row, reference: Row | None) -> str:
    """AGREE when the mean outbreak fractions differ by less than a 99.7% Welch t interval.

    That is the seeds' spread turned into a tolerance: about 3 standard errors of the difference
    with many runs, wider with few (4.3 for 4 runs each), and at least 2 users either way.
    """
    if reference is None or not row.fractions or row is reference:
        return ""
    from scipy import stats

    a = row.sd_fraction**2 / len(row.fractions)
    b = reference.sd_fraction**2 / len(reference.fractions)
    tolerance = 2.0 / row.users
    if a + b > 0 and len(row.fractions) > 1 and len(reference.fractions) > 1:
        freedom = (a + b) ** 2 / (
            a**2 / (len(row.fractions) - 1) + b**2 / (len(reference.fractions) - 1)
        )
        tolerance = max(tolerance, stats.t.ppf(0.9985, freedom) * math.sqrt(a + b))
    gap = abs(row.mean_fraction - reference.mean_fraction)
    return f"{'AGREE' if gap <= tolerance else 'DIFFER'} (diff {gap:.4f}, tol {tolerance:.4f})"


def reference_of(rows: list[Row], row: Row) -> Row | None:
    process = SIR if row.process == FAST_SIR else row.process
    for candidate in rows:
        if candidate.library == "stormdrill" and candidate.process == process and candidate.runs:
            return candidate
    return None


def format_seconds(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} us"


def table(rows: list[Row], steps: int) -> list[str]:
    lines = [
        "| library | process | runs | time/run (median) | per step | edges/s | convert | "
        "peak RSS | run RSS | outbreak fraction | x stormdrill | outbreak vs stormdrill |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        process = row.process + (
            f" ({PROCESS_NOTES[row.library, row.process]})"
            if (row.library, row.process) in PROCESS_NOTES
            else ""
        )
        if not row.runs:
            lines.append(f"| {row.library} | {process} | 0 | {row.note} |||||||||")
            continue
        reference = reference_of(rows, row)
        median = row.median_s
        known = [edge for edge in row.edges if edge is not None]
        if known:
            edges_per_s = f"{statistics.median(known) / median / 1e6:.1f} M"
        elif reference is not None and row.process == IC:
            work = statistics.median(e for e in reference.edges if e is not None)
            edges_per_s = f"{work / median / 1e6:.1f} M*"
        else:
            edges_per_s = "n/a"
        ratio = f"{median / reference.median_s:.1f}" if reference is not None else ""
        lines.append(
            f"| {row.library} | {process} | {row.runs} | {format_seconds(median)} | "
            f"{format_seconds(median / steps)} | {edges_per_s} | "
            f"{format_seconds(row.convert_s or 0.0)} | {row.peak_rss_mb:.0f} MB | "
            f"{row.run_rss_mb:.0f} MB | {row.mean_fraction:.4f} +- {row.sd_fraction:.4f} | "
            f"{ratio} | {agreement(row, reference)} |"
        )
    notes = [f"- {row.library} {row.process}: {row.note}" for row in rows if row.runs and row.note]
    return [*lines, "", *notes] if notes else lines


def target_lines(rows: list[Row], users: int) -> list[str]:
    """The issue's targets at this size: met, not met, or not measured."""
    by_key = {(row.library, row.process): row for row in rows}
    kernel = by_key.get(("stormdrill", IC))
    lines = []
    for (library, process), thresholds in SPEEDUP_TARGETS.items():
        if users not in thresholds:
            continue
        want = thresholds[users]
        peer = by_key.get((library, process))
        if kernel is None or not kernel.runs or peer is None or not peer.runs:
            lines.append(
                f"- {library} ({process}) at least {want:g}x stormdrill's time: not measured"
            )
            continue
        ratio = peer.median_s / kernel.median_s
        verdict = "MET" if ratio >= want else "NOT MET"
        lines.append(
            f"- {library} ({process}) at least {want:g}x stormdrill's time: {ratio:.1f}x, {verdict}"
        )
    cyn = by_key.get(("cynetdiff", IC))
    if users in (100_000, 1_000_000) and kernel and kernel.runs and cyn and cyn.runs:
        ratio = kernel.peak_rss_mb / cyn.peak_rss_mb
        verdict = "MET" if ratio <= MEMORY_TARGET else "NOT MET"
        lines.append(
            f"- peak RSS at most {MEMORY_TARGET:g}x cynetdiff's: {kernel.peak_rss_mb:.0f} MB vs "
            f"{cyn.peak_rss_mb:.0f} MB = {ratio:.2f}x, {verdict} (run RSS "
            f"{kernel.run_rss_mb:.0f} MB vs {cyn.run_rss_mb:.0f} MB)"
        )
    return lines


def machine_lines() -> list[str]:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    versions = ", ".join(f"{lib.name} {version_of(lib)}" for lib in LIBRARIES)
    return [
        f"Machine: {platform.processor() or platform.machine()}, nproc {os.cpu_count()}, "
        f"{memory_gb:.1f} GB, Python {platform.python_version()}, numpy {np.__version__}, "
        f"networkx {metadata.version('networkx')}",
        f"Versions: {versions}",
    ]


def parameter_line(seeds: int, steps: int) -> str:
    return (
        f"Graph: generate_follower_graph(mean_out_degree={MEAN_OUT_DEGREE:g}, "
        f"tail_exponent={TAIL_EXPONENT:g}, reciprocity={RECIPROCITY:g}, "
        f"triadic_closure={TRIADIC_CLOSURE:g}, seed {GRAPH_SEED}); {seeds} runs of {steps} steps "
        f"from {SEED_USERS} seed users each; IC p={IC_P:g}; SIR beta={SIR_BETA:g}, "
        f"gamma={SIR_GAMMA:g} per step (fast_SIR: tau={FAST_TAU:.4f}, gamma={FAST_GAMMA:g}, "
        f"transmissibility {SIR_T:.3f})"
    )


def bench(args: argparse.Namespace) -> dict[str, Any]:
    from sim.engine.world.graph import generate_follower_graph

    libraries = [lib for lib in LIBRARIES if not args.only or lib.name in args.only]
    history: dict[tuple[str, str], list[tuple[int, float]]] = {}
    report: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine_lines(),
        "parameters": parameter_line(args.seeds, args.steps),
        "sizes": [],
    }
    for line in [*report["machine"], report["parameters"]]:
        print(line)
    with tempfile.TemporaryDirectory(prefix="peers-") as tmp:
        workdir = Path(tmp)
        for users in args.sizes:
            load = os.getloadavg()
            start = time.perf_counter()
            followers = generate_follower_graph(
                users,
                MEAN_OUT_DEGREE,
                TAIL_EXPONENT,
                RECIPROCITY,
                TRIADIC_CLOSURE,
                np.random.default_rng(GRAPH_SEED),
            )
            generate_s = time.perf_counter() - start
            graph_path = workdir / f"graph-{users}.npz"
            np.savez(graph_path, indptr=followers.indptr, indices=followers.indices)
            degree = np.diff(followers.indptr)
            header = (
                f"## {users:,} users: {followers.nnz:,} edges, mean out-degree "
                f"{followers.nnz / users:.2f}, largest {degree.max():,}; generated in "
                f"{generate_s:.2f} s; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
            )
            print("\n" + header, flush=True)
            seeds = seed_users(followers.indptr, args.seeds)
            del followers
            rows: list[Row] = []
            for library in libraries:
                runs, estimates = {}, []
                for process in library.processes:
                    estimate = estimate_s(history.get((library.name, process), []), users)
                    count, why = plan_seeds(estimate, args.seeds, args.budget)
                    runs[process] = count
                    rows.append(Row(library.name, process, users, note=why))
                    if estimate is not None:
                        estimates.append(estimate * count)
                library_rows = rows[-len(library.processes) :]
                if not any(runs.values()):
                    for row in library_rows:
                        print(f"{library.name} {row.process}: {row.note}", flush=True)
                    continue
                timeout = 2.0 * sum(estimates) + 1800.0
                job = {
                    "library": library.name,
                    "users": users,
                    "graph": str(graph_path),
                    "steps": args.steps,
                    "seeds": seeds,
                    "runs": runs,
                }
                outcome = run_child(library.name, job, workdir, timeout)
                if "error" in outcome:
                    print(f"{library.name}: {outcome['error']}", flush=True)
                    for row in library_rows:
                        row.note = f"{library.name}: {outcome['error']}"
                    continue
                for row in library_rows:
                    measured = outcome["results"].get(row.process)
                    if measured is None:
                        continue
                    row.runs = len(measured["times_s"])
                    row.times_s = measured["times_s"]
                    row.fractions = measured["fractions"]
                    row.edges = measured["edges"]
                    row.run_rss_mb = measured["run_rss_mb"]
                    row.convert_s = outcome["convert_s"]
                    row.peak_rss_mb = outcome["peak_rss_mb"]
                    history.setdefault((row.library, row.process), []).append((users, row.median_s))
                    print(
                        f"{row.library} {row.process}: {row.runs} runs, median "
                        f"{format_seconds(row.median_s)}, outbreak {row.mean_fraction:.4f}",
                        flush=True,
                    )
            after = os.getloadavg()
            lines = [
                *table(rows, args.steps),
                "",
                *target_lines(rows, users),
                f"- load average after this size: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}",
            ]
            print("\n".join(["", *lines]), flush=True)
            report["sizes"].append(
                {
                    "users": users,
                    "header": header,
                    "load_after": after,
                    "rows": [asdict(row) for row in rows],
                    "lines": lines,
                }
            )
    return report


def write_out(report: dict[str, Any], path: Path) -> None:
    if path.suffix == ".json":
        path.write_text(json.dumps(report, indent=2) + "\n")
        return
    lines = ["```", report["command"], "```", "", *report["machine"], "", report["parameters"]]
    for size in report["sizes"]:
        lines.extend(["", "#" + size["header"], "", *size["lines"]])
    lines.extend(
        [
            "",
            "Time/run is the median over the seeds; per step divides it by the steps asked "
            "for. edges/s is the library's own edge work (out-edges of infectious users, per "
            "step they were infectious) over its median time; * marks EoN's discrete runs, "
            "which do not report it: they get stormdrill's count for the same process. Peak "
            "RSS is the whole subprocess (interpreter, library, graph, conversion); run RSS is "
            "how far the runs raised it above the converted graph.",
        ]
    )
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--only", default="", help="comma-separated libraries, e.g. stormdrill,EoN")
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds per configuration")
    parser.add_argument("--out", type=Path, help="write the results as .json or .md")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    args.sizes = [int(size) for size in args.sizes.split(",")]
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = args.only - set(RUNNERS)
    if unknown:
        parser.error(f"unknown libraries {sorted(unknown)}; choose from {', '.join(RUNNERS)}")
    report = bench(args)
    if args.out:
        write_out(report, args.out)
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
