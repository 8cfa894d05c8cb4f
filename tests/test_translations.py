"""The Dutch catalogue is complete: no untranslated or fuzzy entry, and the compiled file is fresh."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src/beklijf/locale/nl/LC_MESSAGES"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext (msgfmt) is not installed")
def test_dutch_catalogue_is_complete_and_compiled(tmp_path: Path) -> None:
    po = LOCALE / "django.po"
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"), str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "fuzzy" not in stats and "untranslated" not in stats, stats
    assert (tmp_path / "x.mo").read_bytes() == (LOCALE / "django.mo").read_bytes(), "run `make messages`"
