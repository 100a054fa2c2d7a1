"""The report tables' body rows are built in Python (report_cells.table_rows): every
value in them comes from the data (area names, theme names, filter values in links) and
must be escaped as the template would have done it."""

from html.parser import HTMLParser

from django.template import Context, Template

HOSTILE = '<script>alert("x")</script>&'


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]

    def handle_data(self, data):
        self.text.append(data)


def _render(table: dict, tag: str = "table_rows") -> str:
    return Template("{% load report_cells %}{% " + tag + " t %}").render(Context({"t": table}))


def test_labels_texts_links_and_classes_are_escaped():
    table = {
        "rows": [
            {
                "label": HOSTILE,
                "cells": [
                    {"text": HOSTILE, "href": f'/registratie/?area="{HOSTILE}', "css": "x"},
                    {"text": f"+4,0 {HOSTILE}", "href": "", "css": '"><b>', "delta": True},
                    {"text": HOSTILE, "href": "", "css": ""},
                    {"text": HOSTILE, "href": "", "css": "", "delta": True},
                ],
            }
        ]
    }
    html = _render(table)
    parsed = _Collect()
    parsed.feed(html)
    # Only the markup of the table itself: no script, no bold from a class value.
    assert set(parsed.tags) <= {"tr", "th", "td", "a", "span"}
    assert "script" not in parsed.tags and "b" not in parsed.tags
    # What the reader sees is the value itself, and the link carries it intact.
    assert "".join(parsed.text).count(HOSTILE) == 5
    assert parsed.hrefs == [f'/registratie/?area="{HOSTILE}']


def test_already_safe_values_are_not_escaped_twice():
    from django.utils.html import format_html

    table = {"rows": [{"label": format_html("<i>{}</i>", "a&b"), "cells": []}]}
    assert "<i>a&amp;b</i>" in _render(table)


def test_headers_and_totals_are_escaped_and_change_columns_get_both_labels():
    table = {
        "headers": [HOSTILE, "Verschil"],
        "delta_columns": [1],
        "total": {"cells": [{"text": HOSTILE, "href": f"/?q={HOSTILE}"}, {"text": HOSTILE}]},
    }
    for tag in ("table_head", "table_total"):
        html = _render(table, tag)
        parsed = _Collect()
        parsed.feed(html)
        assert "script" not in parsed.tags, tag
        assert HOSTILE in "".join(parsed.text), tag
    head = _render(table, "table_head")
    assert '<th scope="col" class="text-end">&lt;script&gt;' in head
    assert '<span class="reports-delta-long">Verschil</span>' in head
    assert 'title="Verschil">+/−</span>' in head
    total = _render(table, "table_total")
    assert total.startswith('<td class="text-end text-nowrap"><a href="/?q=&lt;script&gt;')
    assert '<td class="text-end reports-delta">&lt;script&gt;' in total
