"""`beklijf import employees|completions ...`: through call_command, and once as an operator runs it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from beklijf.catalog.models import Enrollment
from beklijf.people.models import Employee
from beklijf.practice.models import MemoryState
from tests import factories
from tests.conftest import World
from tests.imports.sheets import csv_bytes, xlsx
from tests.imports.test_completions import moodle_csv
from tests.imports.test_hr import CLEAN, messy_rows

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_employees_dry_run_then_real_then_again(tmp_path: Path) -> None:
    org = factories.organization()
    factories.organization()  # two organisations: --org is needed
    path = tmp_path / "afas.csv"
    path.write_bytes(csv_bytes(CLEAN))
    with pytest.raises(CommandError, match="--org"):
        _run("import_employees", str(path))
    out = _run("import_employees", str(path), "--org", org.slug, "--dry-run")
    assert "dry run: 3 created, 0 updated, 0 deactivated, 0 unchanged, 0 rows with errors" in out
    assert not Employee.objects.filter(organization=org).exists()
    assert "imported: 3 created" in _run("import_employees", str(path), "--org", org.slug)
    assert "imported: 0 created, 0 updated, 0 deactivated, 3 unchanged" in _run(
        "import_employees", str(path), "--org", org.slug
    )


def test_import_employees_reports_row_errors_and_writes_nothing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "messy.xlsx"
    path.write_bytes(xlsx(messy_rows(world.employee)))
    before = Employee.objects.count()
    with pytest.raises(CommandError, match="Nothing was imported"):
        _run("import_employees", str(path), "--org", world.org.slug)
    assert Employee.objects.count() == before
    out = _run("import_employees", str(path), "--org", world.org.slug, "--valid-only")
    assert "imported: 3 created" in out and "row 7, column E · E-mail (werk): “piet-at-acme”" in out
    assert Employee.objects.count() == before + 3


def test_a_mapping_file_names_the_columns(tmp_path: Path) -> None:
    org = factories.organization()
    path = tmp_path / "hr.csv"
    path.write_bytes(
        csv_bytes([["Nr.", "Voornaam", "Achternaam", "Mailadres werkgever"], ["7", "Ina", "Ik", "I@X.nl"]])
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"employee_number": "A", "email": "Mailadres werkgever"}))
    with translation.override("en"):  # the messages are translated; read them in English here
        with pytest.raises(CommandError, match="Choose the column for: Employee number"):
            _run("import_employees", str(path), "--org", org.slug)
        assert "1 created" in _run(
            "import_employees", str(path), "--org", org.slug, "--mapping", str(mapping)
        )
        assert Employee.objects.get(organization=org).email == "i@x.nl"
        mapping.write_text(json.dumps({"salary": "B"}))
        with pytest.raises(CommandError, match="Unknown fields in the mapping: salary"):
            _run("import_employees", str(path), "--org", org.slug, "--mapping", str(mapping))


def test_import_completions_from_moodle(world: World, tmp_path: Path) -> None:
    path = tmp_path / "completion-veilig.csv"
    path.write_bytes(moodle_csv(world, timezone.localdate() - dt.timedelta(days=1)))
    args = ("import_completions", str(path), "--org", world.org.slug, "--session", str(world.session.code))
    out = _run(*args, "--dry-run")
    assert "dry run: 2 completed, 0 already completed, 1 not completed, 1 not found" in out
    assert "not found, row 5: Karel Extern" in out and MemoryState.objects.count() == 0
    assert "imported: 2 completed" in _run(*args)
    assert Enrollment.objects.get(pk=world.enrollment.pk).status == Enrollment.Status.COMPLETED
    assert (
        MemoryState.objects.filter(employee=world.employee).count() == world.training.learning_points.count()
    )
    assert "imported: 0 completed, 2 already completed" in _run(*args)


def test_the_beklijf_command_imports_employees(tmp_path: Path) -> None:
    """As an operator runs it: `beklijf import employees FILE --dry-run`, then for real, on a fresh database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DEBUG="true", BEKLIJF_HTTPS="false", BEKLIJF_VAR_DIR=str(tmp_path), EMAIL_URL="locmem://")
    beklijf = [sys.executable, "-m", "beklijf.cli"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*beklijf, *args], env=env, capture_output=True, text=True, timeout=300)

    assert run("manage", "migrate", "--noinput").returncode == 0
    create = "from beklijf.people.models import Organization; Organization.objects.create(name='Acme', slug='acme')"
    assert run("manage", "shell", "-c", create).returncode == 0
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx(CLEAN))
    dry = run("import", "employees", str(path), "--dry-run")
    assert dry.returncode == 0 and "acme: dry run: 3 created" in dry.stdout, dry.stderr
    real = run("import", "employees", str(path), "--org", "acme")
    assert real.returncode == 0 and "acme: imported: 3 created" in real.stdout, real.stderr
    assert run("import", "nonsense").returncode == 2
