"""The PDF's page per theme: one effort table of the theme's presented cells, the plan in
a sentence, the goals without the theme column; the other files keep the figures' tables."""

import io

import pytest
from pypdf import PdfReader

from reports import renderers
from reports.services import report_build
from reports.tests.conftest import Q2
from reports.theme_pages import theme_page

pytestmark = pytest.mark.django_db


def _tables(section: dict) -> dict:
    return {t["key"].split("_", 1)[1]: t for t in section["tables"]}


def test_effort_is_one_table_of_the_same_cells_with_the_plan_in_a_sentence(known_data):
    report = report_build(period=Q2, actor=None)
    presented = renderers.presented_for(report)
    overlast = next(s for s in presented["theme_sections"] if s["title"] == "Overlast")
    before = _tables(overlast)
    after = _tables(theme_page(overlast))
    assert "effort_reactive_share" not in after and "effort_planned_vs_realised" not in after
    effort = after["effort"]
    assert effort["title"] == "Inzet van handhavers" and effort["total"] is None
    assert [r["label"] for r in effort["rows"]] == ["Gerealiseerd (uren)", "Aandeel reactief"]
    assert effort["rows"][0]["cells"] == before["effort_realised"]["rows"][0]["cells"]
    assert effort["rows"][1]["cells"] == before["effort_reactive_share"]["rows"][0]["cells"]
    # 10 h realised (4 h reactive) against 3 h in Q1, no programme adopted.
    assert [c["text"] for c in effort["rows"][0]["cells"][:3]] == ["10,0", "3,0", "+7,0"]
    assert [c["text"] for c in effort["rows"][1]["cells"][:2]] == ["40,0 %", "0,0 %"]
    assert effort["note"] == "Voor dit thema zijn in het uitvoeringsprogramma geen uren gepland."
    # The presented tables themselves are left as they were (the XLSX and CSV use them).
    assert "effort_reactive_share" in _tables(overlast)

    text = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(renderers.render_pdf(report))).pages
        ).split()
    )
    assert "Inzet van handhavers Voor dit thema zijn in het uitvoeringsprogramma geen uren" in text
    assert "Gerealiseerd (uren) 10,0 3,0 +7,0" in text
    assert "Aandeel reactief 40,0 % 0,0 % +40,0 %-punt" in text


def test_the_plan_sentence_says_hours_and_share_realised():
    from reports.theme_pages import _plan_sentence

    def planned(plan, share):
        cells = [
            {"text": t, "value": v}
            for t, v in ((plan, 1 if plan != "–" else None), ("8,0", 8), (share, share))
        ]
        return {"rows": [{"cells": cells}]}

    assert _plan_sentence(planned("16,0", "50,0")) == (
        "Gepland in het uitvoeringsprogramma: 16,0 uur; daarvan is 50,0 % gerealiseerd."
    )
    assert _plan_sentence({"rows": []}) == ""
    assert _plan_sentence(None) == ""
