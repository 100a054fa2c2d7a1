"""docs/accessibility.md shows the axe-core counts per page before and after (issue 18),
as scripts/axe_tables.py makes them from docs/axe-before.json and docs/axe-after.json."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("axe_tables", ROOT / "scripts" / "axe_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_tables_are_the_ones_the_json_files_give():
    assert _script().main(["--check"]) == 0, "run: python scripts/axe_tables.py"


def test_every_page_of_both_runs_has_a_row():
    script = _script()
    rows = script.comparison()[2:]
    shapes = {script._shape(url) for _, url, _ in script._load("axe-before.json")}
    shapes |= {script._shape(url) for _, url, _ in script._load("axe-after.json")}
    assert len(rows) == len(shapes) > 60
    assert all(row.split(" | ")[-3:] == ["0", "0", "0 |"] for row in rows if "— |" not in row)
