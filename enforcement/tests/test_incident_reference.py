"""Reference numbers: unique and gapless per year, also when two boa's save at once."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.roles import Role
from enforcement.models import Incident, ReferenceCounter
from enforcement.services.incidents import incident_create
from enforcement.services.numbering import reference_next
from enforcement.tests.factories import ThemeFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_get_distinct_consecutive_numbers(make_user):
    theme = ThemeFactory(code="overlast", name="Overlast")
    boas = [make_user(Role.BOA, username=f"boa-{i}") for i in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def register(boa):
        try:
            barrier.wait(timeout=10)
            for n in range(5):
                incident_create(actor=boa, theme=theme, address=f"Markt {n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(boa,)) for boa in boas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    year = timezone.localtime().year
    refs = sorted(Incident.objects.values_list("reference", flat=True))
    assert refs == [f"M-{year}-{n:06d}" for n in range(1, 11)]
    assert ReferenceCounter.objects.get(prefix="M", year=year).last == 10


@pytest.mark.django_db(transaction=True)
def test_second_save_waits_for_the_first_to_commit(make_user):
    """While one transaction holds the counter, the other blocks, then takes the next number."""
    theme = ThemeFactory(code="afval", name="Afval")
    first_boa = make_user(Role.BOA, username="eerste")
    second_boa = make_user(Role.BOA, username="tweede")
    holding = threading.Event()
    release = threading.Event()
    got: dict[str, str] = {}

    def first():
        try:
            with transaction.atomic():
                got["first"] = incident_create(
                    actor=first_boa, theme=theme, address="A 1"
                ).reference
                holding.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    def second():
        try:
            holding.wait(timeout=10)
            got["second"] = incident_create(actor=second_boa, theme=theme, address="B 2").reference
        finally:
            connection.close()

    t1, t2 = threading.Thread(target=first), threading.Thread(target=second)
    t1.start()
    t2.start()
    holding.wait(timeout=10)
    assert _a_backend_waits_for_a_lock(), "the second save must wait for the counter row lock"
    assert "second" not in got
    release.set()
    t1.join(timeout=10)
    t2.join(timeout=10)
    year = timezone.localtime().year
    assert got == {"first": f"M-{year}-000001", "second": f"M-{year}-000002"}


def _a_backend_waits_for_a_lock() -> bool:
    """Poll pg_stat_activity (up to ~10 s) until another session waits on a row lock."""
    import time

    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
    return False


@pytest.mark.django_db
def test_rolled_back_save_gives_its_number_back():
    year = timezone.localtime().year
    with pytest.raises(RuntimeError), transaction.atomic():
        assert reference_next(prefix="M", year=year) == f"M-{year}-000001"
        raise RuntimeError("save failed")
    with transaction.atomic():
        assert reference_next(prefix="M", year=year) == f"M-{year}-000001"


@pytest.mark.django_db
def test_numbers_restart_each_year():
    with transaction.atomic():
        assert reference_next(prefix="M", year=2025) == "M-2025-000001"
        assert reference_next(prefix="M", year=2026) == "M-2026-000001"
        assert reference_next(prefix="M", year=2025) == "M-2025-000002"
