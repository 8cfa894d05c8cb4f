"""How each model holding personal data is exported and erased: one registry, filled by each app's privacy.py.

Like Moodle's privacy providers: every model with a foreign key to a person (Employee or User) must be
declared here, and a test (tests/privacy/test_coverage.py) walks django.apps.get_models() to enforce it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


class Erase(enum.Enum):
    """What happens to a person's rows when an L&D admin erases them (GDPR art. 17)."""

    DELETE = "delete"  # the rows go
    # The rows stay, linked only to the anonymised person row (no name, no account, a new code), so team and
    # training figures do not change; `clear` names the free-text fields that are blanked.
    ANONYMISE = "anonymise"
    CUSTOM = "custom"  # the declaration's own function does it (the person and account rows)


@dataclass(frozen=True)
class Declaration:
    model: type[models.Model]
    # The lookup from a row to the person whose data it is ("employee", "enrollment__employee", "user__employee"),
    # or "" when the rows are nobody's own data but only mention people in `others`.
    subject: str
    erase: Erase
    purpose: str  # why it is stored: shown in docs/privacy.md's data map
    clear: tuple[str, ...] = ()
    # Foreign keys to *other* people (who reported, who decided, who owns): set to NULL for an erased person.
    others: tuple[str, ...] = ()
    # Further person fields the declaration covers by its custom function (e.g. Employee.user).
    covers: tuple[str, ...] = ()
    export_exclude: tuple[str, ...] = ()
    custom_erase: Callable | None = field(default=None, compare=False)
    # A colleague may appear in this model as the subject (e.g. a pair's mentor): the lookups that select the
    # subject's rows when it is not `subject` alone.
    also_subject: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def person_fields(self) -> set[str]:
        names = {self.subject.split("__")[0]} if self.subject else set()
        names |= {lookup.split("__")[0] for lookup in self.also_subject}
        return names | set(self.others) | set(self.covers)


_REGISTRY: dict[str, Declaration] = {}


def register(*declarations: Declaration) -> None:
    for declaration in declarations:
        if declaration.label in _REGISTRY and _REGISTRY[declaration.label] != declaration:
            raise ValueError(f"{declaration.label} is declared twice")
        _REGISTRY[declaration.label] = declaration


def declarations() -> list[Declaration]:
    return sorted(_REGISTRY.values(), key=lambda d: d.label)


def declaration_for(model: type[models.Model]) -> Declaration | None:
    return _REGISTRY.get(model._meta.label_lower)
