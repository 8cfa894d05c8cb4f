"""Cleaning cell values as HR systems and spreadsheets deliver them: spaces, e-mail case, name particles, dates.

Plain functions on plain values, so they are easy to test and to reuse in every import.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from beklijf.imports.files import Cell, Formula, text_of

# Dutch (and Flemish, German, French) particles that go before a last name, longest first.
PARTICLES = sorted(
    [
        "van der", "van den", "van de", "van het", "van 't", "van", "de", "den", "der", "het", "'t", "ten",
        "ter", "te", "in 't", "in den", "in de", "op de", "op den", "op 't", "uit de", "uit den", "von", "zu",
        "von der", "du", "la", "le", "d'",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_SPACES = re.compile(r"\s+")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug folded in)
_TEXT_DATE = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?")


def text(value: Cell) -> str:
    """Trimmed, with runs of spaces (including non-breaking ones) made one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text_of(value)).replace("\u00a0", " ")).strip()


def email(value: Cell) -> str:
    """An e-mail address as typed by HR: spaces, capitals, "mailto:" and <> taken off."""
    address = text(value).replace(" ", "")
    if address.lower().startswith("mailto:"):
        address = address[7:]
    return address.strip("<>").lower()


def split_last_name(last_name: str, prefix: str) -> tuple[str, str]:
    """(prefix, last name) with the particles kept exactly as written.

    "van der Berg" with no prefix column -> ("van der", "Berg"); "Berg, van der" (the sorted form some HR
    systems export) -> ("van der", "Berg"); "De Vries" keeps its capital D: Flemish names write it so.
    """
    if prefix:
        return prefix, last_name
    if "," in last_name:
        name, _comma, rest = last_name.partition(",")
        if rest.strip().casefold() in PARTICLES:
            return rest.strip(), name.strip()
    lowered = last_name.casefold()
    for particle in PARTICLES:
        if lowered.startswith(particle + " ") and len(last_name) > len(particle) + 1:
            return last_name[: len(particle)], last_name[len(particle) + 1 :].strip()
    return "", last_name


def is_formula(value: Cell) -> bool:
    """A formula Excel never computed, or text that a spreadsheet would run as one (=, +, @)."""
    return isinstance(value, Formula) or (isinstance(value, str) and text(value)[:1] in ("=", "+", "@"))


def date(value: Cell) -> dt.date | None:
    """A date from a date cell, an Excel day number, or text: dd-mm-yyyy, dd/mm/yy, yyyy-mm-dd, d.m.yyyy.

    Raises ValueError for text that is not a date; None for an empty cell. Day first, as in the Netherlands.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # Excel's range: 1900-01-01 .. 9999-12-31
            raise ValueError(value)
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    raw = text(value)
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 5:  # a day number that came through a CSV
        return date(int(raw))
    match = _TEXT_DATE.fullmatch(raw)
    if match is None:
        raise ValueError(raw)
    a, b, c = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        day, month, year = int(a), int(b), int(c)
        if len(c) == 2:
            year += 2000 if year < 70 else 1900
        elif len(c) != 4:
            raise ValueError(raw)
    return dt.date(year, month, day)  # raises ValueError for 31-02-2026
