"""Data subject rights through the screens: download everything, erasure by an L&D admin, objection."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

from django.urls import reverse

from beklijf.coaching.models import SegmentSnapshot
from beklijf.people.access import actor_for
from beklijf.people.models import Employee, User
from beklijf.practice.models import Review
from beklijf.practice.selectors import team_retention
from beklijf.privacy.models import AuditEvent
from tests import factories
from tests.conftest import World, client_for
from tests.privacy.conftest import seed_person


def _zip(response) -> zipfile.ZipFile:  # noqa: ANN001
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert re.fullmatch(r'attachment; filename="beklijf-data-[0-9-]+\.zip"', response["Content-Disposition"])
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_an_employee_downloads_all_their_data_and_nothing_of_a_colleague(world: World) -> None:
    colleague = factories.employee(world.org, team=world.north, first_name="Colleen")
    seed_person(world, world.employee, marker="EVA-OWN", colleague=colleague)
    seed_person(world, colleague, marker="COLLEEN-OWN", colleague=world.employee)
    client = client_for(world.employee.user, csrf=True)
    page = client.get(reverse("privacy:my-data"))
    token = (
        page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    )
    assert client.post(reverse("privacy:my-data-export")).status_code == 403  # no CSRF token, no download
    archive = _zip(client.post(reverse("privacy:my-data-export"), HTTP_X_CSRFTOKEN=token))
    assert sorted(archive.namelist()) == ["data.json", "index.html"]
    data = json.loads(archive.read("data.json"))
    sections = {s["model"]: s["rows"] for s in data["sections"]}
    assert {r["answer"] for r in sections["practice.review"]} == {"EVA-OWN answer"}
    assert sections["coaching.actionplan"][0]["situation"] == "EVA-OWN when"
    assert sections["coaching.blocker"][0]["description"] == "EVA-OWN blocker"
    assert sections["people.employee"][0]["first_name"] == "Eva"
    assert sections["coaching.pairing"][0]["mentor"] == "a colleague"
    raw = archive.read("data.json").decode() + archive.read("index.html").decode()
    assert "COLLEEN" not in raw and "Colleen" not in raw and colleague.email not in raw
    page_text = html.unescape(re.sub(r"<[^>]+>", " ", archive.read("index.html").decode()))
    assert (
        "Your data in beklijf" in page_text and "EVA-OWN blocker" in page_text and "EVA-OWN when" in page_text
    )
    # The export is on the audit log, and the next export shows it.
    assert AuditEvent.objects.filter(action="export", subject_code=world.employee.code).count() == 1


def test_an_ld_admin_exports_a_person_of_their_own_organisation_only(world: World) -> None:
    url = reverse("privacy:person-export", args=[world.employee.code])
    assert client_for(world.ld_admin_b.user).post(url).status_code == 404
    data = json.loads(_zip(client_for(world.ld_admin.user).post(url)).read("data.json"))
    assert any(s["model"] == "people.employee" and s["rows"] for s in data["sections"])


def _team_figures(admin, world: World) -> tuple:  # noqa: ANN001
    """The team's answers (right, all) and its retention figures, as a manager's team page shows them."""
    reviews = Review.objects.filter(employee__team=world.north)
    retention = {k: (v.successes, v.n) for k, v in team_retention(actor=admin, team=world.sales).items()}
    return reviews.filter(correct=True).count(), reviews.count(), retention


def test_erasure_removes_the_person_and_keeps_team_figures(world: World) -> None:
    seed_person(world, world.employee, marker="GONE", colleague=world.manager_other)
    other = factories.employee(world.org, team=world.north)
    seed_person(world, other, marker="STAYS", colleague=world.manager_other)
    admin = actor_for(world.ld_admin.user)
    before = _team_figures(admin, world)
    old_code, email = world.employee.code, world.employee.email
    client = client_for(world.ld_admin.user)
    url = reverse("privacy:person-erase", args=[old_code])
    refused = client.post(url)
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    person = Employee.objects.get(pk=world.employee.pk)
    assert person.first_name == "—" and person.erased_at and not person.is_active and person.code != old_code
    assert not User.objects.filter(email=email).exists()
    assert not SegmentSnapshot.objects.filter(employee=person).exists()
    assert set(Review.objects.filter(employee=person).values_list("answer", flat=True)) == {""}
    assert (
        Review.objects.filter(employee=other, answer="STAYS answer").count() == 2
    )  # a colleague is untouched
    assert _team_figures(admin, world) == before
    # The old code now points at nobody; the erasure itself is on the audit log, without a name.
    assert client.get(reverse("employee-detail", args=[old_code])).status_code == 404
    erase = AuditEvent.objects.get(action="erase")
    assert erase.subject_code == old_code and not Employee.objects.filter(code=old_code).exists()
    assert "Eva" not in json.dumps(erase.details)
    # The erased person can no longer sign in, and erasing twice changes nothing.
    login = client_for(None).post(reverse("login"), {"username": email, "password": factories.PASSWORD})
    assert login.status_code == 200  # the form again: no session


def test_nobody_erases_themselves_and_managers_cannot_erase(world: World) -> None:
    own = reverse("privacy:person-erase", args=[world.ld_admin.code])
    assert client_for(world.ld_admin.user).post(own, {"confirm": "on"}).status_code == 403
    report = reverse("privacy:person-erase", args=[world.employee.code])
    assert client_for(world.manager.user).post(report, {"confirm": "on"}).status_code == 403
    assert Employee.objects.get(pk=world.employee.pk).erased_at is None


def test_person_urls_are_hidden_from_another_organisation_on_get_and_post(world: World) -> None:
    outsider = client_for(world.ld_admin_b.user)
    assert outsider.get(reverse("privacy:person", args=[world.employee.code])).status_code == 404
    for name in ("privacy:person-export", "privacy:person-erase"):
        assert outsider.post(reverse(name, args=[world.employee.code]), {"confirm": "on"}).status_code == 404
    assert Employee.objects.get(pk=world.employee.pk).erased_at is None
    admin = client_for(world.ld_admin.user)
    # No mutation by GET: export and erasure answer GET with 405.
    assert admin.get(reverse("privacy:person-erase", args=[world.employee.code])).status_code == 405
    assert admin.get(reverse("privacy:person-export", args=[world.employee.code])).status_code == 405
    assert admin.get(reverse("privacy:my-data-export")).status_code == 405


def test_a_managers_export_does_not_name_their_people(world: World) -> None:
    from django.utils import timezone

    from beklijf.coaching.services import blocker_report
    from beklijf.notify.models import Outbox
    from beklijf.privacy.export import person_data

    now = timezone.now()
    Outbox.objects.create(key="digest:1", organization=world.org, employee=world.manager, kind="digest",
                          to=world.manager.email, subject="Your team this week",
                          body_text=f"{world.employee.full_name} has questions waiting", next_attempt_at=now,
                          created_at=now)  # fmt: skip
    blocker = blocker_report(employee=world.employee, reported_by=world.manager, category="time")
    blocker.owner = world.manager
    blocker.save()
    client_for(world.manager.user).get(reverse("employee-detail", args=[world.employee.code]))
    data = json.dumps(person_data(world.manager))
    assert "Your team this week" in data  # the message is listed...
    assert world.employee.first_name not in data and world.employee.last_name not in data  # ...nobody named
