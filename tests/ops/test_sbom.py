"""A software bill of materials (ASVS 15.1.2) is produced from the installed environment, as CI does, and
names every component the product runs on with its exact version."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sbom_lists_the_installed_components_with_their_versions(tmp_path: Path) -> None:
    out = tmp_path / "sbom.cdx.json"
    cyclonedx = Path(sys.executable).with_name("cyclonedx-py")
    subprocess.run(
        [str(cyclonedx), "environment", "--of", "JSON", "--pyproject", str(ROOT / "pyproject.toml"), "-o", str(out),
         sys.executable],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sbom = json.loads(out.read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["metadata"]["component"]["name"] == "beklijf"
    components = {c["name"].lower(): c["version"] for c in sbom["components"]}
    for name in ("django", "fsrs", "django-otp", "weasyprint", "psycopg"):
        assert components.get(name) == version(name), name
