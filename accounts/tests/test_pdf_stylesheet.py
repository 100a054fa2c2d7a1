"""The renderer's user-agent stylesheet: WeasyPrint's own without the universal
pseudo-element rules our documents do not use (they cost a fifth of a table's time)."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

from pypdf import PdfReader
from weasyprint.html import UA

from accounts import pdf

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_footnote_and_note_rules_go_and_the_marker_rule_is_kept_for_list_items():
    lean = pdf.user_agent_stylesheet()
    assert pdf._html_class()(string="<p>x</p>")._ua_stylesheets() == [lean]
    text = pdf._UNIVERSAL_PSEUDO_RULE.sub("", UA).replace("\n::marker {", "\nli::marker {")
    changed = [
        line
        for line in difflib.unified_diff(UA.splitlines(), text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---") and line.strip("+-")
    ]
    assert [line[:18] for line in changed] == [
        "-::marker { font-v",
        "+li::marker { font",
        "-::footnote-call {",
        "-::footnote-marker",
        "-::note-call { con",
        "-::note-marker { c",
        "-::note-callback {",
    ]


def test_lists_keep_their_markers():
    content = pdf.render_pdf("<ol><li>een</li><li>twee</li></ol><ul><li>drie</li></ul>")
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    # (the markers are drawn after the items' text)
    assert text.split() == ["een", "twee", "drie", "1.", "2.", "•"]


def test_no_template_uses_css_footnotes_or_notes():
    for path in (ROOT / "templates").rglob("*.html"):
        source = path.read_text("utf-8")
        assert "footnote" not in source and "float: note" not in source, path
