"""The bundled scenarios' seeded JSON, written once and compared after a change (issue 16).

A speed change must not move a single bit of a bundled scenario's outcome. This writes
`stormdrill run NAME --seed 7 --json` (silent, and with `fast-transparent`, so the unanswered
baseline is exercised too) for every bundled scenario into a folder, or compares a fresh
set with a folder written before the change, byte for byte:

    .venv/bin/python bench/seeded_json.py write /tmp/before    # on the old code
    .venv/bin/python bench/seeded_json.py check /tmp/before    # on the new code

Each run is its own `stormdrill` process, exactly as a user runs it. Not a test: a full set
takes minutes of CPU.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from sim.spec.loader import bundled_names

SEED = "7"
PROTOCOLS = ("silent", "fast-transparent")


def outputs() -> dict[str, bytes]:
    """File name -> the JSON `stormdrill run` prints, for every bundled scenario and protocol."""
    found = {}
    for name in bundled_names():
        for protocol in PROTOCOLS:
            command = [sys.executable, "-m", "sim.cli.main", "run", name, "--seed", SEED]
            command += ["--protocol", protocol, "--json"]
            found[f"{name}-{protocol}.json"] = subprocess.run(
                command, check=True, capture_output=True
            ).stdout
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("write", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    fresh = outputs()
    if args.mode == "write":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, data in fresh.items():
            (args.folder / name).write_bytes(data)
        print(f"wrote {len(fresh)} outputs to {args.folder}")
        return 0
    differ = [name for name, data in fresh.items() if (args.folder / name).read_bytes() != data]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(fresh) - len(differ)} of {len(fresh)} outputs identical to {args.folder}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
