"""Import and export of the skills matrix (assessments) as XLSX and CSV, for L&D admins.

One row per employee × skill × source: employee (number or e-mail), skill (name), level (0-4), source.
Uploads are checked before any parser sees them (size, extension, magic bytes, zip entry count and
uncompressed size); openpyxl then reads with defusedxml (no entities, no external references).
Exports neutralise spreadsheet formulas: a text cell starting with = + - @ tab, CR or NUL gets a leading '.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beklijf.needs import selectors, services
from beklijf.needs.models import Assessment, Skill
from beklijf.people import access
from beklijf.people.access import Actor
from beklijf.people.models import Employee

MAX_BYTES = 5 * 1024 * 1024
MAX_ZIP_ENTRIES = 100  # a one-sheet workbook has about ten
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all entries together, as declared in the zip directory
MAX_RATIO = 100  # per entry: uncompressed / compressed
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10
MAX_COLUMNS = 100  # offered in the column mapping
STALE_AFTER_SECONDS = 24 * 3600

KINDS = ("xlsx", "csv")
FIELDS = ("employee", "skill", "level", "source")
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\0")
TOKEN_RE = re.compile(r"[0-9a-f]{32}")

Cell = str | int | float | None

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


class ImportRefused(Exception):
    """The file is refused as a whole; the message is shown to the user."""


def field_label(name: str) -> str:
    return {
        "employee": _("Employee (number or e-mail)"),
        "skill": _("Skill"),
        "level": _("Level"),
        "source": _("Source"),
    }[name]


def _normalise(text: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- Reading an upload ------------------------------------------------------------------------------


def kind_for(filename: str) -> str:
    ext = Path(filename or "").suffix.lower().lstrip(".")
    if ext not in KINDS:
        raise ImportRefused(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    return ext


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": MAX_BYTES // 2**20}
        )


def check_upload(data: bytes, kind: str) -> None:
    """Size, magic bytes and (for a workbook) the zip directory, before any parser runs."""
    check_size(len(data))
    if not data:
        raise ImportRefused(_("The file is empty."))
    if kind == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ImportRefused(_("This is not an Excel workbook (.xlsx), although its name says so."))
        _check_zip(data)
    elif data.startswith(b"PK\x03\x04") or b"\0" in data:
        raise ImportRefused(_("This is not a CSV text file, although its name says so."))


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRefused(_("The workbook is damaged and cannot be read.")) from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ImportRefused(
            _("The workbook contains too many parts (%(n)s); it is refused.") % {"n": len(entries)}
        )
    total = sum(e.file_size for e in entries)
    too_dense = any(
        e.file_size > MAX_RATIO * max(e.compress_size, 1) and e.file_size > 2**20 for e in entries
    )
    if total > MAX_UNCOMPRESSED or too_dense:
        raise ImportRefused(_("The workbook unpacks to far more data than its size suggests; it is refused."))
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportRefused(_("This is not an Excel workbook (.xlsx), although its name says so."))


def read_rows(data: bytes, kind: str) -> list[list[Cell]]:
    """The cells of the first sheet (or the CSV), after check_upload."""
    rows = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    if len(rows) > MAX_ROWS:
        raise ImportRefused(
            _("The file has more than %(n)s rows. Split it into smaller files.") % {"n": MAX_ROWS}
        )
    return rows


def _read_xlsx(data: bytes) -> list[list[Cell]]:
    import openpyxl

    rows: list[list[Cell]] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for row in sheet.iter_rows(values_only=True):
                rows.append([_plain(v) for v in row])
                if len(rows) > MAX_ROWS:
                    break
        finally:
            workbook.close()
    except ImportRefused:
        raise
    except Exception as exc:  # defusedxml's refusals, damaged XML, missing parts: all "cannot be read"
        raise ImportRefused(_("The workbook cannot be read. Save it again in Excel as .xlsx.")) from exc
    return rows


def _plain(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)  # dates and the like: their text


def _read_csv(data: bytes) -> list[list[Cell]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRefused(_("The CSV file is not in UTF-8 or Windows-1252. Save it again as CSV UTF-8."))
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:
        raise ImportRefused(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc
    return rows


def text_of(value: Cell) -> str:
    """A cell as text; the ' our export puts before a formula-like value is taken off again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in DANGEROUS_START:
        text = text[1:]
    return text


# --- The column mapping -----------------------------------------------------------------------------


@dataclass
class Layout:
    header_index: int  # 0-based index of the header row in the rows
    columns: list[str]  # the header row's labels, e.g. "C · Niveau"
    mapping: dict[str, int | None]  # field → 0-based column

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    def selects(self) -> list[tuple[str, str, int | None]]:
        """(field, label, chosen column) for the mapping form."""
        return [(name, field_label(name), self.mapping.get(name)) for name in FIELDS]


def _mapping_for(header: list[Cell]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    for index, cell in enumerate(header):
        name = HEADER_ALIASES.get(_normalise(text_of(cell)))
        if name is not None and mapping[name] is None and index < MAX_COLUMNS:
            mapping[name] = index
    return mapping


def detect_layout(rows: list[list[Cell]]) -> Layout:
    """The header row: the first of the top rows naming employee, skill and level (a title may sit above)."""
    best_index, best_mapping, best_count = 0, dict.fromkeys(FIELDS), 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = _mapping_for(row)
        count = sum(v is not None for v in mapping.values())
        if mapping["employee"] is not None and mapping["skill"] is not None and mapping["level"] is not None:
            best_index, best_mapping = index, mapping
            break
        if count > best_count:
            best_index, best_mapping, best_count = index, mapping, count
    return Layout(best_index, _labels(rows, best_index), best_mapping)


def _labels(rows: list[list[Cell]], header_index: int) -> list[str]:
    header = rows[header_index] if header_index < len(rows) else []
    width = min(max((len(r) for r in rows), default=0), MAX_COLUMNS)
    labels = []
    for index in range(width):
        name = text_of(header[index]) if index < len(header) else ""
        labels.append(f"{_column_letter(index)} · {name}" if name else _column_letter(index))
    return labels


def layout_with(detected: Layout, posted: dict[str, str]) -> Layout:
    """The detected layout with the user's corrections ("" = not in the file)."""
    mapping = dict(detected.mapping)
    for name in FIELDS:
        value = posted.get(name)
        if value is None:
            continue
        mapping[name] = int(value) if value.isdigit() and int(value) < len(detected.columns) else None
    return Layout(detected.header_index, detected.columns, mapping)


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
    result.source = SOURCE_ALIASES.get(_normalise(values["source"]), "")
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


# --- Uploaded files between the dry run and the import -------------------------------------------------


def _import_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(data: bytes, kind: str) -> str:
    """Keep an upload under a generated name (never the user's) until it is imported; returns its token."""
    directory = _import_dir()
    cutoff = time.time() - STALE_AFTER_SECONDS
    for old in directory.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (directory / f"{token}.{kind}").write_bytes(data)
    return f"{token}.{kind}"


def _path_for(handle: str) -> tuple[Path, str] | None:
    token, _dot, kind = handle.partition(".")
    if not TOKEN_RE.fullmatch(token) or kind not in KINDS:
        return None
    return _import_dir() / f"{token}.{kind}", kind


def load(handle: str) -> tuple[bytes, str] | None:
    found = _path_for(handle)
    if found is None or not found[0].is_file():
        return None
    return found[0].read_bytes(), found[1]


def discard(handle: str) -> None:
    found = _path_for(handle)
    if found is not None:
        found[0].unlink(missing_ok=True)


# --- Export -------------------------------------------------------------------------------------------


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading ' (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


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
