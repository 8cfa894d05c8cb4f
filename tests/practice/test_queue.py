from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from beklijf.engine import memory as engine
from beklijf.practice.models import MemoryState
from beklijf.practice.queue import due_queues
from tests import factories
from tests.conftest import World


def test_due_queues_rank_each_employee_by_retrievability_and_cut_at_the_cap(world: World) -> None:
    now = timezone.now()
    training = factories.training(world.org, points=7)
    points = list(training.learning_points.all())
    people = [factories.employee(world.org) for _ in range(3)]
    expected = {}
    for n, person in enumerate(people):
        rows = []
        for i, point in enumerate(points):
            stability = 1.0 + i * (n + 1)
            last = now - dt.timedelta(days=3 + i)
            due = now + dt.timedelta(days=5) if (i == 6) else now - dt.timedelta(hours=1)  # point 6 not due
            rows.append(MemoryState(employee=person, learning_point=point, stability=stability, difficulty=5,
                                    due=due, last_review=last, reps=1, started_at=last))  # fmt: skip
        MemoryState.objects.bulk_create(rows)
        r = {
            row.learning_point_id: float(
                engine.retrievability(
                    (now - row.last_review).total_seconds() / 86400,
                    row.stability,
                    engine.Parameters.DEFAULT.decay,
                )
            )
            for row in rows[:6]
        }
        expected[person.pk] = sorted(r, key=r.get)[:5]
    result = due_queues(at=now, cap=5, parameters=engine.Parameters.DEFAULT, target=0.9)
    for person in people:
        mine = result["employee_id"] == person.pk
        assert result["learning_point_id"][mine].tolist() == expected[person.pk]
        assert np.all(np.diff(result["retrievability"][mine]) >= 0)
