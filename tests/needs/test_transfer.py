"""Import and export of the skills matrix, with real XLSX and CSV files built here, through the real views."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from beklijf.imports import files
from beklijf.needs import transfer
from beklijf.needs.models import Assessment, Skill
from beklijf.needs.services import assessment_record
from beklijf.people.models import Employee
from tests import factories
from tests.conftest import World, client_for

HEADER = ["Personeelsnummer", "Vaardigheid", "Niveau", "Bron"]


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path: Path) -> None:  # noqa: ANN001
    settings.VAR_DIR = tmp_path


@pytest.fixture
def skills(world: World) -> dict[str, Skill]:
    return {name: Skill.objects.create(organization=world.org, name=name) for name in ("Excel", "Python")}


def _xlsx(rows: list[list], *, title: str | None = "Vaardighedenmatrix 2026") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows: list[list], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def _upload(client: Client, data: bytes, name: str = "matrix.xlsx") -> HttpResponse:
    return client.post(reverse("needs:import"), {"file": SimpleUploadedFile(name, data)})


def _act(client: Client, action: str, **mapping: str) -> HttpResponse:
    return client.post(
        reverse("needs:import"), {"action": action, **{f"map_{k}": v for k, v in mapping.items()}}
    )


def _bad_rows(world: World) -> list[list]:
    e, m = world.employee.employee_number, world.manager.user.email
    return [
        HEADER,
        [e, "Excel", 3, "zelf"],  # row 4: valid
        [m, "python", "2", "Leidinggevende"],  # row 5: valid (e-mail, skill case-insensitive)
        [e, "Python", 7, "self"],  # row 6: level out of range
        [e, "Cobol", 2, "manager"],  # row 7: unknown skill
        ["X99999", "Excel", 2, "manager"],  # row 8: unknown employee
        [world.ld_admin_b.employee_number, "Excel", 2, "manager"],  # row 9: another organisation
        [e, "Excel", "veel", "self"],  # row 10: not a number (and a duplicate of row 4)
        [e, "Python", 2, "collega"],  # row 11: unknown source
        [e, "Excel", 3, "self"],  # row 12: duplicate of row 4
        [],  # empty rows are skipped
    ]


def _good_rows(world: World) -> list[list]:
    e, m = world.employee.employee_number, world.manager.user.email
    return [
        HEADER,
        [e, "Excel", 3, "zelf"],
        [m, "python", "2", "Leidinggevende"],
        [e, "Python", 1, "manager"],
    ]


def test_a_file_with_errors_is_reported_row_by_row_and_writes_nothing(world: World, skills: dict) -> None:
    client = client_for(world.ld_admin.user)
    page = _upload(client, _xlsx(_bad_rows(world))).content.decode()
    assert "The column names were found in row 3" in page
    for expected in (
        "Row 6, column C · Niveau: The level “7” is not a whole number from 0 to 4.",
        "Row 7, column B · Vaardigheid: Unknown skill “Cobol”.",
        "Row 8, column A · Personeelsnummer: Unknown employee “X99999”",
        f"Row 9, column A · Personeelsnummer: Unknown employee “{world.ld_admin_b.employee_number}”",
        "Row 10, column C · Niveau: The level “veel” is not a whole number from 0 to 4.",
        "Row 11, column D · Bron: Unknown source “collega”",
        "Row 12: Duplicate: row 4 already gives this employee, skill and source.",
    ):
        assert expected in page, expected
    assert "2 new assessments, 0 unchanged (equal to the latest assessment), 7 rows with errors." in page
    assert 'id="import"' not in page and 'id="import-valid"' in page
    response = _act(client, "import")  # forced: refused, nothing written
    assert response.status_code == 400 and "Nothing was imported" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_the_corrected_file_imports_and_importing_it_again_changes_nothing(
    world: World, skills: dict
) -> None:
    client = client_for(world.ld_admin.user)
    data = _xlsx(_good_rows(world))
    assert "3 new assessments, 0 unchanged" in _upload(client, data).content.decode()
    assert Assessment.objects.count() == 0  # the dry run writes nothing
    response = _act(client, "import")
    assert response.status_code == 302
    rows = set(Assessment.objects.values_list("employee", "skill__name", "source", "level", "assessed_by"))
    assert rows == {
        (world.employee.pk, "Excel", "self", 3, world.ld_admin.pk),
        (world.manager.pk, "Python", "manager", 2, world.ld_admin.pk),
        (world.employee.pk, "Python", "manager", 1, world.ld_admin.pk),
    }
    assert "0 new assessments, 3 unchanged" in _upload(client, data).content.decode()
    assert _act(client, "import").status_code == 302
    assert Assessment.objects.count() == 3
    # A changed level is a new (dated) assessment; the history stays.
    changed = _good_rows(world)
    changed[3][2] = 2
    assert "New assessment: 1 → 2" in _upload(client, _xlsx(changed)).content.decode()
    _act(client, "import")
    assert Assessment.objects.filter(employee=world.employee, skill__name="Python").count() == 2


def test_import_the_valid_rows_writes_only_the_valid_ones(world: World, skills: dict) -> None:
    client = client_for(world.ld_admin.user)
    _upload(client, _xlsx(_bad_rows(world)))
    assert _act(client, "import_valid").status_code == 302
    assert set(Assessment.objects.values_list("employee", "skill__name", "source", "level")) == {
        (world.employee.pk, "Excel", "self", 3),
        (world.manager.pk, "Python", "manager", 2),
    }


def test_an_existing_assessment_counts_as_unchanged(world: World, skills: dict) -> None:
    assessment_record(
        employee=world.employee, skill=skills["Excel"], source="self", level=1, by=world.employee
    )
    assessment_record(
        employee=world.employee, skill=skills["Excel"], source="self", level=3, by=world.employee
    )
    page = _upload(client_for(world.ld_admin.user), _xlsx(_good_rows(world))).content.decode()
    assert "2 new assessments, 1 unchanged" in page  # equal to the latest self-assessment, not the first


def test_csv_in_windows_1252_with_semicolons_and_english_headers(world: World, skills: dict) -> None:
    Skill.objects.create(organization=world.org, name="Rapportage & Analyse – België")
    rows = [
        ["Employee", "Name", "Skill", "Level", "Source"],
        [world.employee.user.email, "Eva", "Rapportage & Analyse – België", "4", "manager"],
    ]
    client = client_for(world.ld_admin.user)
    page = _upload(client, _csv(rows, encoding="cp1252", delimiter=";"), "m.csv").content.decode()
    assert "1 new assessments" in page
    _act(client, "import")
    assert Assessment.objects.get().skill.name == "Rapportage & Analyse – België"


def test_the_user_corrects_the_column_mapping(world: World, skills: dict) -> None:
    rows = [["Wie", "Wat", "Hoe goed", "Door wie"], [world.employee.employee_number, "Excel", 2, "zelf"]]
    client = client_for(world.ld_admin.user)
    page = _upload(client, _csv(rows), "m.csv").content.decode()
    assert "Choose the column for: Employee (number or e-mail)." in page
    assert 'id="import"' not in page
    page = _act(client, "check", employee="0", skill="1", level="2", source="3").content.decode()
    assert "1 new assessments" in page and 'id="import"' in page
    assert _act(client, "import", employee="0", skill="1", level="2", source="3").status_code == 302
    assert Assessment.objects.get().level == 2


def test_the_upload_is_stored_under_a_generated_name(world: World, skills: dict, tmp_path: Path) -> None:
    client = client_for(world.ld_admin.user)
    _upload(client, _xlsx(_good_rows(world)), "../../etc/evil name.xlsx")
    stored = list((tmp_path / "imports").iterdir())
    assert len(stored) == 1 and files.TOKEN_RE.fullmatch(stored[0].stem) and "evil" not in stored[0].name
    _act(client, "import")
    assert not list((tmp_path / "imports").iterdir())  # removed once imported


def _refused(world: World, data: bytes, name: str) -> str:
    response = _upload(client_for(world.ld_admin.user), data, name)
    assert response.status_code == 400
    assert Assessment.objects.count() == 0
    return response.content.decode()


def test_an_oversize_file_is_refused(world: World, skills: dict) -> None:
    row = f"{world.employee.employee_number},Excel,3,self\n"
    data = ("employee,skill,level,source\n" + row * (transfer.MAX_BYTES // len(row) + 10)).encode()
    assert "The file is larger than 5 MB" in _refused(world, data, "big.csv")


def test_a_plain_text_file_named_xlsx_is_refused(world: World, skills: dict) -> None:
    data = _csv(_good_rows(world))
    assert "This is not an Excel workbook (.xlsx), although its name says so." in _refused(
        world, data, "m.xlsx"
    )


def test_other_extensions_and_undecodable_csv_are_refused(world: World, skills: dict) -> None:
    assert "Upload an Excel workbook (.xlsx) or a CSV file (.csv)." in _refused(world, b"x", "m.xls")
    assert "not in UTF-8 or Windows-1252" in _refused(world, b"employee,skill\n\x81\x8d,x\n", "m.csv")


def test_a_zip_bomb_with_many_entries_is_refused(world: World, skills: dict) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(files.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"xl/part{n}.xml", "<a/>")
    assert "too many parts" in _refused(world, out.getvalue(), "m.xlsx")


def test_a_zip_bomb_with_a_huge_uncompressed_size_is_refused(world: World, skills: dict) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (files.MAX_UNCOMPRESSED + 1))
    assert len(out.getvalue()) < transfer.MAX_BYTES
    assert "unpacks to far more data" in _refused(world, out.getvalue(), "m.xlsx")


def test_a_dense_entry_is_refused_even_below_the_total_limit(world: World, skills: dict) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b" " * 8 * 2**20)
    assert "unpacks to far more data" in _refused(world, out.getvalue(), "m.xlsx")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
XXE = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


def _with_sheet(data: bytes, sheet_xml: str) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = sheet_xml.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, body)
    return out.getvalue()


@pytest.mark.parametrize("sheet_xml", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_entities_in_a_workbook_are_refused(world: World, skills: dict, sheet_xml: str) -> None:
    assert openpyxl.DEFUSEDXML is True  # openpyxl parses with defusedxml
    harmless = '<?xml version="1.0"?>' + sheet_xml.split("]>", 1)[1].replace("&lol3;", "ok").replace(
        "&xxe;", "ok"
    )
    assert transfer.read_rows(_with_sheet(_xlsx([], title=None), harmless), "xlsx") == [
        ["ok"]
    ]  # the rewrite works
    data = _with_sheet(_xlsx(_good_rows(world)), sheet_xml)
    assert "The workbook cannot be read" in _refused(world, data, "m.xlsx")


DANGEROUS_NAMES = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tcmd"]


def _dangerous(world: World) -> list[Employee]:
    people = []
    for name in DANGEROUS_NAMES:
        person = factories.employee(world.org, team=world.north)
        person.first_name, person.last_name = name, ""
        person.save()
        people.append(person)
    return people


def _export_cells(client: Client, fmt: str) -> list[list]:
    response = client.get(reverse("needs:export", args=[fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="skills-matrix-')
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_neutralises_formulas(world: World, skills: dict, fmt: str) -> None:
    formula_skill = Skill.objects.create(organization=world.org, name="=1+1")
    for person in _dangerous(world):
        assessment_record(employee=person, skill=formula_skill, source="manager", level=2, by=world.manager)
    rows = _export_cells(client_for(world.ld_admin.user), fmt)
    assert rows[0] == ["Employee", "Name", "Team", "Skill", "Source", "Level"]
    names = [row[1] for row in rows[1:]]
    for name in DANGEROUS_NAMES:
        assert "'" + name.strip() in names or "'" + name in names, name
    assert all(row[3] == "'=1+1" for row in rows[1:])
    assert {str(row[5]) for row in rows[1:]} == {"2"}  # levels stay numbers


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_holds_the_latest_levels_and_imports_back_unchanged(
    world: World, skills: dict, fmt: str
) -> None:
    excel = skills["Excel"]
    assessment_record(employee=world.employee, skill=excel, source="self", level=1, by=world.employee)
    assessment_record(employee=world.employee, skill=excel, source="self", level=2, by=world.employee)
    assessment_record(employee=world.employee, skill=excel, source="manager", level=3, by=world.manager)
    outsider = factories.employee(world.org_b)
    other_skill = Skill.objects.create(organization=world.org_b, name="Excel")
    assessment_record(employee=outsider, skill=other_skill, source="self", level=4, by=outsider)
    client = client_for(world.ld_admin.user)
    rows = _export_cells(client, fmt)
    number = world.employee.employee_number
    assert [[str(c) for c in row] for row in rows[1:]] == [
        [number, world.employee.full_name, world.north.name, "Excel", "self", "2"],
        [number, world.employee.full_name, world.north.name, "Excel", "manager", "3"],
    ]
    exported = client.get(reverse("needs:export", args=[fmt])).content
    assert "0 new assessments, 2 unchanged" in _upload(client, exported, f"export.{fmt}").content.decode()


@pytest.mark.parametrize("role", ["employee", "manager", "provider", "anonymous"])
def test_only_ld_admins_import_and_export(world: World, skills: dict, role: str) -> None:
    client = client_for(world.user(role))
    expected = 302 if role == "anonymous" else 403
    assert _upload(client, _xlsx(_good_rows(world))).status_code == expected
    assert client.get(reverse("needs:export", args=["xlsx"])).status_code == expected
    assert Assessment.objects.count() == 0


def test_an_unknown_export_format_is_not_found(world: World) -> None:
    assert client_for(world.ld_admin.user).get(reverse("needs:export", args=["pdf"])).status_code == 404


def test_importing_without_an_upload_asks_for_the_file_again(world: World) -> None:
    response = _act(client_for(world.ld_admin.user), "import")
    assert response.status_code == 302 and Assessment.objects.count() == 0


def test_a_dutch_export_maps_its_own_columns_on_re_import(world: World, skills: dict) -> None:
    world.ld_admin.language = "nl"
    world.ld_admin.save()
    assessment_record(
        employee=world.employee, skill=skills["Excel"], source="manager", level=3, by=world.manager
    )
    client = client_for(world.ld_admin.user)
    exported = client.get(reverse("needs:export", args=["xlsx"])).content
    page = _upload(client, exported, "export.xlsx").content.decode()
    assert "0 nieuwe beoordelingen, 1 ongewijzigd" in page
