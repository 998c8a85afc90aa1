"""A full room on the default scenario (issue 13): 1 facilitator, 12 players, 3 evaluators and
20 observers play `data-breach` through a whole exercise on a hosted server, at 10^4 and 10^5
users. Not a test: run it by hand and copy the figures into bench/RESULTS.md.

Per size, in a fresh process: first the reference, a one-seat session playing the same turns
(`Session.end_turn()` with its autosave plus the war room's state, as `stormdrill play` does);
then the hosted exercise, its server in a process of its own (as `stormdrill host` runs) and
the 36 seats in this one. Each turn a player queues a statement (legal counsel approves the
draft at its seat), the evaluators take a note each, and the facilitator ends the turn. The
end-of-turn broadcast latency is timed from the facilitator's end-of-turn command to the last
seat holding its view of the new turn (each seat's arrival is stamped as its view arrives; the
36 seats read their views in this one process, on the same 2 cores as the server, which a room
of laptops would not). The reference also times, after each of its turns, what a hosted end of
turn adds: building the facilitator's view (it steps the unanswered run over the turn), a
player's and an observer's, and a seat reading its view from JSON.
After the last turn it checks that no entry was lost or doubled and that every seat's view is
the headless replay's, then times the finish to the last seat holding its debrief.

    .venv/bin/python bench/hosting.py                    # 10^4 and 10^5 users
    .venv/bin/python bench/hosting.py --sizes 10000      # one size
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIO, SEED = "data-breach", 1
PLAYERS, EVALUATORS, OBSERVERS = 12, 3, 20


def spec_for(users: int):
    from sim.spec.loader import load_scenario

    return load_scenario(SCENARIO, [f"graph.users={users}"])


def statement(turn: int) -> dict[str, str]:
    return {"strategy": "correction", "text": f"Update {turn}: here is what we know so far."}


# --------------------------------------------------------------------------- the server


async def serve_forever(users: int, folder: Path) -> None:
    """The hosted exercise's server, as `stormdrill host` runs it; prints its port and codes."""
    from sim.host.seats import new_seats
    from sim.host.server import Host, serve
    from sim.session import Session

    session = Session(spec_for(users), SEED, team="Bench", scenario_ref=SCENARIO)
    session.claim_autosave([folder / "hosted.sqlite"])
    codes = new_seats(session.spec.meta.roles)
    host = Host(session, [seat for seat, _ in codes])
    _, port = await serve(host, "127.0.0.1", 0)
    print(json.dumps({"port": port, "codes": {seat.role: code for seat, code in codes}}))
    sys.stdout.flush()
    await asyncio.Event().wait()


# --------------------------------------------------------------------------- the reference


def one_seat_turns(users: int, folder: Path) -> tuple[list[float], dict[str, list[float]]]:
    """The same turns played at one seat: end of turn plus the war room's state, in seconds;
    and after each, the parts a hosted end of turn adds."""
    from sim.host.seats import SeatKind
    from sim.host.visibility import view_for
    from sim.host.wire import TO_SEAT, View
    from sim.session import Session
    from tui.snapshot import war_room_state

    session = Session(spec_for(users), SEED, team="Bench", autosave=folder / "one-seat.sqlite")
    times: list[float] = []
    parts: dict[str, list[float]] = {
        "facilitator_view": [], "player_view": [], "observer_view": [], "read": []
    }  # fmt: skip
    for turn in range(1, session.turns_total + 1):
        session.queue(session.make_action(**statement(turn)))
        for evaluator in range(EVALUATORS):
            session.add_note(f"turn {turn}, evaluator {evaluator}")
        start = time.perf_counter()
        session.end_turn()
        war_room_state(session)
        times.append(time.perf_counter() - start)
        for part, kind, role in (
            ("facilitator_view", SeatKind.FACILITATOR, "facilitator"),
            ("player_view", SeatKind.PLAYER, session.spec.meta.roles[0]),
            ("observer_view", SeatKind.OBSERVER, "observer"),
        ):
            start = time.perf_counter()
            text = View(view=view_for(kind, role, session)).model_dump_json()
            parts[part].append(time.perf_counter() - start)
        start = time.perf_counter()
        TO_SEAT.validate_json(text)
        parts["read"].append(time.perf_counter() - start)
    session.close()
    return times, parts


# --------------------------------------------------------------------------- the room


async def hosted_room(users: int, folder: Path) -> dict:
    from sim.host.client import SeatClient
    from sim.host.seats import Command
    from sim.host.visibility import view_for
    from sim.host.wire import SeatView
    from sim.session import Note, replay
    from sim.session.store import read_store

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(users), "--dir", str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        started = json.loads(server.stdout.readline())
        url, codes = f"http://127.0.0.1:{started['port']}", started["codes"]
        spec = spec_for(users)
        roles = list(spec.meta.roles)
        arrivals: dict[int, list[tuple[float, SeatView]]] = {}

        async def seat(code: str) -> SeatClient:
            client = SeatClient(url, code)
            stamps = arrivals.setdefault(id(client), [])
            client.on_view = lambda view: stamps.append((time.perf_counter(), view))
            await client.join()
            return client

        facilitator = await seat(codes["facilitator"])
        players = [await seat(codes[roles[n % len(roles)]]) for n in range(PLAYERS)]
        evaluators = [await seat(codes["evaluator"]) for _ in range(EVALUATORS)]
        observers = [await seat(codes["observer"]) for _ in range(OBSERVERS)]
        everyone = [facilitator, *players, *evaluators, *observers]

        def last_holding(since: float, done) -> float:
            """When the last seat first held a view satisfying `done`, after `since`."""
            return max(
                next(at for at, view in arrivals[id(client)] if at >= since and done(view))
                for client in everyone
            )

        latencies, sent = [], []
        for turn in range(1, spec.turns.turns + 1):
            notes = [f"turn {turn}, evaluator {n}" for n in range(EVALUATORS)]
            sent += notes
            await asyncio.gather(
                players[turn % PLAYERS].do(Command.QUEUE, **statement(turn)),
                *(c.do(Command.NOTE, text=note) for c, note in zip(evaluators, notes, strict=True)),
            )
            for draft in players[turn % PLAYERS].view.drafts:  # its view came before its ack
                approver = next(c for c in players if c.view.role == draft.approver)
                await approver.do(Command.APPROVE, draft=draft.draft)
            start = time.perf_counter()
            await facilitator.do(Command.END_TURN)
            await asyncio.gather(
                *(c.wait_for_view(lambda view, turn=turn: view.turn == turn) for c in everyone)
            )
            latencies.append(last_holding(start, lambda view, turn=turn: view.turn == turn) - start)

        log = read_store(folder / "hosted.sqlite").log
        last = len(log)
        queued = sum(entry.kind == "queue" for entry in log)
        noted = sorted(entry.text for entry in log if isinstance(entry, Note))
        headless = replay(spec, SEED, log, team="Bench")
        same = 0
        for client in everyone:
            final = await client.wait_for_view(lambda view: view.entries == last)
            same += final == view_for(final.kind, final.role, headless)
        headless.close()

        start = time.perf_counter()
        await facilitator.do(Command.FINISH)
        await asyncio.gather(*(c.wait_for_view(lambda view: view.finished) for c in everyone))
        finish_s = last_holding(start, lambda view: view.debrief is not None) - start
        for client in everyone:
            await client.close()
        return {
            "seats": len(everyone),
            "latencies": latencies,
            "entries": last,
            "queued": queued,
            "notes_kept": noted == sorted(sent),
            "views_as_replayed": same,
            "finish_s": finish_s,
        }
    finally:
        server.kill()
        server.wait()


def measure(users: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        reference, parts = one_seat_turns(users, Path(folder))
        room = asyncio.run(hosted_room(users, Path(folder)))
    return {"users": users, "one_seat": reference, "parts": parts, **room}


# --------------------------------------------------------------------------- the report


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def in_child(users: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(users)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"users": users, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_row(row: dict) -> None:
    if "error" in row:
        print(f"{row['users']:>9,} users: failed: {row['error']}", flush=True)
        return
    hosted, alone = row["latencies"], row["one_seat"]
    print(
        f"{row['users']:>9,} users, {row['seats']} seats, {len(hosted)} turns: end of turn "
        f"hosted median {statistics.median(hosted):.3f} s, p95 {p95(hosted):.3f} s; one seat "
        f"median {statistics.median(alone):.3f} s, p95 {p95(alone):.3f} s; finish to the last "
        f"debrief {row['finish_s']:.2f} s\n"
        f"    where a hosted end of turn goes (medians): the facilitator's view "
        f"{statistics.median(row['parts']['facilitator_view']):.3f} s, a player's "
        f"{statistics.median(row['parts']['player_view']):.3f} s, an observer's "
        f"{statistics.median(row['parts']['observer_view']):.3f} s (built once per role, 8 "
        f"roles), a seat reading its view {statistics.median(row['parts']['read']):.4f} s\n"
        f"    {row['entries']} entries, {row['queued']} statements, notes all kept: "
        f"{row['notes_kept']}; views equal to the headless replay's: "
        f"{row['views_as_replayed']} of {row['seats']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve_forever(args.serve, args.dir))
        return
    if args.one is not None:
        print(json.dumps(measure(args.one)), flush=True)
        return

    total_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    print(
        f"{SCENARIO}, seed {SEED}; {os.cpu_count()} cores, {total_gb:.1f} GB, Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.2f} before",
        flush=True,
    )
    for users in (int(size) for size in args.sizes.split(",")):
        print_row(in_child(users))
    print(f"load average {os.getloadavg()[0]:.2f} after", flush=True)


if __name__ == "__main__":
    main()
