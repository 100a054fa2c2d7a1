"""The one definition of a targeted search (Wpg art. 8), as a table."""

import datetime as dt

import pytest

from accounts import privacy
from accounts.privacy import ADDRESS, COMPANY, PERSON, REFERENCE

DOB = dt.date(1990, 5, 17)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # a full reference number, normalised (case, spaces, zero padding)
        ({"text": "M-2026-000123"}, (REFERENCE, "M-2026-000123")),
        ({"text": " m-2026-123 "}, (REFERENCE, "M-2026-000123")),
        ({"text": "V-2025-00012"}, (REFERENCE, "V-2025-000012")),
        ({"text": "Z-2024-7"}, (REFERENCE, "Z-2024-000007")),
        # a full address with house number, normalised, the suffix joined to the number
        ({"text": "Kerkstraat 12"}, (ADDRESS, "KERKSTRAAT 12")),
        ({"text": "  kerkstraat   12 a "}, (ADDRESS, "KERKSTRAAT 12A")),
        ({"text": "Kerkstraat 12-a"}, (ADDRESS, "KERKSTRAAT 12A")),
        ({"text": "Kerkstraat 12 - 2"}, (ADDRESS, "KERKSTRAAT 12-2")),
        ({"text": "2e Jan Steenstraat 4"}, (ADDRESS, "2E JAN STEENSTRAAT 4")),
        ({"text": "Markt 1"}, (ADDRESS, "MARKT 1")),
        # a company's KvK number
        ({"text": "12345678"}, (COMPANY, "12345678")),
        ({"text": "1234 5678"}, (COMPANY, "12345678")),
        # a person's name together with the date of birth
        ({"name": "Jan  de Vries", "date_of_birth": DOB}, (PERSON, "jandevries")),
        # browsing: anything else
        ({"text": ""}, None),
        ({"text": "S"}, None),
        ({"text": "Kerkstraat"}, None),
        ({"text": "Kerk"}, None),
        ({"text": "overlast"}, None),
        ({"text": "M-2016"}, None),
        ({"text": "M-2016-"}, None),
        ({"text": "%"}, None),
        ({"text": "_"}, None),
        ({"text": "*"}, None),
        ({"text": "K% 1"}, None),
        ({"text": "Kerk_straat 1"}, None),
        ({"text": "Kerkstraat*"}, None),
        ({"text": "Kerkstraat 12, 13"}, None),
        ({"text": "1234567"}, None),
        ({"text": "2026-01-01"}, None),
        ({"text": "12"}, None),
        ({"name": "Jan de Vries"}, None),
        ({"name": "J", "date_of_birth": DOB}, None),
        ({"date_of_birth": DOB}, None),
    ],
)
def test_targeted_search_table(kwargs, expected):
    found = privacy.targeted_search(**kwargs)
    assert (None if found is None else (found.kind, found.value)) == expected


def test_a_list_recognises_only_the_kinds_it_can_compare():
    assert privacy.targeted_search(text="12345678", kinds={REFERENCE, ADDRESS}) is None
    assert privacy.targeted_search(name="Jan", date_of_birth=DOB, kinds={REFERENCE}) is None


@pytest.mark.parametrize(
    ("typed", "purpose", "older_allowed", "needs_purpose"),
    [
        ("Kerkstraat 12", "Z-2026-000004", True, False),
        ("Kerkstraat 12", "", False, True),
        ("Kerkstraat 12", "  x ", False, True),  # too short to say anything
        ("Kerkstraat", "Z-2026-000004", False, False),  # browsing: a purpose changes nothing
    ],
)
def test_older_records_need_a_targeted_search_and_a_purpose(
    typed, purpose, older_allowed, needs_purpose
):
    reach = privacy.reach(privacy.targeted_search(text=typed), purpose)
    assert (reach.older_allowed, reach.needs_purpose) == (older_allowed, needs_purpose)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stored",
    ["Kerkstraat 12A", "KERKSTRAAT 12 a", " kerkstraat  12-A", "Kerkstraat\t12a"],
)
def test_sql_normalisation_matches_python(stored):
    from django.db.models import Value

    from accounts.models import Team
    from accounts.tests.factories import TeamFactory

    TeamFactory()
    value = Team.objects.annotate(n=privacy.address_normalised(Value(stored))).values_list("n")
    assert value.first()[0] == privacy.normalise_address(stored) == "KERKSTRAAT 12A"
