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


def _render(table: dict) -> str:
    return Template("{% load report_cells %}{% table_rows t %}").render(Context({"t": table}))


def test_labels_texts_links_and_classes_are_escaped():
    table = {
        "rows": [
            {
                "label": HOSTILE,
                "cells": [
                    {"text": HOSTILE, "href": f'/registratie/?area="{HOSTILE}', "css": "x"},
                    {"text": f"+4,0 {HOSTILE}", "href": "", "css": '"><b>', "delta": True},
                    {"text": HOSTILE, "href": "", "css": ""},
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
    assert "".join(parsed.text).count(HOSTILE) == 4
    assert parsed.hrefs == [f'/registratie/?area="{HOSTILE}']


def test_already_safe_values_are_not_escaped_twice():
    from django.utils.html import format_html

    table = {"rows": [{"label": format_html("<i>{}</i>", "a&b"), "cells": []}]}
    assert "<i>a&amp;b</i>" in _render(table)
