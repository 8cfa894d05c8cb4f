"""Completions from a Moodle course-completion CSV and a provider's attendance XLSX start the follow-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from beklijf.catalog.models import Enrollment
from beklijf.imports import completions, files
from beklijf.notify.models import Outbox
from beklijf.practice.models import MemoryState
from tests.conftest import World, client_for
from tests.imports.sheets import csv_bytes, xlsx

MOODLE_HEADER = ["ID", "Name", "Email address", "Veiligheidsquiz", "Veiligheidsquiz - Completion date",
                 "Course complete"]  # fmt: skip


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path: Path) -> None:  # noqa: ANN001
    settings.VAR_DIR = tmp_path


def _moodle_day(day: dt.date) -> str:
    return f"{day:%d/%m/%y}, 14:05"  # Moodle's strftimedatetimeshort in English: %d/%m/%y, %H:%M


def moodle_csv(w: World, day: dt.date) -> bytes:
    """What Moodle's report/completion "Download in CSV format" gives: comma-separated UTF-8."""
    return csv_bytes([
        MOODLE_HEADER,
        ["17", w.employee.full_name, w.employee.user.email.upper(), "Completed", _moodle_day(day), _moodle_day(day)],
        ["18", w.manager.full_name, w.manager.user.email, "Completed", _moodle_day(day), _moodle_day(day)],
        ["19", w.manager_other.full_name, w.manager_other.user.email, "Not completed", "", ""],
        ["20", "Karel Extern", "karel@trainingsbureau.example.com", "Completed", _moodle_day(day), _moodle_day(day)],
    ], delimiter=",", encoding="utf-8")  # fmt: skip


def _run(w: World, data: bytes, kind: str, **kwargs):  # noqa: ANN003,ANN202
    files.check_upload(data, kind)
    rows = files.read_rows(data, kind)
    layout = completions.detect_layout(rows, w.org)
    return completions.apply(w.org, w.session, rows, layout, **kwargs)


def _states(w: World) -> dict[int, int]:
    return {
        p.pk: MemoryState.objects.filter(employee=p).count() for p in (w.employee, w.manager, w.manager_other)
    }


def test_a_moodle_course_completion_export_completes_enrolments_and_starts_the_follow_up(
    world: World,
) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    points = world.training.learning_points.count()
    assert points and _states(world) == {world.employee.pk: 0, world.manager.pk: 0, world.manager_other.pk: 0}
    result, written = _run(world, moodle_csv(world, day), "csv")
    assert written
    assert result.layout.mapping == {"email": 2, "employee_number": None, "name": 1, "status": None,
                                     "completed_on": 5}  # fmt: skip
    assert (result.completing, result.unchanged, result.not_completed) == (2, 0, 1)
    assert [(r.number, r.who) for r in result.unmatched] == [(5, "Karel Extern")]
    world.enrollment.refresh_from_db()
    assert (world.enrollment.status, world.enrollment.completed_on) == (Enrollment.Status.COMPLETED, day)
    enrolled = Enrollment.objects.get(employee=world.manager, session=world.session)  # enrolled by the list
    assert enrolled.status == Enrollment.Status.COMPLETED
    assert _states(world) == {world.employee.pk: points, world.manager.pk: points, world.manager_other.pk: 0}
    assert Outbox.objects.filter(kind="plan_invite").count() == 2
    again, written = _run(world, moodle_csv(world, day), "csv")
    assert written and (again.completing, again.unchanged) == (0, 2)
    assert (
        _states(world)[world.employee.pk] == points and Outbox.objects.filter(kind="plan_invite").count() == 2
    )


def test_a_provider_attendance_xlsx_with_dutch_headings(world: World) -> None:
    day = timezone.localdate() - dt.timedelta(days=2)
    data = xlsx([
        ["Naam", "E-mailadres", "Aanwezig", "Datum"],
        [world.employee.full_name, f"  {world.employee.user.email} ", "Ja", day],
        [world.manager_other.full_name, world.manager_other.user.email, "nee", day],
        ["Jan Onbekend", "jan@onbekend.example.com", "ja", day],
        [world.manager.full_name, world.manager.user.email, "misschien", day],
    ], title="Presentielijst Veilig werken")  # fmt: skip
    with translation.override("en"):
        result, written = _run(world, data, "xlsx")
    assert not written and result.errors == [
        (7, "C · Aanwezig", "“misschien” is not a yes or a no (ja/nee, completed, aanwezig ...).")
    ]
    assert MemoryState.objects.count() == 0  # nothing half-imported
    result, written = _run(world, data, "xlsx", valid_only=True)
    assert written and result.completing == 1 and [r.who for r in result.unmatched] == ["Jan Onbekend"]
    world.enrollment.refresh_from_db()
    assert world.enrollment.completed_on == day
    assert (
        MemoryState.objects.filter(employee=world.employee).count() == world.training.learning_points.count()
    )


def test_the_browser_flow_lists_the_unmatched_people(world: World) -> None:
    client = client_for(world.ld_admin.user)
    day = timezone.localdate() - dt.timedelta(days=1)
    url = "/imports/completions/"
    upload = SimpleUploadedFile("completion-veilig_werken.csv", moodle_csv(world, day))
    page = client.post(url, {"session": str(world.session.code), "file": upload}).content.decode()
    assert (
        "2 to mark completed, 0 already completed, 1 not completed, 1 not found, 0 rows with errors." in page
    )
    assert "Karel Extern" in page and MemoryState.objects.count() == 0
    page = client.post(url, {"session": str(world.session.code), "action": "import"}).content.decode()
    assert "Imported: 2 completed (their follow-up starts), 0 already completed, 1 people not found." in page
    assert MemoryState.objects.filter(employee=world.employee).exists()


def test_a_session_of_another_organisation_cannot_be_chosen(world: World) -> None:
    client = client_for(world.ld_admin_b.user)
    upload = SimpleUploadedFile("list.csv", moodle_csv(world, timezone.localdate()))
    response = client.post("/imports/completions/", {"session": str(world.session.code), "file": upload})
    assert response.status_code == 400 and "Choose the training session" in response.content.decode()
    assert MemoryState.objects.count() == 0


def test_the_session_page_links_to_the_import_with_the_session_chosen(world: World) -> None:
    client = client_for(world.ld_admin.user)
    page = client.get(f"/catalog/sessions/{world.session.code}/").content.decode()
    assert f'href="/imports/completions/?session={world.session.code}"' in page
    form = client.get(f"/imports/completions/?session={world.session.code}").content.decode()
    assert f'<option value="{world.session.code}" selected>' in form
