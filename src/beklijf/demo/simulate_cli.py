"""`beklijf simulate --employees N --weeks W --seed S [--json] [--plot FILE.png]`: compare follow-up strategies.

Plain argparse, no Django: a simulation touches no database and should not need a SECRET_KEY
(like `beklijf memory-eval`). `beklijf manage simulate` runs the same through a management command.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from beklijf.engine.simulate import Behaviour, Engagement, Strategy, simulate
from beklijf.engine.simulate.strategies import DEFAULT_STRATEGIES


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _mix(text: str) -> dict[Engagement, float]:
    """'self_driven=0.3,responsive=0.4,...': every engagement type, shares adding up to 1."""
    names = {e.name.lower(): e for e in Engagement}
    mix: dict[Engagement, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, share = part.partition("=")
        if name.strip() not in names:
            raise argparse.ArgumentTypeError(
                f"unknown engagement type {name.strip()!r}; use {', '.join(names)}"
            )
        try:
            mix[names[name.strip()]] = float(share)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {share!r}") from None
    return mix


def _strategies(text: str) -> tuple[Strategy, ...]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in {s.value for s in Strategy}]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown strategy {', '.join(unknown) or '(none given)'}; use {', '.join(s.value for s in Strategy)}"
        )
    return tuple(Strategy(n) for n in names)


def _clean(value: object) -> object:
    """NaN (a figure beyond the simulated weeks) becomes null: JSON has no NaN."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def parser() -> argparse.ArgumentParser:
    """The command line of `beklijf simulate`."""
    p = argparse.ArgumentParser(
        prog="beklijf simulate",
        description="Simulate a population of learners under five follow-up strategies and compare what they remember.",
    )
    p.add_argument("--employees", type=_positive, default=1000)
    p.add_argument("--weeks", type=_positive, default=12)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--seeds", type=_positive, default=3, help="populations; intervals are over these (default 3)"
    )
    p.add_argument("--points", type=_positive, default=5, help="learning points of the training (default 5)")
    p.add_argument("--jobs", type=_positive, default=2, help="processes to run seeds in parallel (default 2)")
    p.add_argument("--mix", type=_mix, help="engagement types, e.g. self_driven=0.23,responsive=0.4,"
                   "reluctant=0.2,dropping_off=0.12,refuser=0.05")  # fmt: skip
    p.add_argument(
        "--strategies",
        type=_strategies,
        default=DEFAULT_STRATEGIES,
        help="which to run, comma-separated (default: "
        + ",".join(s.value for s in DEFAULT_STRATEGIES)
        + "; also beklijf_refit: beklijf with a monthly FSRS fit on the simulated answers)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--plot", type=Path, help="draw the retention curves of all strategies to this PNG file")
    p.add_argument(
        "--calibration-plot", type=Path, help="draw the learner model's calibration to this PNG file"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run `beklijf simulate`; returns the exit status (2 on bad input, with the reason on stderr)."""
    command = parser()
    args = command.parse_args(argv)
    for name in ("plot", "calibration_plot"):
        path = getattr(args, name)
        if path is not None and (path.suffix.lower() != ".png" or not path.parent.is_dir()):
            command.error(f"--{name.replace('_', '-')} needs a .png file in an existing folder, got {path}")
    try:
        behaviour = Behaviour(mix=args.mix) if args.mix else Behaviour()
        report = simulate(employees=args.employees, weeks=args.weeks, seed=args.seed, seeds=args.seeds,
                          points=args.points, behaviour=behaviour, jobs=args.jobs, strategies=args.strategies)  # fmt: skip
    except ValueError as error:
        command.error(str(error))
    if args.plot or args.calibration_plot:
        from beklijf.demo import plots  # matplotlib only when a picture is asked for

        if args.plot:
            plots.retention_plot(report, args.plot)
        if args.calibration_plot:
            plots.calibration_plot(args.calibration_plot)
    if args.json:
        print(json.dumps(_clean(report.to_dict()), indent=1))
    else:
        print(report.format())
    return 0


if __name__ == "__main__":
    sys.exit(main())
