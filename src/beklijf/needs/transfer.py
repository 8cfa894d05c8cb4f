"""Import and export of the skills matrix (assessments) as XLSX and CSV, for L&D admins.

One row per employee × skill × source: employee (number or e-mail), skill (name), level (0-4), source.
Reading and checking the upload (size, magic bytes, zip bombs, defusedxml), finding the header row and
keeping the file between the dry run and the import are shared with the other imports: imports/files.py.
Exports neutralise spreadsheet formulas: a text cell starting with = + - @ tab, CR or NUL gets a leading '.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beklijf.imports import files
from beklijf.imports.files import (  # noqa: F401 - the needs views use them through this module
    MAX_BYTES,
    Cell,
    ImportRefused,
    Layout,
    check_size,
    check_upload,
    discard,
    kind_for,
    layout_with,
    load,
    normalise,
    read_rows,
    safe_cell,
    store,
    text_of,
)
from beklijf.needs import selectors, services
from beklijf.needs.models import Assessment, Skill
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee

FIELDS = ("employee", "skill", "level", "source")

# Normalised header text (lower case, letters and digits only) → field.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        [
            "employee", "employeenumber", "employeeno", "employeeid", "email", "emailaddress", "mail",
            "personnelnumber", "staffnumber", "personeelsnummer", "personeelsnr", "medewerker",
            "medewerkernummer", "werknemer", "werknemersnummer", "emailadres", "person", "persoon",
        ],
        "employee",
    ),
    **dict.fromkeys(["skill", "skillname", "vaardigheid", "competentie", "competence"], "skill"),
    **dict.fromkeys(["level", "niveau", "score"], "level"),
    **dict.fromkeys(["source", "bron", "assessedby", "beoordeeldoor", "type"], "source"),
}  # fmt: skip
SOURCE_ALIASES = {
    "self": Assessment.Source.SELF,
    "zelf": Assessment.Source.SELF,
    "selfassessment": Assessment.Source.SELF,
    "zelfbeoordeling": Assessment.Source.SELF,
    "manager": Assessment.Source.MANAGER,
    "leidinggevende": Assessment.Source.MANAGER,
}


def field_label(name: str) -> str:
    return {
        "employee": _("Employee (number or e-mail)"),
        "skill": _("Skill"),
        "level": _("Level"),
        "source": _("Source"),
    }[name]


# --- The column mapping -----------------------------------------------------------------------------


def detect_layout(rows: list[list[Cell]]) -> Layout:
    """The header row: the first of the top rows naming employee, skill and level (a title may sit above)."""
    return files.detect_layout(
        rows,
        aliases=HEADER_ALIASES,
        fields=FIELDS,
        required=("employee", "skill", "level"),
        label=field_label,
    )


# --- The dry run --------------------------------------------------------------------------------------


@dataclass
class RowResult:
    number: int  # the row number as the spreadsheet shows it
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column or "" for the row, message)
    employee: Employee | None = None
    skill: Skill | None = None
    source: str = ""
    level: int | None = None
    current: int | None = None

    @property
    def status(self) -> str:
        if self.errors:
            return "error"
        return "unchanged" if self.current == self.level else "new"


@dataclass
class Plan:
    layout: Layout
    results: list[RowResult]
    mapping_errors: list[str]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def invalid(self) -> int:
        return self.count("error")

    @property
    def ok(self) -> bool:
        return not self.mapping_errors and not self.invalid


def plan(actor: Actor, rows: list[list[Cell]], layout: Layout) -> Plan:
    """What an import would do, row by row; writes nothing."""
    missing = [name for name in FIELDS if layout.mapping.get(name) is None]
    if missing:
        return Plan(
            layout, [], [_("Choose the column for: %(field)s.") % {"field": field_label(n)} for n in missing]
        )
    people: dict[str, Employee] = {}
    for person in access.employees_visible_to(actor).filter(is_active=True):
        if person.employee_number.strip():
            people.setdefault(person.employee_number.strip().casefold(), person)
        people.setdefault(person.user.email.strip().casefold(), person)
    skills = {s.name.strip().casefold(): s for s in Skill.objects.filter(organization=actor.organization)}
    latest = {
        source: selectors.latest_assessments({p.pk for p in people.values()}, source=source)
        for source in Assessment.Source.values
    }
    seen: dict[tuple[int, int, str], int] = {}
    results: list[RowResult] = []
    at = {name: layout.mapping[name] or 0 for name in FIELDS}  # all mapped: checked above
    col = {name: layout.columns[at[name]] for name in FIELDS}
    for index in range(layout.header_index + 1, len(rows)):
        row = rows[index]
        if not any(text_of(v) for v in row):
            continue  # empty rows are not data
        cells = {name: row[at[name]] if at[name] < len(row) else None for name in FIELDS}
        values = {name: text_of(cells[name]) for name in FIELDS}
        result = RowResult(number=index + 1, values=values)
        _check_row(result, cells["level"], col, people, skills)
        if not result.errors:
            key = (result.employee.pk, result.skill.pk, result.source)  # type: ignore[union-attr]
            if key in seen:
                message = _("Duplicate: row %(row)s already gives this employee, skill and source.")
                result.errors.append(("", message % {"row": seen[key]}))  # the whole row
            else:
                seen[key] = result.number
                result.current = latest[result.source].get(key[:2])
        results.append(result)
    return Plan(layout, results, [])


def _check_row(
    result: RowResult,
    level: Cell,
    col: dict[str, str],
    people: dict[str, Employee],
    skills: dict[str, Skill],
) -> None:
    """Resolve one row's employee, skill, level and source; each problem is an error in its column."""
    values = result.values

    def fail(name: str, message: str) -> None:
        result.errors.append((col[name], message % {"value": values[name]}))

    result.employee = people.get(values["employee"].casefold()) if values["employee"] else None
    if result.employee is None:
        fail("employee", _("Unknown employee “%(value)s”: not an employee number or e-mail address in your organisation."))  # fmt: skip
    result.skill = skills.get(values["skill"].casefold()) if values["skill"] else None
    if result.skill is None:
        fail("skill", _("Unknown skill “%(value)s”."))
    result.level = _level(level)
    if result.level is None:
        fail("level", _("The level “%(value)s” is not a whole number from 0 to 4."))
    result.source = SOURCE_ALIASES.get(normalise(values["source"]), "")
    if not result.source:
        fail("source", _("Unknown source “%(value)s”: use self or manager (zelf or leidinggevende)."))


def _level(value: Cell) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(text_of(value).replace(",", "."))
        except InvalidOperation:
            return None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= 4:
        return None
    return int(number)


@transaction.atomic
def apply(actor: Actor, rows: list[list[Cell]], layout: Layout, *, valid_only: bool) -> Plan | None:
    """Write the rows that change something, in one transaction.

    None (and nothing written) when a row is invalid, unless valid_only: then the invalid rows are skipped.
    """
    result = plan(actor, rows, layout)
    if result.mapping_errors or (result.invalid and not valid_only):
        return None
    for row in result.results:
        if row.status == "new":
            services.assessment_record(
                employee=row.employee, skill=row.skill, source=row.source, level=row.level, by=actor.employee
            )
    return result


# --- Export -------------------------------------------------------------------------------------------


def export_header() -> list[str]:
    return [_("Employee"), _("Name"), _("Team"), _("Skill"), _("Source"), _("Level")]


def export_rows(actor: Actor) -> list[list[Cell]]:
    """The current matrix: per employee × skill the latest self and latest manager level (a row each)."""
    people = list(
        access.employees_visible_to(actor).filter(is_active=True).order_by("last_name", "first_name", "pk")
    )
    skills = {s.pk: s for s in Skill.objects.filter(organization=actor.organization)}
    ids = [p.pk for p in people]
    latest = {source: selectors.latest_assessments(ids, source=source) for source in Assessment.Source.values}
    rows: list[list[Cell]] = []
    for person in people:
        identifier = person.employee_number.strip() or person.user.email
        for skill in sorted(skills.values(), key=lambda s: s.name.casefold()):
            for source in Assessment.Source.values:
                level = latest[source].get((person.pk, skill.pk))
                if level is not None:
                    team = person.team.name if person.team else ""
                    rows.append([identifier, person.full_name, team, skill.name, source, level])
    return rows


def _all_rows(actor: Actor) -> Iterable[list[Cell]]:
    yield list(export_header())
    yield from export_rows(actor)


def export_csv(actor: Actor) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")  # Excel in a Dutch locale splits on ;
    for row in _all_rows(actor):
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(actor: Actor) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Skills matrix")[:31])
    for row in _all_rows(actor):
        sheet.append([
            safe_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row
        ])  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(fmt: str) -> str:
    return f"skills-matrix-{timezone.localdate():%Y-%m-%d}.{fmt}"
