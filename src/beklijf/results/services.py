"""Results writes: one transaction per use case, safe to repeat."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from beklijf.results.models import KnowledgeScore, Kpi, KpiValue


@transaction.atomic
def kpi_value_set(*, kpi: Kpi, group: str, period_start, value: Decimal) -> KpiValue:  # noqa: ANN001
    """Enter a KPI value for a period; entering the same period again replaces it (idempotent)."""
    row, _ = KpiValue.objects.update_or_create(
        kpi=kpi, group=group, period_start=period_start, defaults={"value": value}
    )
    return row


@transaction.atomic
def knowledge_scores_set(*, scores: dict[int, tuple[Decimal | None, Decimal | None]]) -> int:
    """Save pre/post scores per enrolment id (already scoped by the caller); both empty removes the row."""
    changed = 0
    for enrollment_id, (pre, post) in scores.items():
        if pre is None and post is None:
            changed += KnowledgeScore.objects.filter(enrollment_id=enrollment_id).delete()[0]
            continue
        KnowledgeScore.objects.update_or_create(
            enrollment_id=enrollment_id, defaults={"pre": pre, "post": post}
        )
        changed += 1
    return changed
