"""`beklijf simulate --employees 1000 --weeks 12 --json` against a baseline in the same run: `python bench/bench_simulate.py`.

The baseline is the same simulation with only the no-follow-up strategy (the learner model and the
population alone, no scheduler), so the ratio is the price of running the product's engine four times
over. Each is run as the user runs it (a fresh process, JSON out), timed on the wall clock and in CPU
seconds of the process and its workers, because on a shared machine the wall clock also measures the
neighbours.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

BEKLIJF = [sys.executable, "-m", "beklijf.cli", "simulate", "--employees", "1000", "--weeks", "12", "--json"]


def timed(extra: list[str]) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the children, parsed JSON)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*BEKLIJF, *extra], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(done.stdout)


def main() -> None:
    base_wall, base_cpu, _ = timed(["--strategies", "none"])
    wall, cpu, result = timed([])
    beklijf = result["strategies"]["beklijf"]
    print(
        json.dumps(
            {
                "command": "beklijf simulate --employees 1000 --weeks 12 --json (3 seeds, 5 strategies, 2 jobs)",
                "load_average": os.getloadavg()[0],
                "wall_s": round(wall, 1),
                "cpu_s": round(cpu, 1),
                "baseline_wall_s": round(base_wall, 1),
                "baseline_cpu_s": round(base_cpu, 1),
                "ratio_wall": round(wall / base_wall, 2),
                "under_60_s": wall < 60,
                "beklijf_recall_4w_responders": round(beklijf["recall_4w_responders"]["mean"], 3),
                "beklijf_minutes_per_week": round(beklijf["minutes_per_week"]["mean"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
