"""Messy, real-looking spreadsheets built in the tests: title rows, Dutch headings, formulas, dates."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

HR_HEADER = ["Personeelsnummer", "Roepnaam", "Voorvoegsel", "Achternaam", "E-mail (werk)",
             "Afdeling", "Functie", "Leidinggevende", "Datum uit dienst"]  # fmt: skip


def xlsx(rows: list[list], *, title: str | None = "Medewerkers per 1-11-2026 (export AFAS)") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Medewerkers"
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)
