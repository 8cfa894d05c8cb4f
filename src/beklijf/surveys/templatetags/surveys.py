"""Survey cards other apps' pages include: open surveys on the home page, counts on a training page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from beklijf.surveys import selectors

register = template.Library()


@register.inclusion_tag("surveys/_open_surveys.html", takes_context=True)
def open_surveys(context: template.Context) -> dict:
    actor = context.get("actor")
    if actor is None or actor.employee is None:
        return {"surveys": []}
    return {"surveys": selectors.open_surveys(actor=actor, at=timezone.now())}


@register.inclusion_tag("surveys/_training_card.html", takes_context=True)
def training_surveys(context: template.Context, training) -> dict:  # noqa: ANN001
    actor = context.get("actor")
    if actor is None or not actor.is_ld_admin:
        return {"show": False}
    return {"show": True, "training": training,
            "counts": selectors.training_response_counts(actor=actor, training=training)}  # fmt: skip
