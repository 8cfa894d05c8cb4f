"""Pictures of the simulation (matplotlib, Agg backend: no display, no pyplot global state)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from beklijf.engine.simulate import CALIBRATED, EBBINGHAUS_1885, LearnerModel, SimulationReport
from beklijf.engine.simulate.learner import no_practice_curve

_LABELS = {
    "none": "no follow-up",
    "refresher": "one refresher e-mail at 4 weeks",
    "fixed": "fixed schedule (1, 7, 28 days)",
    "beklijf": "beklijf (FSRS + reminders)",
    "beklijf_coaching": "beklijf + coaching",
    "beklijf_refit": "beklijf, FSRS refitted monthly",
}


def retention_plot(report: SimulationReport, path: Path) -> None:
    """Draw the mean recall per day of every strategy (everyone solid, responders dashed) to a PNG."""
    figure = Figure(figsize=(9, 5.5), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    days = np.arange(7 * report.weeks + 1)
    for strategy, curve in report.curves.items():
        (line,) = axes.plot(days, 100 * curve, label=_LABELS.get(strategy.value, strategy.value), linewidth=2)
        axes.plot(days, 100 * report.curves_responders[strategy], color=line.get_color(), linestyle="--",
                  linewidth=1)  # fmt: skip
    for week in (4, 12):
        if week <= report.weeks:
            axes.axvline(7 * week, color="grey", linewidth=0.8, linestyle=":")
    axes.set_xlabel("days after the training")
    axes.set_ylabel("learning points recallable (%)")
    axes.set_ylim(0, 100)
    axes.set_xlim(0, days[-1])
    axes.grid(alpha=0.3)
    axes.set_title(
        f"Simulated recall, {report.employees} employees × {report.points} learning points, "
        f"{len(report.seeds)} seeds (solid: everyone, dashed: responders)",
        fontsize=9,
    )
    axes.legend(loc="upper right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, format="png")


def calibration_plot(path: Path, model: LearnerModel = CALIBRATED) -> None:
    """Ebbinghaus' published savings beside the simulated learners' recall without practice."""
    figure = Figure(figsize=(7, 4.5), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    hours = np.geomspace(0.2, 1000, 200)
    axes.plot(
        hours, 100 * no_practice_curve(model, hours), label="simulated learners, no practice", linewidth=2
    )
    published_hours = [h for h, _ in EBBINGHAUS_1885]
    published = [100 * q for _, q in EBBINGHAUS_1885]
    axes.scatter(published_hours, published, color="black", zorder=3, label="Ebbinghaus 1885 (savings)")
    axes.errorbar(published_hours, published, yerr=5, fmt="none", ecolor="grey", capsize=3,
                  label="±5 percentage points (the test's band)")  # fmt: skip
    axes.set_xscale("log")
    axes.set_xticks([1 / 3, 1, 9, 24, 48, 144, 744], ["20 min", "1 h", "9 h", "1 d", "2 d", "6 d", "31 d"])
    axes.set_ylim(0, 100)
    axes.set_ylabel("recall / savings (%)")
    axes.set_xlabel("time since learning")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    axes.set_title(f"Learner model calibration (τ = {model.tau:g}, s = {model.noise:g})", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, format="png")
