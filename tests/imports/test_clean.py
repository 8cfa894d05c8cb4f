"""Cleaning values as HR systems deliver them (plain functions, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from beklijf.imports import clean
from beklijf.imports.files import Formula


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 3, 1, 0, 0), dt.date(2026, 3, 1)),  # an Excel date cell
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
        (46082, dt.date(2026, 3, 1)),  # an Excel day number in a General cell
        (46082.0, dt.date(2026, 3, 1)),
        ("46082", dt.date(2026, 3, 1)),  # the same number through a CSV
        ("01-03-2026", dt.date(2026, 3, 1)),
        ("1-3-2026", dt.date(2026, 3, 1)),
        (" 01/03/2026 ", dt.date(2026, 3, 1)),
        ("01.03.2026", dt.date(2026, 3, 1)),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("01/03/26, 14:05", dt.date(2026, 3, 1)),  # Moodle's short date and time
        ("01-03-99", dt.date(1999, 3, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_the_forms_a_spreadsheet_gives(value: object, expected: dt.date | None) -> None:
    assert clean.date(value) == expected


@pytest.mark.parametrize("value", ["31-02-2026", "32-13-2025", "maart 2026", "1-3-226", 0, -5, "2026/13/01"])
def test_what_is_not_a_date_is_an_error(value: object) -> None:
    with pytest.raises(ValueError):
        clean.date(value)


@pytest.mark.parametrize(
    ("last", "prefix", "expected"),
    [
        ("Berg", "van der", ("van der", "Berg")),  # a prefix column: kept as written
        ("van der Berg", "", ("van der", "Berg")),
        ("Van Der Berg", "", ("Van Der", "Berg")),  # capitals as the person writes them
        ("Berg, van der", "", ("van der", "Berg")),  # the sorted form
        ("de Vries", "", ("de", "Vries")),
        ("De Smet", "", ("De", "Smet")),
        ("in 't Veld", "", ("in 't", "Veld")),
        ("Dekker", "", ("", "Dekker")),  # "De" is not a particle inside a name
        ("van", "", ("", "van")),  # a particle alone is a name
    ],
)
def test_name_particles(last: str, prefix: str, expected: tuple[str, str]) -> None:
    assert clean.split_last_name(last, prefix) == expected


def test_text_and_email() -> None:
    assert clean.text("  Jan\u00a0 Willem ") == "Jan Willem"
    assert clean.text(1001.0) == "1001"  # an employee number that Excel made a number
    assert clean.email(" mailto:<J.Jansen@Acme.Example.COM> ") == "j.jansen@acme.example.com"
    assert clean.is_formula(Formula('=A1&" "&B1')) and clean.is_formula("=HYPERLINK(x)")
    assert clean.is_formula("@SUM(A1)") and not clean.is_formula("Anne-Marie") and not clean.is_formula(None)
