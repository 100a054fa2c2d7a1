"""Small counts are never shown, also not through a total or a difference."""

import pytest

from reports.presentation import present_table, suppress_column

PERIODS = [
    {"code": "2026Q2", "label": "Q2 2026", "start": "2026-04-01", "end": "2026-06-30"},
    {"code": "2026Q1", "label": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"},
    {"code": "2025Q2", "label": "Q2 2025", "start": "2025-04-01", "end": "2025-06-30"},
]


@pytest.mark.parametrize(
    ("values", "total", "hidden", "total_hidden"),
    [
        ([10, 12], 22, [False, False], False),  # nothing small
        ([3, 12], 15, [True, True], False),  # 15 - 12 would reveal 3: hide 12 too
        ([3, 20, 9], 32, [True, False, True], False),  # the smallest other cell goes
        ([2, 1, 30], 33, [True, True, True], False),  # 2 + 1 < 5: hide one more
        ([3, 0, 0], 3, [True, False, False], True),  # total itself is small
        ([0, 7], 7, [False, False], False),  # zero reveals nobody
        ([4, 0], 14, [True, False], True),  # nothing to hide with: hide the total
        ([3, 8], None, [True, False], False),  # no total: primary only
    ],
)
def test_suppress_column(values, total, hidden, total_hidden):
    assert suppress_column(values, total, 5) == (hidden, total_hidden)


def _count_table():
    return {
        "key": "incidents_by_theme",
        "title": "Meldingen per thema",
        "kind": "comparison",
        "unit": "count",
        "suppress": True,
        "link": None,
        "rows": [
            {"key": "theme:1", "label": "Overlast", "values": [12, 7, 3]},
            {"key": "theme:2", "label": "Afval", "values": [3, 6, 9]},
        ],
        "total": {"label": "Totaal", "values": [15, 13, 12]},
    }


def test_present_shows_small_counts_as_below_threshold_with_complement():
    t = present_table(_count_table(), periods=PERIODS, threshold=5, registry={}, links=False)
    overlast, afval = ([c["text"] for c in r["cells"]] for r in t["rows"])
    # columns: Q2 2026, Q1 2026, diff, Q2 2025, diff
    assert afval == ["< 5", "6", "–", "< 5", "–"]  # 9 hidden: 12 - 9 would reveal 3
    assert overlast == ["< 5", "7", "–", "< 5", "–"]  # complementary cells hidden
    assert [c["text"] for c in t["total"]["cells"]] == ["15", "13", "+2", "12", "+3"]
    assert t["headers"] == [
        "Q2 2026",
        "Q1 2026",
        "verschil t.o.v. vorig kwartaal",
        "Q2 2025",
        "verschil t.o.v. zelfde kwartaal vorig jaar",
    ]
    assert "3" not in {c["text"] for r in t["rows"] for c in r["cells"]}


def test_differences_show_only_between_shown_numbers():
    table = _count_table()
    table["rows"] = [{"key": "theme:1", "label": "Overlast", "values": [20, 30, 8]}]
    table["total"] = {"label": "Totaal", "values": [20, 30, 8]}
    t = present_table(table, periods=PERIODS, threshold=5, registry={}, links=False)
    assert [c["text"] for c in t["rows"][0]["cells"]] == ["20", "30", "−10", "8", "+12"]


def test_rate_hidden_with_its_count_also_after_complementary_suppression():
    registry = {}
    area = {
        **_count_table(),
        "key": "incidents_by_area",
        "rows": [
            {"key": "area:1", "label": "Noord", "values": [12, 7, 6]},
            {"key": "area:2", "label": "Zuid", "values": [3, 6, 6]},
        ],
        "total": {"label": "Totaal", "values": [15, 13, 12]},
    }
    present_table(area, periods=PERIODS, threshold=5, registry=registry, links=False)
    rates = {
        "key": "incidents_per_1000",
        "title": "per 1.000",
        "kind": "comparison",
        "unit": "rate",
        "suppress": True,
        "basis_table": "incidents_by_area",
        "rows": [
            {"key": "area:1", "label": "Noord", "values": [3.0, 1.75, 1.5], "basis": [12, 7, 6]}
        ],
        "total": None,
    }
    t = present_table(rates, periods=PERIODS, threshold=5, registry=registry, links=False)
    # Noord's 12 was hidden to protect Zuid's 3, so its rate (which reveals 12) is hidden too;
    # a rate is no count, so it shows a dash (not "< 5", which would read as a rate) and
    # the table gets the footnote that says why.
    assert [c["text"] for c in t["rows"][0]["cells"]] == ["–", "1,75", "–", "1,50", "–"]
    assert t["rows"][0]["cells"][0]["suppressed"] and t["rows"][0]["cells"][0]["note"]
    assert t["noted"]


def test_staff_dashboards_show_real_numbers_with_links():
    table = _count_table()
    table["link"] = "reports:portal"
    table["rows"][0]["filter"] = {"theme": 1, "date_from": "2026-04-01", "date_to": "2026-06-30"}
    t = present_table(table, periods=PERIODS, threshold=None, registry={}, links=True)
    cells = t["rows"][0]["cells"]
    assert [c["text"] for c in cells] == ["12", "7", "+5", "3", "+9"]
    assert cells[0]["href"] == "/rapportages/raad/?theme=1&date_from=2026-04-01&date_to=2026-06-30"
    assert cells[1]["href"].endswith("date_from=2026-01-01&date_to=2026-03-31")


def test_unknown_link_names_give_no_link():
    table = _count_table()
    table["link"] = "enforcement:no_such_list"
    table["rows"][0]["filter"] = {"theme": 1}
    t = present_table(table, periods=PERIODS, threshold=None, registry={}, links=True)
    assert t["rows"][0]["cells"][0]["href"] is None


def test_difference_columns_are_marked_for_the_phone_layout():
    from reports.templatetags.report_cells import unit_wrap

    t = present_table(_count_table(), periods=PERIODS, threshold=5, registry={}, links=False)
    assert [t["headers"][i] for i in t["delta_columns"]] == [
        "verschil t.o.v. vorig kwartaal",
        "verschil t.o.v. zelfde kwartaal vorig jaar",
    ]
    assert t["delta_columns"] == [2, 4]
    assert unit_wrap("+4,0 %-punt") == (
        '<span class="text-nowrap">+4,0</span> <span class="text-nowrap">%-punt</span>'
    )
    assert unit_wrap("+12") == "+12"  # plain text: the template escapes it
    assert "&lt;b&gt;" in unit_wrap("<b> x")
