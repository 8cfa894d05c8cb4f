"""Uploaded spreadsheets, checked before any parser sees them, and the header row found in them.

Shared by every import (skills matrix, HR, completions). Checks: size, extension, magic bytes, and for a
workbook the zip directory (entry count, declared uncompressed size, per-entry ratio: zip bombs); openpyxl
then reads with defusedxml (no entities, no external references: billion laughs and XXE are refused).
Exports neutralise spreadsheet formulas: a text cell starting with = + - @ tab, CR or NUL gets a leading '.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ZIP_ENTRIES = 100  # a one-sheet workbook has about ten
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all entries together, as declared in the zip directory
MAX_RATIO = 100  # per entry: uncompressed / compressed
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10
MAX_COLUMNS = 100  # offered in the column mapping
STALE_AFTER_SECONDS = 24 * 3600

KINDS = ("xlsx", "csv")
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\0")
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


class Formula(str):
    """A workbook cell holding a formula that has no computed value (the file was never opened in Excel)."""

    __slots__ = ()


Cell = str | int | float | dt.date | None


class RowReport:
    """What every import plan reports about its rows (the HR import and the completions import): counts per
    status, and each error by row and column. Subclasses are dataclasses with `results` (rows carrying
    `status`, `number` and `errors`) and `mapping_errors`."""

    results: list
    mapping_errors: list[str]

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.results)

    @property
    def invalid(self) -> int:
        return self.count("error")

    @property
    def errors(self) -> list[tuple[int, str, str]]:
        """(row, column, message) of every error, in file order."""
        return [(r.number, column, message) for r in self.results for column, message in r.errors]

    @property
    def ok(self) -> bool:
        return not self.mapping_errors and not self.invalid


class ImportRefused(Exception):
    """The file is refused as a whole; the message is shown to the user."""


def normalise(text: object) -> str:
    """Header text for matching: lower case, letters and digits only ("E-mail (werk)" -> "emailwerk")."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def column_letter(index: int) -> str:
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


def _sheet_rows(data: bytes, *, data_only: bool) -> list[list[Cell]]:
    import openpyxl

    rows: list[list[Cell]] = []
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            rows.append([_plain(v) for v in row])
            if len(rows) > MAX_ROWS:
                break
    finally:
        workbook.close()
    return rows


def _has_formulas(data: bytes) -> bool:
    # Sizes were checked by _check_zip; a formula is an <f> element in a worksheet part.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            name.startswith("xl/worksheets/") and re.search(rb"<(?:\w+:)?f[ >/]", archive.read(name))
            for name in archive.namelist()
        )


def _read_xlsx(data: bytes) -> list[list[Cell]]:
    """The values Excel computed; a formula without a computed value comes back as a Formula (its text)."""
    try:
        rows = _sheet_rows(data, data_only=True)
        if _has_formulas(data):
            formulas = _sheet_rows(data, data_only=False)
            for row, formula_row in zip(rows, formulas, strict=False):
                for index, (value, formula) in enumerate(zip(row, formula_row, strict=False)):
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        row[index] = Formula(formula)
    except ImportRefused:
        raise
    except Exception as exc:  # defusedxml's refusals, damaged XML, missing parts: all "cannot be read"
        raise ImportRefused(_("The workbook cannot be read. Save it again in Excel as .xlsx.")) from exc
    return rows


def _plain(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.date):
        return value  # dates stay dates (datetime is a date): the importers read them as such
    return str(value)


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
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
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


# --- The header row and the column mapping ------------------------------------------------------------


@dataclass
class Layout:
    """Where the header row is and which column holds which field."""

    header_index: int  # 0-based index of the header row in the rows
    columns: list[str]  # the header row's labels, e.g. "C · Niveau"
    mapping: dict[str, int | None]  # field -> 0-based column
    fields: tuple[str, ...]
    label: Callable[[str], str]  # field -> its name in the user's language

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    def selects(self) -> list[tuple[str, str, int | None]]:
        """(field, label, chosen column) for the mapping form."""
        return [(name, self.label(name), self.mapping.get(name)) for name in self.fields]

    def headings(self, rows: list[list[Cell]]) -> dict[str, str]:
        """field -> the header text of its column, to remember a confirmed mapping."""
        header = rows[self.header_index] if self.header_index < len(rows) else []
        found = {}
        for name, index in self.mapping.items():
            if index is not None and index < len(header) and normalise(text_of(header[index])):
                found[name] = normalise(text_of(header[index]))
        return found


def _mapping_for(
    header: list[Cell], aliases: dict[str, str], fields: tuple[str, ...]
) -> dict[str, int | None]:
    mapping: dict[str, int | None] = dict.fromkeys(fields)
    for index, cell in enumerate(header[:MAX_COLUMNS]):
        name = aliases.get(normalise(text_of(cell)))
        if name is not None and name in mapping and mapping[name] is None:
            mapping[name] = index
    return mapping


def detect_layout(
    rows: list[list[Cell]],
    *,
    aliases: dict[str, str],
    fields: tuple[str, ...],
    required: tuple[str, ...],
    label: Callable[[str], str],
) -> Layout:
    """The header row: the first of the top rows naming every required field (a title may sit above);
    failing that, the top row naming the most fields."""
    best_index, best_mapping, best_count = 0, dict.fromkeys(fields), 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = _mapping_for(row, aliases, fields)
        count = sum(v is not None for v in mapping.values())
        if all(mapping[name] is not None for name in required):
            best_index, best_mapping = index, mapping
            break
        if count > best_count:
            best_index, best_mapping, best_count = index, mapping, count
    return Layout(best_index, _labels(rows, best_index), best_mapping, fields, label)


def _labels(rows: list[list[Cell]], header_index: int) -> list[str]:
    header = rows[header_index] if header_index < len(rows) else []
    width = min(max((len(r) for r in rows), default=0), MAX_COLUMNS)
    labels = []
    for index in range(width):
        name = text_of(header[index]) if index < len(header) else ""
        labels.append(f"{column_letter(index)} · {name}" if name else column_letter(index))
    return labels


def layout_with(detected: Layout, posted: dict[str, str]) -> Layout:
    """The detected layout with the user's corrections ("" = not in the file)."""
    mapping = dict(detected.mapping)
    for name in detected.fields:
        value = posted.get(name)
        if value is None:
            continue
        mapping[name] = int(value) if value.isdigit() and int(value) < len(detected.columns) else None
    return Layout(detected.header_index, detected.columns, mapping, detected.fields, detected.label)


# --- Uploaded files between the dry run and the import -------------------------------------------------


def _import_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(data: bytes, kind: str) -> str:
    """Keep an upload under a generated name (never the user's) until it is imported; returns its handle."""
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


def read_upload(upload) -> tuple[bytes, str, list[list[Cell]]]:  # noqa: ANN001
    """An uploaded file (Django's UploadedFile) checked and read: (data, kind, rows); raises ImportRefused."""
    kind = kind_for(upload.name)
    check_size(upload.size)
    data = upload.read(MAX_BYTES + 1)
    check_upload(data, kind)
    return data, kind, read_rows(data, kind)


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula gets a leading ' (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value
