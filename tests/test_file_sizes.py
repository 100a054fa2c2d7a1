"""File sizes in the reader's notation ("29,7 MB" in Dutch, "29.7 MB" in English).

One formatter: Django's localised ``filesizeformat``, the template filter and, for
messages written in Python, the same function. Nothing formats a size by hand.
"""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.uploads import check_upload
from enforcement.importers.reading import MAX_BYTES, ImportRefused, read_rows

ROOT = Path(__file__).resolve().parent.parent
SIZE = 31_142_707  # 29,7 MiB


class _Upload:
    def __init__(self, name: str, size: int):
        self.name, self.size = name, size

    def seek(self, _pos):  # pragma: no cover - refused before reading
        pass


@pytest.mark.parametrize(("language", "expected"), [("nl", "29,7\xa0MB"), ("en", "29.7\xa0MB")])
def test_a_too_large_case_document_names_its_size_in_the_readers_notation(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as exc:
        check_upload(_Upload("plattegrond.pdf", SIZE))
    message = exc.value.messages[0]
    assert expected in message
    assert ("te groot" if language == "nl" else "too large") in message


def test_a_too_large_import_file_names_its_size_in_dutch():
    with translation.override("nl"), pytest.raises(ImportRefused) as exc:
        read_rows(_Upload("gebieden.csv", MAX_BYTES + 600_000), [])
    assert re.search(r"Het bestand is 5,\d\xa0MB; de grens is 5 MB", str(exc.value))


def _templates() -> list[Path]:
    dirs = [ROOT / "templates", *ROOT.glob("*/templates")]
    return [p for d in dirs for p in d.rglob("*.html")]


def test_every_template_that_shows_a_size_uses_filesizeformat():
    shown = re.compile(r"\{\{[^}]*\.(size|bytes|file_size)\b([^}]*)\}\}")
    problems = []
    for path in _templates():
        for match in shown.finditer(path.read_text()):
            if "filesizeformat" not in match.group(2):
                problems.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert problems == []


def test_no_python_message_formats_megabytes_by_hand():
    by_hand = re.compile(r"(\.1f\}? ?MB|%\(\w+\)\.\df MB|/ ?\(?1024 ?\* ?1024\)?:\.)")
    problems = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if by_hand.search(line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert problems == []


def test_the_offline_photo_check_formats_megabytes_in_the_page_language():
    js = (ROOT / "static" / "js" / "offline.js").read_text()
    assert "toFixed(1)" not in js
    assert "toLocaleString(document.documentElement.lang" in js
