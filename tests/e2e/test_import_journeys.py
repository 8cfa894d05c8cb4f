"""The L&D admin uploads a messy HR export in a real browser, reads the report, and imports the valid rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from beklijf.people.models import Employee
from tests import factories
from tests.e2e.conftest import log_in
from tests.imports.sheets import xlsx
from tests.imports.test_hr import messy_rows

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ld_admin_uploads_a_messy_file_and_sees_the_report(page, world, settings, tmp_path: Path) -> None:  # noqa: ANN001
    settings.VAR_DIR = tmp_path
    export = tmp_path / "Medewerkers AFAS.xlsx"
    export.write_bytes(xlsx(messy_rows(world.employee)))
    log_in(page, world.ld_admin.user.email, factories.PASSWORD)
    page.click('nav a[href="/imports/employees/"]')
    page.set_input_files("#id_file", str(export))
    page.click("#upload")
    summary = page.inner_text("#summary")
    assert summary == "3 to create, 0 to update, 1 to deactivate, 0 unchanged, 10 rows with errors."
    errors = page.inner_text("#row-errors")
    assert "Row 7, column E · E-mail (werk): “piet-at-acme” is not a valid e-mail address." in errors
    assert "Row 9, column A · Personeelsnummer: Duplicate employee number “1002”: row 5 has it too." in errors
    assert "Row 11, column H · Leidinggevende: Unknown manager “9999”" in errors
    assert "Row 14, column B · Roepnaam: The cell holds a formula" in errors
    assert page.locator("#map-email").input_value() == "4"  # E · E-mail (werk), found by itself
    page.screenshot(path=str(tmp_path / "import-report.png"), full_page=True)
    page.click("#import-valid")
    page.wait_for_selector(".messages")
    assert "3 created, 0 updated, 1 deactivated" in page.inner_text(".messages")
    assert (
        Employee.objects.filter(organization=world.org, employee_number__in=["1001", "1002", "1003"]).count()
        == 3
    )
