import pytest

from reports.figures import figures_compute
from reports.periods import Period
from reports.tests.conftest import Q2, figure_queries


def _table(figures, key):
    for group in (figures["sections"], figures["theme_sections"]):
        for s in group:
            for t in s["tables"]:
                if t["key"] == key:
                    return t
    raise KeyError(key)


def _values(table):
    return {r["label"]: r["values"] for r in table["rows"]}


@pytest.fixture
def figures(known_data, django_assert_num_queries):
    with django_assert_num_queries(figure_queries()):
        return figures_compute(period=Q2)


def test_incidents_per_theme_match_known_counts_for_three_periods(figures):
    table = _table(figures, "incidents_by_theme")
    assert _values(table) == {"Overlast": [12, 7, 5], "Afval": [3, 0, 6], "Jeugd": [4, 0, 0]}
    assert table["total"]["values"] == [19, 7, 11]
    assert figures["meta"]["periods"][1]["code"] == "2026Q1"
    assert figures["meta"]["periods"][2]["code"] == "2025Q2"


def test_incidents_per_area_source_and_per_1000(figures, known_data):
    assert _values(_table(figures, "incidents_by_area")) == {
        "Noord": [12, 7, 6],
        "Zuid": [7, 0, 5],
    }
    assert _values(_table(figures, "incidents_by_source")) == {
        "Eigen waarneming": [13, 7, 11],
        "Bewoner": [6, 0, 0],
    }
    rates = _table(figures, "incidents_per_1000")
    # Only areas with a population get a rate: 12 / 4,000 * 1,000 = 3.0
    assert [(r["label"], r["values"], r["basis"]) for r in rates["rows"]] == [
        ("Noord (4.000 inw.)", [3.0, 1.75, 1.5], [12, 7, 6])
    ]


def test_effort_hours_and_reactive_share(figures):
    realised = _table(figures, "effort_realised")
    assert _values(realised) == {"Overlast": [10.0, 3.0, 0.0], "Afval": [2.0, 0.0, 0.0]}
    assert realised["total"]["values"] == [12.0, 3.0, 0.0]
    share = _table(figures, "effort_reactive_share")
    assert _values(share) == {"Overlast": [40.0, 0.0, None], "Afval": [100.0, None, None]}
    assert share["total"]["values"] == [50.0, 0.0, None]


def test_violations_by_intervention(figures, known_data):
    table = _table(figures, "violations_by_intervention")
    assert _values(table) == {
        "Mondelinge waarschuwing": [5, 0, 0],
        "Schriftelijke waarschuwing": [6, 1, 0],
    }
    assert table["total"]["values"] == [11, 1, 0]


def test_theme_sections_split_by_area_and_source(figures, known_data):
    prefix = f"theme{known_data['overlast'].pk}_"
    assert _values(_table(figures, prefix + "incidents_by_area")) == {
        "Noord": [9, 7, 0],
        "Zuid": [3, 0, 5],
    }
    assert _values(_table(figures, prefix + "incidents_by_source"))["Bewoner"] == [6, 0, 0]
    assert _table(figures, prefix + "violations_by_intervention")["total"]["values"] == [11, 1, 0]
    assert [s["title"] for s in figures["theme_sections"]] == ["Overlast", "Afval", "Jeugd"]


def test_each_number_carries_the_filter_that_produced_it(figures, known_data):
    row = _table(figures, "incidents_by_theme")["rows"][0]
    assert row["filter"] == {
        "date_from": "2026-04-01",
        "date_to": "2026-06-30",
        "theme": known_data["overlast"].pk,
    }
    area_row = _table(figures, "incidents_by_area")["rows"][0]
    assert area_row["filter"]["area"] == known_data["noord"].pk


def test_one_theme_only(known_data, django_assert_num_queries):
    with django_assert_num_queries(figure_queries(one_theme=True)):
        figures = figures_compute(period=Q2, theme_id=known_data["afval"].pk)
    assert _values(_table(figures, "incidents_by_theme")) == {"Afval": [3, 0, 6]}
    assert _table(figures, "incidents_by_area")["total"]["values"] == [3, 0, 6]
    assert figures["theme_sections"] == []
    assert figures["meta"]["theme"]["name"] == "Afval"


def test_query_count_does_not_grow_with_data(known_data, django_assert_num_queries):
    from enforcement.tests.factories import IncidentFactory

    IncidentFactory.create_batch(
        5,
        theme=known_data["overlast"],
        occurred_at=known_data["boa"].date_joined.replace(year=2026, month=5, day=5),
    )
    with django_assert_num_queries(figure_queries()):
        figures_compute(period=Q2)


def test_year_period_compares_with_the_year_before(known_data):
    figures = figures_compute(period=Period(2026))
    assert _table(figures, "incidents_by_theme")["total"]["values"] == [27, 11, 11]
    assert figures["meta"]["periods"][1]["code"] == "2025"


def test_empty_period_is_marked_empty(db):
    figures = figures_compute(period=Period(2019, 1))
    assert figures["meta"]["empty"] is True
    assert figures["sections"][0]["tables"][0]["total"]["values"] == [0, 0, 0]


def test_effort_counts_in_the_local_month_the_shift_started_also_after_changes(db):
    """Effort is summed from planning's monthly rollup: a shift starting 23:30 on
    30 June (local) is Q2, one at 00:30 on 1 July is Q3, although both are on 30 June
    in UTC; moving a shift or deleting effort moves or removes its minutes."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from enforcement.models import PatrolEffort
    from enforcement.tests.factories import (
        PatrolEffortFactory,
        PatrolLogFactory,
        ThemeFactory,
    )
    from reports.figures import effort_minutes

    local = ZoneInfo("Europe/Amsterdam")
    theme = ThemeFactory()
    late = PatrolLogFactory(started_at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=local))
    early = PatrolLogFactory(started_at=dt.datetime(2026, 7, 1, 0, 30, tzinfo=local))
    PatrolEffortFactory(patrol_log=late, theme=theme, kind=PatrolEffort.Kind.REACTIVE, minutes=50)
    moved = PatrolEffortFactory(
        patrol_log=early, theme=theme, kind=PatrolEffort.Kind.PLANNED, minutes=70
    )
    q3 = Period(2026, 3)
    assert effort_minutes(period=q3)["theme"][theme.pk] == {
        "minutes": [70, 50, 0],
        "reactive": [0, 50, 0],
    }
    early.started_at = dt.datetime(2025, 7, 2, 8, tzinfo=local)
    early.ended_at = early.started_at + dt.timedelta(hours=4)
    early.save()
    assert effort_minutes(period=q3, theme_id=theme.pk)["total"]["minutes"] == [0, 50, 70]
    moved.delete()
    assert effort_minutes(period=q3)["theme"][theme.pk]["minutes"] == [0, 50, 0]
    PatrolEffort.objects.filter(patrol_log=late).delete()
    assert theme.pk not in effort_minutes(period=q3)["theme"]


def test_effort_per_area_counts_a_shift_in_each_of_its_areas(figures, known_data, client):
    table = _table(figures, "effort_by_area")
    # Q2 2026: one 12-hour shift in Noord and Zuid; Q1 2026: 3 hours in Noord.
    assert _values(table) == {"Noord": [12.0, 3.0, 0.0], "Zuid": [12.0, 0.0, 0.0]}
    assert table["unit"] == "hours" and table["total"] is None
    noord = next(r for r in table["rows"] if r["label"] == "Noord")
    assert noord["filter"] == {
        "date_from": "2026-04-01",
        "date_to": "2026-06-30",
        "area": known_data["noord"].pk,
    }
    # The filter behind the number lists the shift it came from, and only that one.
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.MANAGER))
    response = client.get("/registratie/diensten/", noord["filter"])
    assert response.status_code == 200
    assert [log.started_at.month for log in response.context["page"]] == [5]
    q1 = client.get("/registratie/diensten/", {**noord["filter"], "date_from": "2026-01-01"})
    assert sorted(log.started_at.month for log in q1.context["page"]) == [3, 5]
    zuid_q1 = {"area": known_data["zuid"].pk, "date_from": "2026-01-01", "date_to": "2026-03-31"}
    assert list(client.get("/registratie/diensten/", zuid_q1).context["page"]) == []


def test_one_theme_has_no_effort_per_area(known_data):
    figures = figures_compute(period=Q2, theme_id=known_data["overlast"].pk)
    with pytest.raises(KeyError):
        _table(figures, "effort_by_area")


def test_effort_per_theme_links_to_the_shifts_with_effort_on_that_theme(
    figures, known_data, client
):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    table = _table(figures, "effort_realised")
    assert table["link"] == "enforcement:patrol_list"
    overlast = next(r for r in table["rows"] if r["label"] == "Overlast")
    assert overlast["filter"] == {
        "date_from": "2026-04-01",
        "date_to": "2026-06-30",
        "theme": known_data["overlast"].pk,
    }
    client.force_login(UserFactory(role=Role.MANAGER))
    shifts = client.get("/registratie/diensten/", overlast["filter"]).context["page"]
    assert [s.started_at.month for s in shifts] == [5]
    # The year's shifts on the theme: also the March one; none on a theme without effort.
    year = {**overlast["filter"], "date_from": "2026-01-01"}
    assert len(client.get("/registratie/diensten/", year).context["page"]) == 2
    jeugd = {**overlast["filter"], "theme": known_data["jeugd"].pk}
    assert list(client.get("/registratie/diensten/", jeugd).context["page"]) == []
    # A theme's own section links the same way.
    section = _table(figures, f"theme{known_data['afval'].pk}_effort_realised")
    assert section["total"]["filter"]["theme"] == known_data["afval"].pk
