from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """0.853 -> "85%" in the active language's number format; None -> "—"."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, decimal_pos=digits)}%"


@register.filter
def dict_get(mapping: dict, key: str):  # noqa: ANN201
    return mapping.get(key)
