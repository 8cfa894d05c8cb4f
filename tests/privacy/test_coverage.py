"""Every model that refers to a person is declared for export and erasure (like Moodle's provider test)."""

from __future__ import annotations

import json

from django.apps import apps
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice

from beklijf.people.models import Employee, User
from beklijf.privacy.erasure import person_erase
from beklijf.privacy.export import person_data
from beklijf.privacy.registry import Erase, declaration_for, declarations
from beklijf.privacy.subjects import rows_of
from tests.conftest import World
from tests.privacy.conftest import seed_person

PEOPLE = (Employee, User)


def _person_fields(model: type[models.Model]) -> list[models.Field]:
    """Direct foreign keys and one-to-ones to a person."""
    return [
        f for f in model._meta.get_fields()
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model in PEOPLE
    ]  # fmt: skip


def test_every_model_referring_to_a_person_is_declared_for_export_and_erasure() -> None:
    missing = []
    for model in apps.get_models():
        fields = _person_fields(model)
        if not fields:
            continue
        declaration = declaration_for(model)
        if declaration is None:
            missing.append(f"{model._meta.label}: not declared in any privacy.py")
            continue
        uncovered = {f.name for f in fields} - declaration.person_fields()
        if uncovered:
            missing.append(f"{model._meta.label}: fields {sorted(uncovered)} not covered")
    assert not missing, "Declare these in the app's privacy.py (beklijf.privacy.registry):\n" + "\n".join(
        missing
    )


def test_the_coverage_check_would_catch_an_undeclared_model() -> None:
    # The check finds real models: the known ones are all there, so a new one cannot slip past unseen.
    found = {m._meta.label for m in apps.get_models() if _person_fields(m)}
    assert {"practice.Review", "coaching.Blocker", "people.Team", "admin.LogEntry"} <= found


def test_others_fields_can_be_set_to_null() -> None:
    for declaration in declarations():
        for name in declaration.others:
            assert declaration.model._meta.get_field(name).null, (
                f"{declaration.label}.{name} must be nullable"
            )


def test_export_holds_a_row_of_every_declared_model_and_erasure_leaves_no_reference(world: World) -> None:
    person = world.manager  # manages a team and has a report: the "others" fields are exercised too
    seed_person(world, person, marker="SUBJECT", colleague=world.employee)
    data = person_data(person)
    by_model = {s["model"]: s["rows"] for s in data["sections"]}
    for declaration in declarations():
        if declaration.subject:
            assert by_model.get(declaration.label), f"the export lacks {declaration.label}"
    json.dumps(data)  # serialisable as it is
    # The authenticator's shared secret would let the export's holder produce the person's codes.
    secret = TOTPDevice.objects.get(user=person.user, name="phone").key
    assert secret not in json.dumps(data)

    old_code, person_pk = person.code, person.pk
    person_erase(actor=world.ld_admin, employee=person)
    person.refresh_from_db()
    assert person.code != old_code and person.erased_at is not None
    for declaration in declarations():
        for name in declaration.others:
            assert not declaration.model._default_manager.filter(**{name: person_pk}).exists(), (
                f"{declaration.label}.{name} still points at the erased person"
            )
        if declaration.erase is Erase.DELETE:
            assert not rows_of(declaration, person).exists(), f"{declaration.label} rows remain"
        for name in declaration.clear:
            assert not rows_of(declaration, person).exclude(**{name: ""}).exists(), (
                f"{declaration.label}.{name}"
            )
    # Nothing that is left carries the person's words or name.
    assert "SUBJECT" not in json.dumps(person_data(person))
    assert "Mia" not in json.dumps(person_data(person))
