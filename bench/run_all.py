"""Run every benchmark and print their JSON, one line each: `make bench`.

The PostgreSQL runs need a server at $BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
BEKLIJF = [sys.executable, "-m", "beklijf.cli"]

RUNS = [
    ("fit", [sys.executable, str(HERE / "bench_fit.py")]),
    ("queue sqlite", [*BEKLIJF, "bench", "queue", "--states", "1000000", "--json"]),
    ("queue postgresql", [*BEKLIJF, "bench", "queue", "--states", "1000000", "--json", "--postgres", PG]),
    ("answer sqlite", [sys.executable, str(HERE / "answer.py")]),
    ("answer postgresql", [sys.executable, str(HERE / "answer.py"), "--postgres", PG]),
    ("request parts sqlite", [sys.executable, str(HERE / "request_parts.py")]),
    ("request parts postgresql", [sys.executable, str(HERE / "request_parts.py"), "--postgres", PG]),
    ("needs (engine)", [sys.executable, str(HERE / "bench_needs.py")]),
    ("engine segments and pairing", [sys.executable, str(HERE / "bench_engine_segments.py")]),
    ("coaching postgresql", [sys.executable, str(HERE / "coaching.py"), "--postgres", PG]),
    ("nudges postgresql", [sys.executable, str(HERE / "nudges.py"), "--postgres", PG]),
    ("simulate", [sys.executable, str(HERE / "bench_simulate.py")]),
    ("surveys postgresql", [sys.executable, str(HERE / "surveys.py"), "--postgres", PG]),
    ("hr import sqlite", [sys.executable, str(HERE / "hr_import.py")]),
    ("hr import postgresql", [sys.executable, str(HERE / "hr_import.py"), "--postgres", PG]),
    ("api list sqlite", [sys.executable, str(HERE / "api_list.py")]),
]

if __name__ == "__main__":
    for name, command in RUNS:
        print(f"# {name}: {' '.join(command[1:])}", flush=True)
        subprocess.run(command, check=True)
