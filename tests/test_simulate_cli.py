"""`beklijf simulate` as a user runs it: JSON with every figure, a real picture, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from matplotlib.image import imread

BEKLIJF = [sys.executable, "-m", "beklijf.cli", "simulate"]
STRATEGIES = {"none", "refresher", "fixed", "beklijf", "beklijf_coaching"}
METRICS = {"recall_4w_responders", "recall_4w_all", "recall_12w_responders", "recall_12w_all",
           "minutes_per_week", "active_share"}  # fmt: skip


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BEKLIJF, *args], capture_output=True, text=True, timeout=300)


def test_json_has_every_strategy_with_figures_intervals_and_a_curve(tmp_path: Path) -> None:
    picture = tmp_path / "retention.png"
    done = _run(
        "--employees", "60", "--weeks", "5", "--seed", "3", "--seeds", "2", "--json", "--plot", str(picture)
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["employees"], result["weeks"], result["seeds"]) == (60, 5, [3, 4])
    assert set(result["strategies"]) == STRATEGIES
    for figures in result["strategies"].values():
        assert METRICS <= set(figures)
        assert figures["recall_12w_all"]["mean"] is None  # 12 weeks lie beyond a 5-week run
        four = figures["recall_4w_all"]
        assert 0 <= four["ci95_low"] <= four["mean"] <= four["ci95_high"] <= 1
        assert len(figures["curve"]) == 5 * 7 + 1

    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(picture)
    assert pixels.shape[0] > 300 and pixels.shape[1] > 500
    assert pixels[..., :3].std() > 0.05  # not a blank canvas
    assert len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 20  # lines in several colours


def test_the_table_names_every_strategy() -> None:
    done = _run("--employees", "40", "--weeks", "4", "--seeds", "1")
    assert done.returncode == 0, done.stderr
    assert all(name in done.stdout for name in STRATEGIES)
    assert "4 wk, responders" in done.stdout and "still active" in done.stdout


def test_bad_input_stops_with_the_reason(tmp_path: Path) -> None:
    done = _run("--employees", "0")
    assert done.returncode == 2 and "must be at least 1" in done.stderr
    done = _run("--mix", "self_driven=0.5,lazy=0.5")
    assert done.returncode == 2 and "unknown engagement type 'lazy'" in done.stderr
    done = _run("--plot", str(tmp_path / "missing" / "x.png"))
    assert done.returncode == 2 and "existing folder" in done.stderr
    done = _run("--mix", "self_driven=0.5,responsive=0.1,reluctant=0.1,dropping_off=0.1,refuser=0.1")
    assert done.returncode == 2 and "add up to 1" in done.stderr
