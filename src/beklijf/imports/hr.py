"""The HR import: employees, teams and managers from an HR system's export (XLSX or CSV).

plan() says, row by row, what an import would do and writes nothing (the dry run); apply() does it in one
transaction. People are matched on their employee number (upsert), so the same file twice changes nothing.
With a full export, people with an employee number who are missing from the file are deactivated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beklijf.imports import clean, files
from beklijf.imports.files import Cell, Layout
from beklijf.imports.models import SavedMapping
from beklijf.people import access, services
from beklijf.people.models import DEFAULT_WORKING_DAYS, Employee, Organization, Team, User

FIELDS = (
    "employee_number", "email", "first_name", "name_prefix", "last_name",
    "team", "job_title", "manager", "location", "end_date",
)  # fmt: skip
REQUIRED = ("employee_number", "email", "first_name", "last_name")
MAX_LENGTH = {"employee_number": 50, "first_name": 100, "name_prefix": 30, "last_name": 150, "team": 200,
              "job_title": 200, "location": 200}  # fmt: skip
# What the person is called day to day beats the official first names, when a file has both.
PREFERRED = {"roepnaam": "first_name", "preferredname": "first_name", "preferredfirstname": "first_name"}

# Normalised headings (lower case, letters and digits only) of AFAS, Visma Raet/Youforce, Workday, Excel.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys([
        "personeelsnummer", "personeelsnr", "persnr", "persnummer", "medewerker", "medewerkernummer",
        "medewerkernr", "medewerkerid", "medewerkercode", "werknemer", "werknemersnummer", "werknemernummer",
        "employee", "employeeid", "employeenumber", "employeeno", "empno", "staffnumber", "personnelnumber",
        "workerid", "registratienummer",
    ], "employee_number"),
    **dict.fromkeys([
        "email", "emailwerk", "emailadres", "emailaddress", "emailadreswerk", "werkemail", "emailzakelijk",
        "zakelijkemail", "zakelijkemailadres", "emailwork", "workemail", "workemailaddress",
        "primaryworkemail", "mail", "emailbedrijf", "emailadreszakelijk", "emailwerkadres",
    ], "email"),
    **dict.fromkeys([
        "roepnaam", "voornaam", "voornamen", "firstname", "givenname", "preferredname", "preferredfirstname",
        "legalfirstname", "forename",
    ], "first_name"),
    **dict.fromkeys([
        "voorvoegsel", "voorvoegsels", "tussenvoegsel", "tussenvoegsels", "prefix", "nameprefix",
        "voorvoegselachternaam", "voorvoegselgeboortenaam",
    ], "name_prefix"),
    **dict.fromkeys([
        "achternaam", "geslachtsnaam", "familienaam", "lastname", "surname", "familyname", "legallastname",
        "geboortenaam",
    ], "last_name"),
    **dict.fromkeys([
        "afdeling", "afdelingsnaam", "organisatorischeeenheid", "organisatieeenheid", "orgeenheid", "team",
        "department", "departmentname", "orgunit", "organisationalunit", "organizationalunit",
        "supervisoryorganization", "organisatieonderdeel",
    ], "team"),
    **dict.fromkeys([
        "functie", "functienaam", "functiebenaming", "functieomschrijving", "jobtitle", "job", "position",
        "positiontitle", "businesstitle", "title",
    ], "job_title"),
    **dict.fromkeys([
        "leidinggevende", "leidinggevendenummer", "personeelsnummerleidinggevende", "leidinggevendepersnr",
        "emailleidinggevende", "manager", "managerid", "managernumber", "manageremployeeid", "manageremail",
        "supervisor", "supervisorid", "managerpersnr", "directleidinggevende", "linemanager",
    ], "manager"),
    **dict.fromkeys([
        "locatie", "vestiging", "standplaats", "werklocatie", "location", "worklocation", "office", "site",
    ], "location"),
    **dict.fromkeys([
        "uitdienst", "datumuitdienst", "einddatum", "einddatumdienstverband", "enddate", "terminationdate",
        "leavingdate", "contracteinde", "uitdienstdatum",
    ], "end_date"),
}  # fmt: skip
TOTAL_WORDS = ("totaal", "total", "subtotaal", "subtotal", "aantal", "count", "som", "sum")


def field_label(name: str) -> str:
    return {
        "employee_number": _("Employee number"),
        "email": _("E-mail address (work)"),
        "first_name": _("First name"),
        "name_prefix": _("Name prefix (van, de, ...)"),
        "last_name": _("Last name"),
        "team": _("Department or team"),
        "job_title": _("Job title"),
        "manager": _("Manager (employee number or e-mail)"),
        "location": _("Location"),
        "end_date": _("End of employment"),
    }[name]


def saved_headings(organization: Organization, kind: str) -> dict[str, str]:
    found = SavedMapping.objects.filter(organization=organization, kind=kind).first()
    return dict(found.headings) if found else {}


def remember_mapping(organization: Organization, kind: str, layout: Layout, rows: list[list[Cell]]) -> None:
    """Keep the confirmed headings, so the next export of the same system maps itself."""
    headings = saved_headings(organization, kind)
    for name, heading in layout.headings(rows).items():
        headings = {h: f for h, f in headings.items() if f != name}
        headings[heading] = name
    SavedMapping.objects.update_or_create(
        organization=organization, kind=kind, defaults={"headings": headings}
    )


def detect_layout(rows: list[list[Cell]], organization: Organization) -> Layout:
    """The header row and the columns, from the built-in headings and the ones this organisation confirmed."""
    saved = saved_headings(organization, SavedMapping.Kind.EMPLOYEES)
    layout = files.detect_layout(
        rows, aliases={**HEADER_ALIASES, **saved}, fields=FIELDS, required=REQUIRED, label=field_label
    )
    header = rows[layout.header_index] if rows else []
    for index, cell in enumerate(header[: files.MAX_COLUMNS]):
        heading = files.normalise(files.text_of(cell))
        if heading in PREFERRED and heading not in saved:
            layout.mapping[PREFERRED[heading]] = index
    return layout


# --- The dry run --------------------------------------------------------------------------------------


@dataclass(eq=False)
class RowResult:
    number: int  # the row number as the spreadsheet shows it
    values: dict[str, str]  # cleaned text per field
    columns: dict[str, str]  # field -> its column label ("E · E-mail (werk)")
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label, message)
    employee: Employee | None = None  # the existing record this row updates
    action: str = ""  # create, update, unchanged, leave
    changes: list[str] = field(default_factory=list)  # labels of the fields that change
    end_date: dt.date | None = None
    manager: RowResult | Employee | None = None

    @property
    def status(self) -> str:
        return "error" if self.errors else self.action

    @property
    def name(self) -> str:
        v = self.values
        return " ".join(p for p in (v.get("first_name"), v.get("name_prefix"), v.get("last_name")) if p)


@dataclass
class Plan(files.RowReport):
    layout: Layout
    results: list[RowResult]
    mapping_errors: list[str]
    full_export: bool = False
    deactivate: list[Employee] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why): empty and total rows

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def leaving(self) -> int:
        return self.count("leave")

    @property
    def deactivated(self) -> int:
        return len(self.deactivate) + self.leaving

    @property
    def changes_anything(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


class _Index:
    """Lookups over the organisation's people, loaded once."""

    def __init__(self, organization: Organization) -> None:
        self.people = list(access.employees_of_organization(organization))
        self.by_number = {e.employee_number.strip().casefold(): e for e in self.people if e.employee_number}
        self.by_email = {e.user.email.casefold(): e for e in self.people}
        self.teams = {t.name.casefold(): t for t in Team.objects.filter(organization=organization)}

    @staticmethod
    def taken_elsewhere(organization: Organization, emails: set[str]) -> set[str]:
        # E-mail addresses are unique across beklijf: one used by another organisation's employee or by a
        # provider's account cannot be given to this row (which one it is stays hidden).
        taken = User.objects.filter(email__in=emails).exclude(employee__organization=organization)
        return set(taken.values_list("email", flat=True))


def plan(
    organization: Organization,
    rows: list[list[Cell]],
    layout: Layout,
    *,
    full_export: bool = False,
    keep: Employee | None = None,
    today: dt.date | None = None,
) -> Plan:
    """What an import would do, row by row; writes nothing. `keep` is never deactivated (the importer)."""
    missing = [name for name in REQUIRED if layout.mapping.get(name) is None]
    if missing:
        message = _("Choose the column for: %(field)s.")
        return Plan(layout, [], [message % {"field": field_label(n)} for n in missing], full_export)
    today = today or timezone.localdate()
    index = _Index(organization)
    result = Plan(layout, [], [], full_export)
    for row_index in range(layout.header_index + 1, len(rows)):
        row = _read_row(rows[row_index], row_index + 1, layout, result)
        if row is not None:
            result.results.append(row)
    _check_rows(organization, result, index, today)
    _resolve_managers(result, index)
    for row in result.results:
        if not row.errors:
            _decide(row, layout, index)
    if full_export:
        present = {
            r.values["employee_number"].casefold() for r in result.results if r.values["employee_number"]
        }
        result.deactivate = [
            e for e in index.people
            if e.is_active and e.employee_number and e.employee_number.strip().casefold() not in present
            and (keep is None or e.pk != keep.pk)
        ]  # fmt: skip
    teams = {r.values["team"] for r in result.results if not r.errors and r.values.get("team")}
    result.new_teams = sorted({t for t in teams if t.casefold() not in index.teams}, key=str.casefold)
    return result


def _read_row(cells: list[Cell], number: int, layout: Layout, result: Plan) -> RowResult | None:
    """One row's cleaned values, or None (reported as skipped) for an empty row or a total row."""
    at = {name: layout.mapping.get(name) for name in FIELDS}
    raw = {name: (cells[i] if i is not None and i < len(cells) else None) for name, i in at.items()}
    if not any(clean.text(v) for v in cells):
        result.skipped.append((number, _("empty row")))
        return None
    values = {name: clean.text(value) for name, value in raw.items()}
    values["email"] = clean.email(raw["email"])
    if not values["email"]:
        words = " ".join(clean.text(v) for v in cells).casefold().split()
        if any(word.strip(":") in TOTAL_WORDS for word in words):
            result.skipped.append((number, _("total row")))
            return None
    values["name_prefix"], values["last_name"] = clean.split_last_name(
        values["last_name"], values["name_prefix"]
    )
    col = {name: layout.columns[i] if i is not None else "" for name, i in at.items()}
    row = RowResult(number=number, values=values, columns=col)
    for name in FIELDS:
        if at[name] is not None and clean.is_formula(raw[name]):
            message = _("The cell holds a formula (%(value)s), not a value. Paste the values only, or save the "
                        "file in Excel first.")  # fmt: skip
            row.errors.append((col[name], message % {"value": clean.text(raw[name])[:40]}))
    if at["end_date"] is not None:
        try:
            row.end_date = clean.date(raw["end_date"])
        except (ValueError, OverflowError):
            message = _("“%(value)s” is not a date. Write it as dd-mm-yyyy.")
            row.errors.append((col["end_date"], message % {"value": values["end_date"]}))
    return row


def _check_rows(organization: Organization, result: Plan, index: _Index, today: dt.date) -> None:
    seen_numbers: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    emails = {r.values["email"] for r in result.results if r.values["email"]}
    elsewhere = index.taken_elsewhere(organization, emails)
    for row in result.results:
        v, col = row.values, row.columns

        def fail(name: str, message: str, row: RowResult = row, v: dict = v, col: dict = col) -> None:
            row.errors.append((col[name], message % {"value": v[name], "max": MAX_LENGTH.get(name)}))

        if not v["employee_number"]:
            fail("employee_number", _("The employee number is missing."))
        if not v["email"]:
            fail("email", _("The e-mail address is missing."))
        else:
            try:
                validate_email(v["email"])
            except ValidationError:
                fail("email", _("“%(value)s” is not a valid e-mail address."))
        if not v["first_name"]:
            fail("first_name", _("The first name is missing."))
        if not v["last_name"]:
            fail("last_name", _("The last name is missing."))
        for name, limit in MAX_LENGTH.items():
            if len(v.get(name) or "") > limit:
                fail(name, _("“%(value)s” is too long (at most %(max)s characters)."))
        number, email = v["employee_number"].casefold(), v["email"]
        if number and number in seen_numbers:
            message = _("Duplicate employee number “%(value)s”: row %(row)s has it too.")
            row.errors.append((col["employee_number"], message % {"value": v["employee_number"],
                                                                  "row": seen_numbers[number]}))  # fmt: skip
        elif number:
            seen_numbers[number] = row.number
        if email and email in seen_emails:
            message = _("Duplicate e-mail address “%(value)s”: row %(row)s has it too.")
            row.errors.append((col["email"], message % {"value": email, "row": seen_emails[email]}))
        elif email:
            seen_emails[email] = row.number
        row.employee = index.by_number.get(number) if number else None
        owner = index.by_email.get(email)
        if row.employee is None and owner is not None and not owner.employee_number:
            row.employee = owner  # added by hand before: the HR file adopts them
        if email and owner is not None and row.employee is not None and owner.pk != row.employee.pk:
            message = _("The e-mail address “%(value)s” belongs to %(name)s (employee number %(number)s).")
            row.errors.append((col["email"], message % {"value": email, "name": owner.full_name,
                                                        "number": owner.employee_number or "-"}))  # fmt: skip
        elif email and owner is not None and row.employee is None:
            message = _("The e-mail address “%(value)s” belongs to %(name)s (employee number %(number)s).")
            row.errors.append((col["email"], message % {"value": email, "name": owner.full_name,
                                                        "number": owner.employee_number or "-"}))  # fmt: skip
        elif email in elsewhere:
            fail("email", _("The e-mail address “%(value)s” is already used by another account."))
        if row.end_date is not None and row.end_date <= today:
            row.action = "leave"


def _resolve_managers(result: Plan, index: _Index) -> None:
    """Every manager must be in the file (on a valid row) or already in beklijf, and no chain may loop."""
    in_file = {r.values["employee_number"].casefold() for r in result.results if r.values["employee_number"]}
    changed = True
    while changed:  # a row that fails may be someone else's manager: repeat until nothing new fails
        changed = False
        keys: dict[str, RowResult | Employee] = {}
        failed: dict[str, RowResult] = {}
        for e in index.people:
            if e.is_active and e.employee_number.strip().casefold() not in in_file:
                keys.setdefault(e.employee_number.strip().casefold(), e)
                keys.setdefault(e.user.email.casefold(), e)
        for r in result.results:
            target = failed if r.errors else keys
            target[r.values["employee_number"].casefold()] = r
            target[r.values["email"]] = r
        for r in result.results:
            wanted = r.values.get("manager", "")
            if r.errors or not wanted:
                continue
            key = clean.email(wanted) if "@" in wanted else wanted.casefold()
            found = keys.get(key)
            column = r.columns["manager"]
            if found is None and key in failed:
                message = _("The manager “%(value)s” is on row %(row)s, which has errors.")
                r.errors.append((column, message % {"value": wanted, "row": failed[key].number}))
                changed = True
            elif found is None:
                message = _("Unknown manager “%(value)s”: not an employee number or e-mail address in this file "
                            "or in beklijf.")  # fmt: skip
                r.errors.append((column, message % {"value": wanted}))
                changed = True
            elif isinstance(found, RowResult) and found.action == "leave":
                message = _("The manager “%(value)s” leaves (row %(row)s).")
                r.errors.append((column, message % {"value": wanted, "row": found.number}))
                changed = True
            else:
                r.manager = found
        if not changed:
            changed = _mark_cycles(result, index)


def _mark_cycles(result: Plan, index: _Index) -> bool:
    """Rows whose chain of managers (after the import) comes back to them get an error naming the loop."""
    row_of = {r.employee.pk: r for r in result.results if r.employee is not None and not r.errors}
    person_of = {e.pk: e for e in index.people}

    def up(node: RowResult | Employee) -> RowResult | Employee | None:
        if isinstance(node, RowResult):
            return node.manager
        if node.manager_id is None:
            return None
        return row_of.get(node.manager_id) or person_of.get(node.manager_id)

    def number(node: RowResult | Employee) -> str:
        return node.values["employee_number"] if isinstance(node, RowResult) else node.employee_number

    found = False
    for r in result.results:
        if r.errors or r.manager is None:
            continue
        chain: list[RowResult | Employee] = [r]
        seen = {id(r)}
        node = up(r)
        while node is not None and id(node) not in seen:
            chain.append(node)
            seen.add(id(node))
            node = up(node)
        if node is r:
            names = " → ".join(number(n) for n in [*chain, r])
            message = _("Manager cycle: %(chain)s. Someone in this chain must have another manager.")
            r.errors.append((r.columns["manager"], message % {"chain": names}))
            found = True
    return found


def _decide(row: RowResult, layout: Layout, index: _Index) -> None:
    """create, update (with the changed fields), unchanged or leave."""
    e, v = row.employee, row.values
    if row.action == "leave":
        if e is None or not e.is_active:
            row.action = "unchanged"  # left before, or never here: nothing to do
        return
    if e is None:
        row.action = "create"
        return
    mapped = {name for name in FIELDS if layout.mapping.get(name) is not None}
    wanted = {"employee_number": v["employee_number"], "first_name": v["first_name"],
              "name_prefix": v["name_prefix"], "last_name": v["last_name"]}  # fmt: skip
    for name in ("job_title", "location"):
        if name in mapped:
            wanted[name] = v[name]
    for name, value in wanted.items():
        if getattr(e, name) != value:
            row.changes.append(field_label(name))
    if e.user.email != v["email"]:
        row.changes.append(field_label("email"))
    if "team" in mapped and (e.team.name.casefold() if e.team else "") != v["team"].casefold():
        row.changes.append(field_label("team"))
    if "manager" in mapped and _manager_pk(row.manager) != e.manager_id:
        row.changes.append(field_label("manager"))
    if not e.is_active:
        row.changes.append(_("active again"))
    row.action = "update" if row.changes else "unchanged"


def _manager_pk(manager: RowResult | Employee | None) -> int | None:
    if isinstance(manager, RowResult):
        return manager.employee.pk if manager.employee is not None else -1  # -1: a person still to create
    return manager.pk if manager is not None else None


# --- The import -----------------------------------------------------------------------------------------


@transaction.atomic
def apply(
    organization: Organization,
    rows: list[list[Cell]],
    layout: Layout,
    *,
    full_export: bool = False,
    valid_only: bool = False,
    keep: Employee | None = None,
    today: dt.date | None = None,
) -> tuple[Plan, bool]:
    """Import in one transaction: (the plan, True) when written; (the plan, False) and nothing written when a
    row is invalid, unless valid_only: then the invalid rows are skipped and the rest is imported."""
    result = plan(organization, rows, layout, full_export=full_export, keep=keep, today=today)
    if result.mapping_errors or (result.invalid and not valid_only):
        return result, False
    teams = _teams(organization, result, layout)
    valid = [r for r in result.results if not r.errors]
    _create(organization, [r for r in valid if r.action == "create"], teams, layout)
    _update([r for r in valid if r.action == "update"], teams, layout)
    _set_managers(valid, layout)
    leavers = [r.employee for r in valid if r.action == "leave" and r.employee is not None]
    services.deactivate_employees(employees=[*leavers, *result.deactivate])
    remember_mapping(organization, SavedMapping.Kind.EMPLOYEES, layout, rows)
    return result, True


def _teams(organization: Organization, result: Plan, layout: Layout) -> dict[str, Team]:
    teams = {t.name.casefold(): t for t in Team.objects.filter(organization=organization)}
    for name in result.new_teams:
        teams[name.casefold()] = Team.objects.create(organization=organization, name=name)
    return teams


def _create(
    organization: Organization, rows: list[RowResult], teams: dict[str, Team], layout: Layout
) -> None:
    users = []
    for r in rows:
        user = User(email=r.values["email"], username=r.values["email"])
        user.set_unusable_password()  # they sign in through "forgot password" or a sign-in link
        users.append(user)
    User.objects.bulk_create(users, batch_size=500)
    people = []
    for r, user in zip(rows, users, strict=True):
        r.employee = Employee(organization=organization, user=user, working_days=list(DEFAULT_WORKING_DAYS))
        _copy(r, r.employee, teams, layout)
        people.append(r.employee)
    Employee.objects.bulk_create(people, batch_size=500)


def _copy(row: RowResult, employee: Employee, teams: dict[str, Team], layout: Layout) -> None:
    v = row.values
    employee.employee_number = v["employee_number"]
    employee.first_name, employee.name_prefix, employee.last_name = (
        v["first_name"],
        v["name_prefix"],
        v["last_name"],
    )
    for name in ("job_title", "location"):
        if layout.mapping.get(name) is not None:
            setattr(employee, name, v[name])
    if layout.mapping.get("team") is not None:
        employee.team = teams.get(v["team"].casefold()) if v["team"] else None


def _update(rows: list[RowResult], teams: dict[str, Team], layout: Layout) -> None:
    people, users = [], []
    for r in rows:
        employee = r.employee
        assert employee is not None
        _copy(r, employee, teams, layout)
        if not employee.is_active:
            services.reactivate_employee(employee=employee)
        people.append(employee)
        if employee.user.email != r.values["email"]:
            employee.user.email = employee.user.username = r.values["email"]
            users.append(employee.user)
    fields = ["employee_number", "first_name", "name_prefix", "last_name", "job_title", "location", "team"]
    Employee.objects.bulk_update(people, fields, batch_size=500)
    User.objects.bulk_update(users, ["email", "username"], batch_size=500)


def _set_managers(rows: list[RowResult], layout: Layout) -> None:
    if layout.mapping.get("manager") is None:
        return
    # One UPDATE per manager (a few hundred at most) instead of bulk_update's CASE over every row.
    by_manager: dict[int | None, list[int]] = {}
    for r in rows:
        if r.employee is None or r.action == "leave":
            continue
        manager = r.manager.employee if isinstance(r.manager, RowResult) else r.manager
        manager_id = manager.pk if manager is not None else None
        if r.employee.manager_id != manager_id:
            r.employee.manager_id = manager_id
            by_manager.setdefault(manager_id, []).append(r.employee.pk)
    for manager_id, pks in by_manager.items():
        for start in range(0, len(pks), 500):
            Employee.objects.filter(pk__in=pks[start : start + 500]).update(manager_id=manager_id)
