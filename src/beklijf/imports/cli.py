"""What the import commands share: reading the file, choosing the organisation, applying a --mapping file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.management.base import CommandError

from beklijf.imports import files
from beklijf.imports.files import Cell, Layout
from beklijf.people.models import Organization

_LETTERS = re.compile(r"[A-Z]{1,3}")


def organization_for(slug: str | None) -> Organization:
    if slug:
        found = Organization.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"No organisation with the short name {slug!r}.")
        return found
    organizations = list(Organization.objects.all()[:2])
    if len(organizations) != 1:
        raise CommandError("Name the organisation with --org SLUG (there is not exactly one).")
    return organizations[0]


def read(path: str) -> list[list[Cell]]:
    file = Path(path)
    try:
        kind = files.kind_for(file.name)
        files.check_size(file.stat().st_size)
        data = file.read_bytes()
        files.check_upload(data, kind)
        return files.read_rows(data, kind)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
    except files.ImportRefused as refused:
        raise CommandError(str(refused)) from refused


def with_mapping(layout: Layout, rows: list[list[Cell]], path: str | None) -> Layout:
    """Apply a JSON file {"field": "heading" or "column letter"}; "" or null means: not in the file."""
    if not path:
        return layout
    try:
        wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommandError(f"Cannot read the mapping {path}: {exc}") from exc
    if not isinstance(wanted, dict) or not all(isinstance(k, str) for k in wanted):
        raise CommandError('The mapping is a JSON object: {"email": "E-mail (werk)", "team": "F"}.')
    unknown = sorted(set(wanted) - set(layout.fields))
    if unknown:
        raise CommandError(
            f"Unknown fields in the mapping: {', '.join(unknown)}. Known: {', '.join(layout.fields)}."
        )
    header = rows[layout.header_index] if rows else []
    headings = [files.normalise(files.text_of(c)) for c in header]
    posted: dict[str, str] = {}
    for name, target in wanted.items():
        if not target:
            posted[name] = ""
        elif isinstance(target, str) and files.normalise(target) in headings:
            posted[name] = str(headings.index(files.normalise(target)))
        elif isinstance(target, str) and _LETTERS.fullmatch(target.strip().upper()):
            from openpyxl.utils import column_index_from_string

            posted[name] = str(column_index_from_string(target.strip().upper()) - 1)
        else:
            raise CommandError(
                f"The mapping names a column that is not in row {layout.header_row}: {target!r}."
            )
    return files.layout_with(layout, posted)


def print_errors(stdout, plan) -> None:  # noqa: ANN001
    for row, why in plan.skipped:
        stdout.write(f"  skipped row {row}: {why}")
    for row, column, message in plan.errors:
        where = f"row {row}, column {column}" if column else f"row {row}"
        stdout.write(f"  {where}: {message}")
