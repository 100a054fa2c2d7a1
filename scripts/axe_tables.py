"""The axe-core counts of docs/axe-before.json and docs/axe-after.json as Markdown tables.

    python scripts/axe_tables.py           # print the tables docs/accessibility.md holds
    python scripts/axe_tables.py --check   # exit 1 when the doc's tables are not these

A count is the number of failing rules of impact serious or critical on that page and
state (the before file has only serious ones: critical was none). Page shapes replace
record ids by ``<id>``, so the before run (every role × URL) and the after run (every URL
shape once) line up.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "accessibility.md"
STATES = ["1280", "375", "375 menu open"]
BEGIN, END = "<!-- axe tables: begin (scripts/axe_tables.py) -->", "<!-- axe tables: end -->"


def _load(name: str) -> dict[tuple[str, str, str], int]:
    """{(role, url, state): serious + critical failing rules}."""
    counts = {}
    for key, value in json.loads((ROOT / "docs" / name).read_text()).items():
        match = re.fullmatch(r"(\S+) (\S+) \[(.+)\]", key)
        role, url, state = match.groups()
        impacts = value.get("impacts", value)
        counts[role, url, state] = impacts.get("serious", 0) + impacts.get("critical", 0)
    return counts


def _shape(url: str) -> str:
    return re.sub(r"/\d+(?=/)", "/<id>", url)


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def comparison() -> list[str]:
    before, after = _load("axe-before.json"), _load("axe-after.json")
    shapes = sorted({_shape(url) for _, url, _ in before} | {_shape(url) for _, url, _ in after})
    lines = [
        _row(
            [
                "page",
                "roles before",
                *[f"before {s}" for s in STATES],
                *[f"after {s}" for s in STATES],
            ]
        ),
        _row(["---"] * 8),
    ]
    for shape in shapes:
        roles = sorted({r for r, u, _ in before if _shape(u) == shape})
        cells = [f"`{shape}`", ", ".join(roles) or "—"]
        for counts in (before, after):
            for state in STATES:
                found = [n for (_, u, s), n in counts.items() if _shape(u) == shape and s == state]
                cells.append(max(found) if found else "—")
        lines.append(_row(cells))
    return lines


def after_dropdowns() -> list[str]:
    after = _load("axe-after.json")
    lines = [
        _row(["role", "drop-downs open at 1280 px", "at 375 px", "findings"]),
        _row(["---"] * 4),
    ]
    for role in sorted({r for r, u, s in after if "dropdown" in s}):
        wide = [n for (r, _, s), n in after.items() if r == role and s.startswith("1280 dropdown")]
        narrow = [n for (r, _, s), n in after.items() if r == role and s.startswith("375 dropdown")]
        lines.append(_row([role, len(wide), len(narrow), sum(wide) + sum(narrow)]))
    return lines


def totals() -> str:
    before, after = _load("axe-before.json"), _load("axe-after.json")
    return (
        f"Before: {len(before)} checks, {sum(before.values())} serious rule failures, "
        f"{sum(1 for n in before.values() if n)} checks with at least one. "
        f"After: {len(after)} checks, {sum(after.values())} serious or critical rule failures."
    )


def tables() -> str:
    parts = [
        BEGIN,
        totals(),
        "",
        "Per page shape (ids as `<id>`), the highest count over the roles that reached it; "
        "— where a run did not visit that shape:",
        "",
        *comparison(),
        "",
        "Every role's home page with each drop-down of the menu bar open (after only; the "
        "before run did not open them):",
        "",
        *after_dropdowns(),
        END,
    ]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = tables()
    if "--check" in argv:
        doc = DOC.read_text()
        ok = BEGIN in doc and doc[doc.index(BEGIN) : doc.index(END) + len(END)] == text
        if not ok:
            print(
                "docs/accessibility.md: run python scripts/axe_tables.py and paste", file=sys.stderr
            )
        return 0 if ok else 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
