"""`beklijf backup` / `beklijf restore` on the database the suite runs on (SQLite in `make test`,
PostgreSQL in `make test-pg`, both in CI): what was there comes back, what came after is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beklijf.catalog.models import Training
from beklijf.people.models import Employee
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_every_row_and_undoes_what_came_after(tmp_path: Path) -> None:
    org = factories.organization("Backup BV")
    kept = [factories.employee(org, first_name=f"Kept{i}") for i in range(3)]
    training = factories.training(org)
    file = tmp_path / "beklijf.backup"
    call_command("backup", str(file))
    assert file.stat().st_size > 0

    Employee.objects.filter(pk=kept[0].pk).delete()  # an accident after the backup
    Training.objects.filter(pk=training.pk).update(title="Overwritten")
    late = factories.employee(org, first_name="Late")

    call_command("restore", str(file), "--yes")
    names = set(Employee.objects.filter(organization_id=org.pk).values_list("first_name", flat=True))
    assert names == {"Kept0", "Kept1", "Kept2"}
    assert not Employee.objects.filter(pk=late.pk).exists()
    assert Training.objects.get(pk=training.pk).title == training.title
    # The restored database works for writes too.
    factories.employee(org, first_name="After")
    assert Employee.objects.filter(organization=org).count() == 4


def test_a_wrong_file_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    org = factories.organization("Untouched")
    factories.employee(org)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a backup")
    with pytest.raises(CommandError, match="not a .* backup"):
        call_command("restore", str(wrong), "--yes")
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.backup"), "--yes")
    assert Employee.objects.filter(organization=org).count() == 1


def test_restore_without_yes_and_no_terminal_refuses(tmp_path: Path) -> None:
    file = tmp_path / "b.backup"
    call_command("backup", str(file))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(file))
