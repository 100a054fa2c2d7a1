"""bandit with the project's configuration fails on an unreviewed medium finding and
passes one marked `# nosec BXXX: reason` (make security, .ci/run)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bandit(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-c",
            str(ROOT / "pyproject.toml"),
            "-r",
            str(folder),
            "--severity-level",
            "medium",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unreviewed_medium_finding_fails(tmp_path):
    (tmp_path / "views.py").write_text(
        "from django.utils.safestring import mark_safe\n\n"
        "def greet(name):\n    return mark_safe('<b>' + name + '</b>')\n"
    )
    result = _bandit(tmp_path)
    assert result.returncode == 1 and "B308" in result.stdout


def test_a_reviewed_and_marked_finding_passes(tmp_path):
    (tmp_path / "views.py").write_text(
        "from django.utils.safestring import mark_safe\n\n"
        "def bold():\n    return mark_safe('<b>x</b>')  # nosec B308: a constant\n"
    )
    assert _bandit(tmp_path).returncode == 0
