"""accounts.listing: a page of a list is the same rows in the same order as Django's
paginator gives, read in two steps (the page's ids on the bare rows, then those rows
with their joins)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Value
from django.db.models.functions import Concat
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.listing import ListPaginator, paginate
from accounts.models import User
from accounts.tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    teams = [TeamFactory(name=f"Team {c}") for c in "CAB"]
    for i in range(22):
        UserFactory(
            username=f"u{i:02d}", last_name=f"Naam {i % 4}", team=teams[i % 3] if i % 5 else None
        )
    return User.objects.filter(username__regex=r"^u[0-9]{2}$").select_related("team")


ORDERS = [
    ("username",),
    ("-last_name", "id"),
    ("team__name", "username"),  # a joined column, nulls included
    (F("team__name").desc(nulls_last=True), "-id"),
]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: str(o))
def test_every_page_holds_the_rows_of_djangos_paginator_in_its_order(users, order):
    qs = users.order_by(*order)
    ours, django = ListPaginator(qs, 5, orphans=2), Paginator(qs, 5, orphans=2)
    assert ours.num_pages == django.num_pages == 4
    for number in ours.page_range:
        assert [u.pk for u in ours.page(number)] == [u.pk for u in django.page(number)]


def test_annotations_and_distinct_survive(users):
    qs = (
        users.annotate(n=Count("groups"), label=Concat("last_name", Value("/"), "username"))
        .filter(is_active=True)
        .distinct()
        .order_by("-label")
    )
    page = ListPaginator(qs, 10).page(2)
    expected = list(Paginator(qs, 10).page(2))
    assert [(u.pk, u.label, u.n) for u in page] == [(u.pk, u.label, u.n) for u in expected]


def test_the_page_is_two_queries_and_only_the_second_joins(users):
    paginator = ListPaginator(users.order_by("username"), 10)
    paginator.count  # noqa: B018 (the count query, asked by every list first)
    with CaptureQueriesContext(connection) as ctx:
        page = paginator.page(2)
        teams = [u.team.name if u.team else None for u in page]
    assert len(ctx) == 2
    ids_query, rows_query = (q["sql"] for q in ctx.captured_queries)
    assert "JOIN" not in ids_query and "LIMIT 10 OFFSET 10" in ids_query
    assert "JOIN" in rows_query
    assert teams == [
        u.team.name if u.team else None for u in Paginator(users.order_by("username"), 10).page(2)
    ]


def test_paginate_takes_the_page_from_the_request_and_falls_back_on_a_bad_one(users):
    qs = users.order_by("username")
    last = paginate(RequestFactory().get("/", {"page": "99"}), qs, 10)
    assert last.number == 3 and [u.username for u in last] == ["u20", "u21"]
    assert paginate(RequestFactory().get("/", {"page": "x"}), qs, 10).number == 1
    assert isinstance(paginate(RequestFactory().get("/"), qs).paginator, ListPaginator)


def test_an_empty_list_and_a_plain_list(users):
    empty = ListPaginator(User.objects.none(), 10).page(1)
    assert list(empty) == [] and empty.paginator.num_pages == 1
    assert list(ListPaginator([1, 2, 3], 2).page(2)) == [3]
    union = users.filter(pk__lt=0).union(users.order_by()).order_by("username")
    assert len(ListPaginator(union, 10).page(1)) == 10
