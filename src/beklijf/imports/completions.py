"""The completions import: who finished a training session, from a provider's attendance list or an LMS.

A Moodle course-completion report downloaded as CSV has the columns "ID", "Name", the identity fields the
site shows (usually "Email address"), two per activity ("<activity>", "<activity> - Completion date"), and
last "Course complete": the date and time of completion ("27/11/26, 14:05"), empty while not complete.
A provider's list has a name, an e-mail address or employee number, and perhaps "Aanwezig" (ja/nee) and a
date. Each completed person's enrolment in the chosen session is completed through
catalog.services.enrollment_complete, which starts the follow-up. People not found are listed, not guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beklijf.catalog.models import Enrollment, TrainingSession
from beklijf.catalog.services import enrollment_complete
from beklijf.imports import clean, files
from beklijf.imports.files import Cell, Layout
from beklijf.imports.hr import remember_mapping, saved_headings
from beklijf.imports.models import SavedMapping
from beklijf.people import access
from beklijf.people.models import Employee, Organization

FIELDS = ("email", "employee_number", "name", "status", "completed_on")
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys([
        "email", "emailaddress", "emailadres", "mail", "emailwerk", "workemail", "emaildeelnemer",
        "deelnemeremail", "zakelijkemail",
    ], "email"),
    **dict.fromkeys([
        "personeelsnummer", "personeelsnr", "persnr", "medewerkernummer", "employeeid", "employeenumber",
        "idnumber", "werknemersnummer", "staffnumber",
    ], "employee_number"),
    **dict.fromkeys([
        "name", "naam", "fullname", "volledigenaam", "deelnemer", "participant", "cursist", "student",
        "learner", "attendee",
    ], "name"),
    **dict.fromkeys([
        "status", "aanwezig", "aanwezigheid", "attended", "attendance", "present", "completed", "voltooid",
        "afgerond", "geslaagd", "passed", "resultaat", "result", "certificaat",
    ], "status"),
    **dict.fromkeys([
        "coursecomplete", "cursusvoltooid", "cursusafgerond", "completiondate", "datumvoltooid",
        "voltooiddatum", "afgerondop", "voltooidop", "datum", "date", "completedon", "datecompleted",
        "timecompleted", "datumafgerond",
    ], "completed_on"),
}  # fmt: skip
YES = {"ja", "j", "yes", "y", "x", "1", "true", "waar", "aanwezig", "present", "attended", "completed",
       "complete", "voltooid", "afgerond", "geslaagd", "passed", "behaald", "ok", "v"}  # fmt: skip
NO = {"nee", "n", "no", "0", "false", "onwaar", "afwezig", "absent", "noshow", "incomplete", "nietvoltooid",
      "notcompleted", "notcomplete", "gezakt", "failed", "niet", "ziek", "afgemeld"}  # fmt: skip


def field_label(name: str) -> str:
    return {
        "email": _("E-mail address"),
        "employee_number": _("Employee number"),
        "name": _("Name"),
        "status": _("Attended or completed (yes/no)"),
        "completed_on": _("Completion date"),
    }[name]


def detect_layout(rows: list[list[Cell]], organization: Organization) -> Layout:
    saved = saved_headings(organization, SavedMapping.Kind.COMPLETIONS)
    layout = files.detect_layout(
        rows, aliases={**HEADER_ALIASES, **saved}, fields=FIELDS, required=("email",), label=field_label
    )
    if layout.mapping["email"] is None and layout.mapping["employee_number"] is None:
        return files.detect_layout(
            rows, aliases={**HEADER_ALIASES, **saved}, fields=FIELDS, required=("employee_number",),
            label=field_label,
        )  # fmt: skip
    return layout


@dataclass(eq=False)
class RowResult:
    number: int
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    employee: Employee | None = None
    enrollment: Enrollment | None = None
    completed_on: dt.date | None = None
    action: str = ""  # complete, enrol (enrol and complete), unchanged, not_completed, unmatched, duplicate
    note: str = ""

    @property
    def status(self) -> str:
        return "error" if self.errors else self.action

    @property
    def who(self) -> str:
        v = self.values
        return v["name"] or v["email"] or v["employee_number"]


@dataclass
class Plan(files.RowReport):
    layout: Layout
    session: TrainingSession
    results: list[RowResult]
    mapping_errors: list[str]
    skipped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def completing(self) -> int:
        return self.count("complete", "enrol")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def unmatched(self) -> list[RowResult]:
        return [r for r in self.results if r.status == "unmatched"]

    @property
    def not_completed(self) -> int:
        return self.count("not_completed")


def plan(
    organization: Organization,
    session: TrainingSession,
    rows: list[list[Cell]],
    layout: Layout,
    *,
    today: dt.date | None = None,
) -> Plan:
    """What importing the list would do for this session, row by row; writes nothing."""
    today = today or timezone.localdate()
    if layout.mapping.get("email") is None and layout.mapping.get("employee_number") is None:
        message = _("Choose the column with the e-mail address or the employee number.")
        return Plan(layout, session, [], [message])
    people = [e for e in access.employees_of_organization(organization) if e.is_active]
    by_email = {e.user.email.casefold(): e for e in people}
    by_number = {e.employee_number.strip().casefold(): e for e in people if e.employee_number}
    enrolments = {e.employee_id: e for e in Enrollment.objects.filter(session=session)}
    default_day = timezone.localtime(session.ends_at).date()
    result = Plan(layout, session, [], [])
    seen: dict[int, int] = {}
    col = {name: layout.columns[i] if i is not None else "" for name, i in layout.mapping.items()}
    for index in range(layout.header_index + 1, len(rows)):
        cells = rows[index]
        if not any(clean.text(v) for v in cells):
            result.skipped.append((index + 1, _("empty row")))
            continue
        raw = {n: (cells[i] if i is not None and i < len(cells) else None) for n, i in layout.mapping.items()}
        values = {name: clean.text(value) for name, value in raw.items()}
        values["email"] = clean.email(raw["email"])
        row = RowResult(number=index + 1, values=values)
        result.results.append(row)
        _completion(row, raw, layout, col, default_day, today)
        if row.errors or row.action == "not_completed":
            continue
        row.employee = (
            by_number.get(values["employee_number"].casefold()) if values["employee_number"] else None
        )
        row.employee = row.employee or (by_email.get(values["email"]) if values["email"] else None)
        if row.employee is None:
            row.action = "unmatched"
            continue
        if row.employee.pk in seen:
            row.action, row.note = "duplicate", _("Already on row %(row)s.") % {"row": seen[row.employee.pk]}
            continue
        seen[row.employee.pk] = row.number
        row.enrollment = enrolments.get(row.employee.pk)
        if row.enrollment is None:
            row.action = "enrol"
        elif row.enrollment.status == Enrollment.Status.COMPLETED:
            row.action = "unchanged"
        else:
            row.action = "complete"
    return result


def _completion(
    row: RowResult,
    raw: dict[str, Cell],
    layout: Layout,
    col: dict[str, str],
    default: dt.date,
    today: dt.date,
) -> None:
    """Completed or not, and on which day: a yes/no column, a date column (empty = not complete), or neither
    (an attendance list: everyone on it attended, on the session's last day)."""
    has_status, has_date = (
        layout.mapping.get("status") is not None,
        layout.mapping.get("completed_on") is not None,
    )
    done = True
    if has_status:
        answer = files.normalise(row.values["status"])
        if answer in YES:
            done = True
        elif answer in NO or not answer:
            done = False
        else:
            message = _("“%(value)s” is not a yes or a no (ja/nee, completed, aanwezig ...).")
            row.errors.append((col["status"], message % {"value": row.values["status"]}))
            return
    day = None
    if has_date:
        try:
            day = clean.date(raw["completed_on"])
        except (ValueError, OverflowError):
            message = _("“%(value)s” is not a date. Write it as dd-mm-yyyy.")
            row.errors.append((col["completed_on"], message % {"value": row.values["completed_on"]}))
            return
        if day is None and not has_status:
            done = False  # Moodle: an empty "Course complete" means not complete yet
    if not done:
        row.action = "not_completed"
        return
    row.completed_on = day or default
    if row.completed_on > today:
        message = _("The completion date %(value)s is in the future.")
        row.errors.append((col["completed_on"], message % {"value": row.completed_on.strftime("%d-%m-%Y")}))


@transaction.atomic
def apply(
    organization: Organization,
    session: TrainingSession,
    rows: list[list[Cell]],
    layout: Layout,
    *,
    valid_only: bool = False,
    today: dt.date | None = None,
) -> tuple[Plan, bool]:
    """Complete the enrolments in one transaction (each completion starts the follow-up); (plan, written)."""
    result = plan(organization, session, rows, layout, today=today)
    if result.mapping_errors or (result.invalid and not valid_only):
        return result, False
    for row in result.results:
        if row.status == "enrol":
            row.enrollment = Enrollment.objects.create(employee=row.employee, session=session)
        if row.status in ("enrol", "complete"):
            enrollment_complete(enrollment=row.enrollment, completed_on=row.completed_on)
    remember_mapping(organization, SavedMapping.Kind.COMPLETIONS, layout, rows)
    return result, True
