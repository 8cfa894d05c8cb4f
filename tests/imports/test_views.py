"""The L&D admin's browser flow: upload -> columns -> dry run -> import, with a CSRF-checking client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from beklijf.imports.models import SavedMapping
from beklijf.people.models import Employee
from beklijf.practice import services as practice
from beklijf.privacy.models import AuditEvent
from tests.conftest import World, client_for
from tests.imports.sheets import HR_HEADER, csv_bytes, xlsx
from tests.imports.test_hr import CLEAN, messy_rows

URL = "/imports/employees/"


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path: Path) -> None:  # noqa: ANN001
    settings.VAR_DIR = tmp_path


def _csrf(client: Client, url: str = URL) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _upload(client: Client, data: bytes, name: str = "export.xlsx", **extra: str) -> HttpResponse:
    token = _csrf(client)
    return client.post(URL, {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile(name, data), **extra})


def _act(client: Client, action: str, **extra: str) -> HttpResponse:
    return client.post(URL, {"csrfmiddlewaretoken": _csrf(client), "action": action, **extra})


def test_the_admin_uploads_a_messy_file_sees_each_error_and_imports_only_the_valid_rows(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=True)
    before = Employee.objects.count()
    page = _upload(client, xlsx(messy_rows(world.employee))).content.decode()
    assert "The column names were found in row 3" in page
    assert "3 to create, 0 to update, 1 to deactivate, 0 unchanged, 10 rows with errors." in page
    assert "Row 7, column E · E-mail (werk): “piet-at-acme” is not a valid e-mail address." in page
    assert "Row 12, column H · Leidinggevende: Manager cycle: 1008 → 1009 → 1008." in page
    assert "row 15 (empty row), row 19 (total row)" in page
    assert 'id="import-valid"' in page and 'id="import"' not in page
    response = _act(client, "import")  # forced through: refused, nothing written
    assert response.status_code == 400 and "Nothing was imported" in response.content.decode()
    assert Employee.objects.count() == before
    response = _act(client, "import_valid")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 3 created, 0 updated, 1 deactivated, 0 unchanged; 10 rows with errors skipped." in page
    assert Employee.objects.count() == before + 3
    # The import is on the audit log, with counts only: no names of the people imported.
    event = AuditEvent.objects.get(action="import")
    assert event.actor_code == world.ld_admin.code
    assert event.details == {"kind": "employees", "created": 3, "updated": 0, "deactivated": 1, "skipped": 10}


def test_the_corrected_mapping_is_saved_for_the_organisation(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=True)
    rows = [
        ["Nr.", "Voornaam", "Achternaam", "Mailadres werkgever"],
        ["5001", "Ina", "Ik", "ina@acme.example.com"],
    ]
    page = _upload(client, csv_bytes(rows), "hr.csv").content.decode()
    assert "Choose the column for: Employee number." in page
    page = _act(client, "check", map_employee_number="0", map_email="3").content.decode()
    assert "1 to create" in page
    assert _act(client, "import", map_employee_number="0", map_email="3").status_code == 302
    assert SavedMapping.objects.get(organization=world.org).headings == {
        "nr": "employee_number", "voornaam": "first_name", "achternaam": "last_name", "mailadreswerkgever": "email"
    }  # fmt: skip
    rows[1] = ["5002", "Jo", "Jij", "jo@acme.example.com"]
    page = _upload(client, csv_bytes(rows), "hr.csv").content.decode()  # the next file maps itself
    assert "1 to create" in page and "Choose the column" not in page


def test_row_errors_are_in_the_admins_language(world: World) -> None:
    """The message is looked up with gettext in the admin's language while the page is made."""
    world.ld_admin.language = "nl"
    world.ld_admin.save()
    msgid = "“%(value)s” is not a valid e-mail address."
    with translation.override("en"):
        english = gettext(msgid) % {"value": "piet-at-acme"}
    assert english == "“piet-at-acme” is not a valid e-mail address."  # the msgid, untranslated
    # Until the coordinator translates the catalogue, put a Dutch entry in the loaded one for this test.
    catalog = translation.trans_real.translation("nl")._catalog
    saved = [part.get(msgid) for part in catalog._catalogs]  # restored after: the real entry, once there
    catalog[msgid] = "“%(value)s” is geen geldig e-mailadres."
    try:
        client = client_for(world.ld_admin.user, csrf=True)
        page = _upload(client, xlsx(messy_rows(world.employee))).content.decode()
    finally:
        for part, value in zip(
            catalog._catalogs, saved, strict=True
        ):  # TranslationCatalog has no __delitem__
            if value is None:
                part.pop(msgid, None)
            else:
                part[msgid] = value
    assert "“piet-at-acme” is geen geldig e-mailadres." in page
    assert english not in page


def test_a_full_export_deactivates_the_missing_and_their_session_and_sign_in_link_stop_working(
    world: World,
) -> None:
    eva = world.employee
    eva_client = client_for(eva.user)
    assert eva_client.get(reverse("practice:quiz")).status_code == 200
    token = practice.magic_link_create(employee=eva)
    people = [world.manager, world.manager_other, world.ld_admin]
    rows = [HR_HEADER[:5]] + [
        [p.employee_number, p.first_name, "", p.last_name, p.user.email] for p in people
    ]
    admin = client_for(world.ld_admin.user, csrf=True)
    page = _upload(admin, xlsx(rows), full_export="on").content.decode()
    assert (
        f"Not in the file, so deactivated (they can no longer sign in): {eva.full_name} ({eva.employee_number})"
        in page
    )
    assert eva_client.get(reverse("practice:quiz")).status_code == 200  # a dry run changes nothing
    assert _act(admin, "import", full_export="on").status_code == 302
    eva.refresh_from_db()
    assert not eva.is_active and not eva.user.is_active
    assert eva_client.get(reverse("practice:quiz")).status_code == 302  # signed out: to the login page
    assert Client().post(reverse("practice:magic-link", args=[token])).status_code == 410
    assert Client().get(reverse("practice:magic-link", args=[token])).status_code == 410
    assert world.manager.user.employee.is_active  # in the file: untouched


def test_files_are_checked_before_parsing(world: World) -> None:
    client = client_for(world.ld_admin.user, csrf=True)
    response = _upload(client, csv_bytes(CLEAN), "hr.xlsx")
    assert response.status_code == 400
    assert "This is not an Excel workbook (.xlsx), although its name says so." in response.content.decode()
    response = _upload(client, b"x" * (5 * 2**20 + 1), "big.csv")
    assert response.status_code == 400 and "larger than 5 MB" in response.content.decode()


def test_only_ld_admins_import(world: World) -> None:
    for user in (world.employee.user, world.manager.user, world.provider_user):
        assert client_for(user).get(URL).status_code == 403
