"""A population of simulated learners, to compare follow-up strategies (issue 9).

``learner`` is the memory model (ACT-R, calibrated on Ebbinghaus; independent of FSRS),
``population`` who does what, ``strategies`` the day-by-day runs through beklijf's own engine,
``coaching`` the manager interventions, ``report`` the summary ``beklijf simulate`` prints.
"""

from __future__ import annotations

from beklijf.engine.simulate.learner import CALIBRATED, EBBINGHAUS_1885, LearnerModel, calibrate, effect_sizes
from beklijf.engine.simulate.population import Behaviour, Engagement
from beklijf.engine.simulate.report import METRICS, Estimate, SimulationReport, simulate
from beklijf.engine.simulate.strategies import Strategy

__all__ = [
    "CALIBRATED",
    "EBBINGHAUS_1885",
    "METRICS",
    "Behaviour",
    "Engagement",
    "Estimate",
    "LearnerModel",
    "SimulationReport",
    "Strategy",
    "calibrate",
    "effect_sizes",
    "simulate",
]
