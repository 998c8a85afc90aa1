"""The full crisis model at 10^4, 10^5 and 10^6 users (issue 6), and at 10^7 (issue 16). Not a
test: run it by hand and copy the figures into bench/RESULTS.md.

Each size runs in a fresh process (so peak memory is that size's own) on the default scenario
(`data-breach`) with the `fast-transparent` protocol, so every layer works: the crowd, media and
journalists, injects, and the brand's responses. Per size it prints the time to generate the
follower graph, to build the model on it, per simulated hour while the crisis is active (the
first day after the trigger, median and worst hour, and the worst hour's time by phase), for the
whole run, the peak memory, and the cost per edge (growth no worse than linear shows as a flat
column). The whole run is the exercise's: the session's days, played turn by turn, then its
unanswered baseline (the same seed with no answer, which `Session.finish()` plays to the horizon
for the damage avoided); each of the two is printed too. The end of turn (at `--turn-users`,
10^5 by default) is timed as the war room plays it: `Session.end_turn()` (with its autosave)
plus building the screen's state; and, after each turn, the facilitator's console
(`facilitator_state`, whose damage avoided so far steps the unanswered run over the turn), as
if the facilitator looked every turn. Each figure with a target of issue 6 or 16 at its size
says whether it meets it.

    .venv/bin/python bench/engine.py                       # 10^4, 10^5, 10^6
    .venv/bin/python bench/engine.py --sizes 1000000 --turn-users 1000000   # issue 16 at 10^6
    .venv/bin/python bench/engine.py --sizes 10000000 --turn-users 0        # issue 16 at 10^7
    .venv/bin/python bench/engine.py --sizes 1000000 --turn-users 0 --side-by-side

The session's and the baseline's times are split by phase (the attitude phase into the silence
read as guilt and the social averaging). `--side-by-side` also plays each size's exercise again
with the baseline in a forked process from the first turn, on the other core, and checks that it
gives the same outcome: the whole run two cores could give, measured beside the engine's.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SCENARIO, PROTOCOL, SEED = "data-breach", "fast-transparent", 1
TARGETS = {  # (users, limit): issue 6's, then issue 16's, on a 2-core machine
    "graph_s": [(10**6, 30.0), (10**7, 60.0)],
    "active_hour_s": [(10**6, 2.0), (10**7, 3.0)],
    "run_s": [(10**6, 180.0), (10**6, 10.0), (10**7, 300.0)],
    "session_s": [(10**6, 10.0)],
    "peak_mb": [(10**6, 3 * 1024.0), (10**7, 16 * 1024.0)],
    "turn_s": [(10**5, 0.3), (10**6, 1.0)],
    "turn_median_s": [(10**6, 0.5)],
}


def spec_for(users: int, days: float):
    """The scenario at this size, played in one-hour turns over the whole horizon."""
    from sim.spec.loader import load_scenario

    return load_scenario(
        SCENARIO,
        [
            f"graph.users={users}",
            f"turns.horizon_days={days:g}",
            "turns.turn_ticks=12",
            f"turns.turns={min(720, round(days * 24))}",
        ],
    )


def time_phases() -> collections.Counter:
    """Wrap the step's phase functions where `CrisisModel.step` looks them up (their modules;
    the collection, a method, on the class), so that each call adds its wall time to the counter
    returned, under the phase's name; the attitude phase's two parts (`PARTS`) are counted
    within it as well."""
    from sim.engine import storyline
    from sim.engine.crowd import decisions, exposure, opinion
    from sim.engine.model import CrisisModel

    spent: collections.Counter = collections.Counter()
    phases = {
        "actions": (storyline, "release_due_actions"),
        "actors": (storyline, "act"),
        "exposure": (exposure, "expose"),
        "decisions": (decisions, "decide"),
        "attitudes": (opinion, "update_attitudes"),
        "memory": (opinion, "remember"),
        "collect": (CrisisModel, "_collect"),
        "silence": (opinion, "read_silence"),
        "averaging": (opinion, "average_socially"),
    }
    for name, (module, function) in phases.items():
        setattr(module, function, _timed(getattr(module, function), name, spent))
    return spent


PARTS = {"attitudes": ("silence", "averaging")}
"""Phases timed within another: shown as its parts, not beside it."""


def _timed(function, name: str, spent: collections.Counter):
    def timed(*arguments, **keywords):
        start = time.perf_counter()
        try:
            return function(*arguments, **keywords)
        finally:
            spent[name] += time.perf_counter() - start

    return timed


def measure_size(users: int, days: float) -> dict:
    """One size, in this process: returns the figures as a dict, by phase the worst active
    hour's time and the whole session's and baseline's included."""
    from sim.engine.model import CrisisModel, build_followers
    from sim.protocol.loader import load_protocol
    from sim.session.session import Session

    spec = spec_for(users, days)
    start = time.perf_counter()
    followers = build_followers(spec, np.random.default_rng(SEED))
    graph_s = time.perf_counter() - start

    start = time.perf_counter()
    model = CrisisModel(spec, SEED, followers=followers)
    build_s = time.perf_counter() - start
    edges = int(followers.nnz)
    model.close()
    del model, followers  # the session below builds its own: keep one graph in memory
    gc.collect()

    session = Session(spec, SEED, protocol=load_protocol(PROTOCOL))
    active = (spec.crisis.start_h, spec.crisis.start_h + 24.0)  # the first day of the crisis
    hour_s: list[float] = []
    spent = time_phases()
    worst: dict = {}
    session_phases: collections.Counter = collections.Counter()
    start = time.perf_counter()
    while session.turn < session.turns_total:
        began_h, tick = session.now_h, time.perf_counter()
        spent.clear()
        session.end_turn()  # one simulated hour; the protocol acts before each tick
        session_phases.update(spent)
        if active[0] <= began_h < active[1]:
            hour_s.append(time.perf_counter() - tick)
            if hour_s[-1] == max(hour_s):
                worst = {"hour": began_h, **rounded(spent)}
    session_s = time.perf_counter() - start
    spent.clear()
    outcome = session.finish()  # the unanswered baseline, played to the horizon
    run_s = time.perf_counter() - start
    return {
        "users": users,
        "edges": edges,
        "days": days,
        "graph_s": graph_s,
        "build_s": build_s,
        "active_hour_median_s": statistics.median(hour_s),
        "active_hour_s": max(hour_s),
        "worst_hour_phases": worst,
        "run_s": run_s,
        "session_s": session_s,
        "session_phases": rounded(session_phases),
        "baseline_phases": rounded(spent),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "aware": session.ground_truth().aware,
        "reputation_index_final": outcome.reputation_index_final,
        "first_response_h": outcome.time_to_first_response_h,
        "damage_avoided": outcome.damage_avoided,
        "unanswered_aware_damage": outcome.unanswered_aware_damage,
    }


def rounded(spent: collections.Counter) -> dict:
    return {name: round(s, 3) for name, s in spent.items()}


def measure_side_by_side(users: int, days: float) -> dict:
    """The same exercise with its unanswered baseline played at the same time in a forked
    process, on the other core, from the session's world (inherited, not built again): what
    two cores can do for the whole run when the two runs are not played one after the other.
    A measurement of the alternative, not the engine's way: POSIX only, here only."""
    from sim.outcome import Outcome
    from sim.protocol.loader import load_protocol
    from sim.session.baseline import remember_unanswered, unanswered_outcome
    from sim.session.session import Session
    from sim.session.worlds import shared_world

    spec = spec_for(users, days)
    session = Session(spec, SEED, protocol=load_protocol(PROTOCOL), shared_world=True)
    start = time.perf_counter()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the baseline, on the world the session already holds
        status = 1  # whatever happens here, the child never returns into the parent's code
        try:
            os.close(reading)
            baseline = unanswered_outcome(spec, SEED, (), world=shared_world(spec, SEED))
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(baseline.model_dump_json().encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    while session.turn < session.turns_total:
        session.end_turn()
    session_s = time.perf_counter() - start
    with os.fdopen(reading, "rb") as pipe:
        text = pipe.read()
    _, status = os.waitpid(child, 0)
    if status != 0 or not text:
        raise RuntimeError(f"the baseline's process failed (wait status {status})")
    remember_unanswered(spec, SEED, (), Outcome.model_validate_json(text))
    outcome = session.finish()  # the baseline is kept: nothing more is played
    return {
        "users": users,
        "run_s": time.perf_counter() - start,
        "session_s": session_s,
        "damage_avoided": outcome.damage_avoided,
        "unanswered_aware_damage": outcome.unanswered_aware_damage,
    }


def measure_turns(users: int) -> dict:
    """The exercise's end of turn at this size, as the war room plays it."""
    from sim.protocol.loader import load_protocol
    from sim.session.session import Session
    from tui.snapshot import facilitator_state, war_room_state

    spec = spec_for(users, 30.0)
    with tempfile.TemporaryDirectory() as folder:
        session = Session(
            spec,
            SEED,
            autosave=Path(folder) / "session.json",
            protocol=load_protocol(PROTOCOL),
        )
        turn_s, look_s = [], []
        while session.turn < session.turns_total:
            start = time.perf_counter()
            session.end_turn()
            war_room_state(session)
            turn_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            facilitator_state(session)
            look_s.append(time.perf_counter() - start)
    return {
        "users": users,
        "turns": len(turn_s),
        "turn_median_s": statistics.median(turn_s),
        "turn_s": max(turn_s),
        "look_median_s": statistics.median(look_s),
        "look_s": max(look_s),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_child(*arguments: str) -> dict:
    """Run one measurement in a fresh interpreter and read its JSON line."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def verdict(key: str, row: dict) -> str:
    """Each target for this figure at this size: whether the row meets it."""
    if key not in row:
        return ""
    return "".join(
        f" ({'meets' if row[key] < limit else 'MISSES'} < {limit:g})"
        for size, limit in TARGETS.get(key, [])
        if row.get("users") == size
    )


def hour_or_none(hours: float | None) -> str:
    return "none" if hours is None else f"{hours:.2f}"


def phases_text(worst: dict) -> str:
    if not worst:
        return "(none)"
    return f"(hour {worst['hour']:g}): " + spent_text(worst)


def spent_text(spent: dict) -> str:
    """Phases by time spent, largest first, each with its parts (`PARTS`) after it."""
    inner = {part for parts in PARTS.values() for part in parts}
    phases = sorted(
        ((s, name) for name, s in spent.items() if name != "hour" and name not in inner),
        reverse=True,
    )
    texts = []
    for s, name in phases:
        parts = [f"{part} {spent[part]:.2f}" for part in PARTS.get(name, ()) if part in spent]
        texts.append(f"{name} {s:.2f} s" + (f" ({', '.join(parts)})" if parts else ""))
    return ", ".join(texts)


def print_size(row: dict) -> None:
    if "error" in row:
        print(f"  failed: {row['error']}")
        return
    per_edge_ns = 1e9 * row["run_s"] / row["edges"] / (row["days"] * 24)
    print(
        f"  {row['users']:>10,} users, {row['edges']:>11,} edges, {row['days']:g} days\n"
        f"    graph generated   {row['graph_s']:8.2f} s{verdict('graph_s', row)}\n"
        f"    model built       {row['build_s']:8.2f} s\n"
        f"    active hour       {row['active_hour_median_s']:8.3f} s median, "
        f"{row['active_hour_s']:.3f} s worst{verdict('active_hour_s', row)}\n"
        f"    worst hour by phase {phases_text(row.get('worst_hour_phases', {}))}\n"
        f"    whole run         {row['run_s']:8.1f} s{verdict('run_s', row)}"
        f"  = {per_edge_ns:.2f} ns per edge per simulated hour\n"
        f"      the session     {row['session_s']:8.1f} s{verdict('session_s', row)}: "
        f"{spent_text(row['session_phases'])}\n"
        f"      its unanswered baseline {row['run_s'] - row['session_s']:.1f} s: "
        f"{spent_text(row['baseline_phases'])}\n"
        f"    peak memory       {row['peak_mb']:8.0f} MB{verdict('peak_mb', row)}\n"
        f"    outcome           aware {row['aware']:,}, final RI "
        f"{row['reputation_index_final']:.2f}, first response at hour "
        f"{hour_or_none(row['first_response_h'])}",
        flush=True,
    )


def print_side_by_side(row: dict, pair: dict) -> None:
    if "error" in pair:
        print(f"    side by side: failed: {pair['error']}")
        return
    keys = ("damage_avoided", "unanswered_aware_damage")
    same = all(pair[key] == row[key] for key in keys)
    print(
        f"    side by side      {pair['run_s']:8.1f} s{verdict('run_s', pair)}  the session "
        f"{pair['session_s']:.1f} s, its baseline at once on the other core; the same "
        f"damage avoided and unanswered damage as one after the other: {'yes' if same else 'NO'}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--days", type=float, default=30.0)
    parser.add_argument("--turn-users", type=int, default=100_000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--turns", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pair", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="also play each size's exercise with its baseline at once, on the other core",
    )
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()

    if args.one is not None:
        print(json.dumps(measure_size(args.one, args.days)))
        return
    if args.turns is not None:
        print(json.dumps(measure_turns(args.turns)))
        return
    if args.pair is not None:
        print(json.dumps(measure_side_by_side(args.pair, args.days)))
        return

    total_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    print(
        f"{SCENARIO} + {PROTOCOL}, seed {SEED}; {os.cpu_count()} cores, {total_gb:.1f} GB, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}"
    )
    rows = []
    for users in (int(size) for size in args.sizes.split(",")):
        row = in_child("--one", str(users), "--days", str(args.days))
        rows.append(row)
        print_size(row)
        if args.side_by_side and "error" not in row:
            pair = in_child("--pair", str(users), "--days", str(args.days))
            row["side_by_side"] = pair
            print_side_by_side(row, pair)
    turns = {}
    if args.turn_users:
        turns = in_child("--turns", str(args.turn_users))
        if "error" in turns:
            print(f"  end of turn: failed: {turns['error']}")
        else:
            print(
                f"  end of turn at {turns['users']:,} users over {turns['turns']} turns: "
                f"{turns['turn_median_s']:.3f} s median{verdict('turn_median_s', turns)}, "
                f"{turns['turn_s']:.3f} s worst{verdict('turn_s', turns)}\n"
                f"  facilitator's console after each turn: {turns['look_median_s']:.3f} s "
                f"median, {turns['look_s']:.3f} s worst; peak memory {turns['peak_mb']:.0f} MB"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if args.out:
        args.out.write_text(json.dumps({"sizes": rows, "turns": turns}, indent=2))


if __name__ == "__main__":
    main()
