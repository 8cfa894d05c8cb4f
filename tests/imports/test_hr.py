"""The HR import on messy, real-looking files: every bad row reported with its number, nothing half-imported,
a second import changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from beklijf.imports import files, hr
from beklijf.imports.models import SavedMapping
from beklijf.people.models import Employee, Organization, Team, User
from tests import factories
from tests.imports.sheets import HR_HEADER, csv_bytes, xlsx

TODAY = dt.date(2026, 11, 27)
pytestmark = pytest.mark.django_db
A = "acme.example.com"


def _rows(data: bytes, kind: str = "xlsx") -> list[list]:
    files.check_upload(data, kind)
    return files.read_rows(data, kind)


def _plan(org: Organization, data: bytes, kind: str = "xlsx", **kwargs) -> hr.Plan:  # noqa: ANN003
    rows = _rows(data, kind)
    return hr.plan(org, rows, hr.detect_layout(rows, org), today=TODAY, **kwargs)


def _apply(org: Organization, data: bytes, kind: str = "xlsx", **kwargs) -> tuple[hr.Plan, bool]:  # noqa: ANN003
    rows = _rows(data, kind)
    return hr.apply(org, rows, hr.detect_layout(rows, org), today=TODAY, **kwargs)


def _snapshot(org: Organization) -> list[tuple]:
    people = Employee.objects.filter(organization=org).select_related("user").order_by("pk")
    return [
        (e.pk, e.employee_number, e.first_name, e.name_prefix, e.last_name, e.user.email, e.team_id,
         e.manager_id, e.job_title, e.is_active, e.user.is_active, e.user.password)
        for e in people
    ]  # fmt: skip


def messy_rows(leaver: Employee) -> list[list]:
    """Rows 4-19 of a messy AFAS-like export (a title in row 1, the header in row 3)."""
    f = '=CONCATENATE("Jo","hn")'
    return [
        HR_HEADER,
        ["1001", "  Jan ", "van der", "Berg", "  J.vanderBerg@ACME.example.com ", "Verkoop", "Accountmanager", "", ""],
        ["1002", "Fatima", "", "el Amrani", f"fatima.elamrani@{A}", "Verkoop", "Adviseur", "1001", "31-12-2099"],
        ["1003", "Kees", "", "de Vries", f"KEES@{A}", "Support", "Medewerker", f"J.vanderberg@{A}", dt.date(2099, 1, 31)],
        ["1004", "Piet", "", "Jansen", "piet-at-acme", "Support", "", "", ""],  # 7: invalid e-mail
        ["1005", "Anna", "", "Bakker", "", "Support", "", "", ""],  # 8: missing e-mail
        ["1002", "Dirk", "", "Dubbel", f"dirk@{A}", "Support", "", "", ""],  # 9: duplicate number (row 5)
        ["1006", "Bob", "", "Smit", f" Fatima.ElAmrani@{A}", "Support", "", "", ""],  # 10: duplicate e-mail
        ["1007", "Lies", "", "Mulder", f"lies@{A}", "Support", "", "9999", ""],  # 11: unknown manager
        ["1008", "Cor", "", "Eerste", f"cor@{A}", "Support", "", "1009", ""],  # 12: cycle
        ["1009", "Dina", "", "Tweede", f"dina@{A}", "Support", "", "1008", ""],  # 13: cycle
        ["1010", f, "", "Formule", f"john@{A}", "Support", "", "", ""],  # 14: a formula, never computed
        [],  # 15: empty
        ["1011", "Tom", "ter", "Horst", f"tom@{A}", "Support", "", "", "32-13-2025"],  # 16: not a date
        [leaver.employee_number, leaver.first_name, "", leaver.last_name, leaver.user.email, "", "", "",
         45900],  # 17: an Excel day number (2025-08-30): left, so deactivated
        ["1012", "Wim", "", "Onder", f"wim@{A}", "Support", "", "1007", ""],  # 18: manager's row has errors
        ["Totaal: 15 medewerkers", "", "", "", "", "", "", "", ""],  # 19: a total row
    ]  # fmt: skip


EXPECTED_ERRORS = [
    (7, "E · E-mail (werk)", "“piet-at-acme” is not a valid e-mail address."),
    (8, "E · E-mail (werk)", "The e-mail address is missing."),
    (9, "A · Personeelsnummer", "Duplicate employee number “1002”: row 5 has it too."),
    (10, "E · E-mail (werk)", f"Duplicate e-mail address “fatima.elamrani@{A}”: row 5 has it too."),
    (11, "H · Leidinggevende", "Unknown manager “9999”: not an employee number or e-mail address in this file or in beklijf."),
    (12, "H · Leidinggevende", "Manager cycle: 1008 → 1009 → 1008. Someone in this chain must have another manager."),
    (13, "H · Leidinggevende", "Manager cycle: 1009 → 1008 → 1009. Someone in this chain must have another manager."),
    (14, "B · Roepnaam", 'The cell holds a formula (=CONCATENATE("Jo","hn")), not a value. Paste the values only, or save the file in Excel first.'),
    (16, "I · Datum uit dienst", "“32-13-2025” is not a date. Write it as dd-mm-yyyy."),
    (18, "H · Leidinggevende", "The manager “1007” is on row 11, which has errors."),
]  # fmt: skip


def test_a_messy_file_is_reported_row_by_row_and_nothing_is_half_imported(world) -> None:  # noqa: ANN001
    before = _snapshot(world.org)
    data = xlsx(messy_rows(world.employee))
    result, written = _apply(world.org, data)
    assert not written
    assert result.layout.header_row == 3
    assert result.errors == EXPECTED_ERRORS
    assert result.skipped == [(15, "empty row"), (19, "total row")]
    assert (result.created, result.leaving, result.invalid) == (3, 1, 10)
    assert _snapshot(world.org) == before  # nothing written, not even the valid rows
    assert not Team.objects.filter(name="Verkoop").exists()


def test_importing_only_the_valid_rows_cleans_the_values(world) -> None:  # noqa: ANN001
    result, written = _apply(world.org, xlsx(messy_rows(world.employee)), valid_only=True)
    assert written and result.created == 3
    jan = Employee.objects.get(organization=world.org, employee_number="1001")
    assert (jan.first_name, jan.name_prefix, jan.last_name, jan.email) == (
        "Jan",
        "van der",
        "Berg",
        f"j.vanderberg@{A}",
    )
    assert (
        jan.full_name == "Jan van der Berg"
        and jan.job_title == "Accountmanager"
        and jan.team.name == "Verkoop"
    )
    kees = Employee.objects.get(organization=world.org, employee_number="1003")
    assert (kees.name_prefix, kees.last_name, kees.email, kees.manager) == ("de", "Vries", f"kees@{A}", jan)
    assert Employee.objects.get(employee_number="1002").manager == jan
    assert not kees.user.has_usable_password()  # they sign in through a reset or a sign-in link
    world.employee.refresh_from_db()
    assert not world.employee.is_active  # row 17: left on 30-08-2025 (an Excel day number)
    assert not Employee.objects.filter(employee_number__in=["1004", "1005", "1007", "1008", "1012"]).exists()
    assert not User.objects.filter(email=f"john@{A}").exists()


CLEAN = [
    ["Medewerker", "Voornaam", "Tussenvoegsel", "Achternaam", "E-mail", "Organisatorische eenheid", "Functie",
     "Leidinggevende"],
    ["2001", "Sanne", "", "Berg, van den", f" Sanne.vandenBerg@{A}", "Inkoop", "Hoofd inkoop", ""],
    ["2002", "Mehmet", "", "Yilmaz", f"MEHMET.YILMAZ@{A}", "Inkoop", "Inkoper", "2001"],
    ["2003", "Els", "De", "Smet", f"els.desmet@{A}", "Inkoop ", "Inkoper", f"sanne.vandenberg@{A}"],
]  # fmt: skip


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_second_import_of_the_same_file_changes_nothing(kind: str) -> None:
    org = factories.organization()
    data = xlsx(CLEAN) if kind == "xlsx" else csv_bytes(CLEAN)
    result, written = _apply(org, data, kind)
    assert written and (result.created, result.updated, result.invalid) == (3, 0, 0)
    assert result.new_teams == ["Inkoop"]
    sanne = Employee.objects.get(employee_number="2001")
    assert (sanne.name_prefix, sanne.last_name) == ("van den", "Berg")  # sorted form "Berg, van den"
    assert Employee.objects.get(employee_number="2003").name_prefix == "De"  # Flemish capital kept
    after_first = _snapshot(org)
    again, written = _apply(org, data, kind)
    assert written and (again.created, again.updated, again.deactivated, again.unchanged) == (0, 0, 0, 3)
    assert _snapshot(org) == after_first
    assert Team.objects.filter(organization=org).count() == 1


def test_an_update_by_employee_number_changes_only_what_changed() -> None:
    org = factories.organization()
    _apply(org, xlsx(CLEAN))
    changed = [list(r) for r in CLEAN]
    changed[2][4] = f"m.yilmaz@{A}"  # a new e-mail address
    changed[3][6] = "Senior inkoper"
    result, written = _apply(org, xlsx(changed))
    assert written and (result.updated, result.unchanged) == (2, 1)
    assert [r.changes for r in result.results if r.status == "update"] == [
        ["E-mail address (work)"],
        ["Job title"],
    ]
    assert Employee.objects.get(employee_number="2002").email == f"m.yilmaz@{A}"


def test_an_email_of_another_organisation_or_person_is_refused() -> None:
    org, other = factories.organization(), factories.organization()
    outsider = factories.employee(other)
    insider = factories.employee(org)
    rows = [CLEAN[0], ["3001", "Ann", "", "Ander", outsider.user.email, "", "", ""],
            ["3002", "Ben", "", "Binnen", insider.user.email.upper(), "", "", ""]]  # fmt: skip
    result = _plan(org, xlsx(rows, title=None))
    assert result.errors == [
        (2, "E · E-mail", f"The e-mail address “{outsider.user.email}” is already used by another account."),
        (3, "E · E-mail", f"The e-mail address “{insider.user.email}” belongs to {insider.full_name} "
                          f"(employee number {insider.employee_number})."),
    ]  # fmt: skip


def test_a_person_added_by_hand_is_adopted_by_their_e_mail_address() -> None:
    org = factories.organization()
    by_hand = factories.employee(org)
    Employee.objects.filter(pk=by_hand.pk).update(employee_number="")
    rows = [CLEAN[0], ["4001", "Hand", "", "Werk", by_hand.user.email, "", "", ""]]
    result, written = _apply(org, xlsx(rows))
    assert written and result.updated == 1 and result.created == 0
    assert Employee.objects.get(pk=by_hand.pk).employee_number == "4001"


def test_a_missing_column_is_asked_for_and_the_corrected_mapping_is_remembered() -> None:
    org = factories.organization()
    rows_in = [["Nr.", "Voornaam", "Achternaam", "Mailadres werkgever"], ["5001", "Ina", "Ik", f"ina@{A}"]]
    rows = _rows(xlsx(rows_in, title=None))
    layout = hr.detect_layout(rows, org)
    assert hr.plan(org, rows, layout).mapping_errors == [
        "Choose the column for: Employee number.",
        "Choose the column for: E-mail address (work).",
    ]
    corrected = files.layout_with(layout, {"employee_number": "0", "email": "3"})
    result, written = hr.apply(org, rows, corrected)
    assert written and result.created == 1
    assert SavedMapping.objects.get(organization=org).headings["mailadreswerkgever"] == "email"
    remembered = hr.detect_layout(rows, org)  # the next file of the same system maps itself
    assert remembered.mapping["employee_number"] == 0 and remembered.mapping["email"] == 3
    assert hr.detect_layout(rows, factories.organization()).mapping["email"] is None  # per organisation


def test_the_dry_run_writes_nothing(world) -> None:  # noqa: ANN001
    before = _snapshot(world.org)
    result = _plan(world.org, xlsx(CLEAN), full_export=True, keep=world.ld_admin)
    assert result.created == 3
    assert {e.pk for e in result.deactivate} == {world.employee.pk, world.manager.pk, world.manager_other.pk}
    assert _snapshot(world.org) == before and SavedMapping.objects.count() == 0
