"""pip-audit for CI: fail on any known vulnerability; never pass quietly over a package it could not check.

pip-audit skips a package it cannot look up and still says "No known vulnerabilities found". This wrapper
lists every skipped package loudly, and fails when BEKLIJF_AUDIT_STRICT=1 (set it where the vulnerability
service is reachable). On the build machines the PyPI JSON API answers 404 and OSV is not reachable, so
there the audit can only report what it could not check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "audit.json"
        run = subprocess.run(  # noqa: S603 - our own venv's pip-audit
            [str(BIN / "pip-audit"), "--progress-spinner", "off", "--skip-editable", "-f", "json", "-o", str(out)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not out.exists():
            print(run.stdout, run.stderr, sep="\n")
            print("pip-audit did not run", file=sys.stderr)
            return 1
        report = json.loads(out.read_text())
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    audited = len(deps) - len(skipped)
    print(
        f"pip-audit: {len(deps)} packages, {audited} audited, {len(vulnerable)} vulnerable, {len(skipped)} NOT audited"
    )
    if skipped:
        print("NOT AUDITED (the vulnerability service could not be asked about these):")
        for dep in skipped:
            print(f"  {dep['name']} {dep.get('version', '?')}: {dep['skip_reason']}")
    if vulnerable:
        return 1
    if skipped and os.environ.get("BEKLIJF_AUDIT_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
