"""Repeat offending per offender, the municipality's versioned strategy, and the
repeat-offence look-up in the violation form (only what the user may see, logged)."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement import matrix
from enforcement.models import InterventionType, OffenceGroup, Violation
from enforcement.services import strategy as strategy_svc
from enforcement.services import violations as svc
from enforcement.tests.factories import IncidentFactory, OffenceFactory
from enforcement.tests.test_matrix import ladder  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _iv(code):
    return InterventionType.objects.get(code=code)


def person(name="Jan Jansen", dob=dt.date(1985, 3, 4), address="Kerkstraat 1"):
    return svc.OffenderData(kind="person", name=name, date_of_birth=dob, address=address)


def company(name="Café De Hoek B.V.", coc="", address="Markt 1"):
    return svc.OffenderData(kind="company", name=name, coc_number=coc, address=address)


@pytest.fixture
def offences(ladder):  # noqa: F811
    afval = OffenceGroup.objects.create(code="afval", name="Afval")
    horeca = OffenceGroup.objects.create(code="horeca", name="Horeca")
    ww = _iv("written-warning")
    return {
        "afval1": OffenceFactory(code="H009", group=afval, default_intervention=ww),
        "afval2": OffenceFactory(code="H011", group=afval, default_intervention=ww),
        "geluid": OffenceFactory(code="H120", default_intervention=ww),
        "terras": OffenceFactory(
            code="H200", group=horeca, premises_bound=True, default_intervention=ww
        ),
    }


def record(boa, offence, offender, address="Markt 1", days_ago=0, attitude="B"):
    incident = IncidentFactory(registered_by=boa, address=address)
    return svc.violation_create(
        actor=boa,
        incident=incident,
        offence=offence,
        attitude=attitude,
        consequence="limited",
        intervention=None,
        offender=offender,
        amount=Decimal("100"),
        committed_on=TODAY() - dt.timedelta(days=days_ago),
        address=address,
        deviation_reason="",
    )


# Each row: what happened before (offence key, offender, address, days ago), the new
# offence (offence key, offender, address), and what the strategy must propose.
ROWS = [
    pytest.param(
        [
            ("afval1", person("Piet Pieters"), "Markt 1", 10),
            ("afval1", person("Kees Smit"), "Markt 1", 5),
        ],
        ("afval1", person(), "Markt 1"),
        0,
        "written-warning",
        "Eerste overtreding door deze persoon",
        2,
        id="first offence at a busy address: others' offences are information only",
    ),
    pytest.param(
        [("afval1", person(), "Elders 5", 30)],
        ("afval1", person(), "Markt 1"),
        1,
        "bsb",
        "Tweede overtreding (Afval) door dezelfde persoon binnen 12 maanden: stap 3",
        0,
        id="second offence by the same person",
    ),
    pytest.param(
        [("afval1", person("Jan Jansen"), "Elders 5", 30)],
        ("afval1", person("  JAN  JÁNSEN "), "Markt 1"),
        1,
        "bsb",
        "dezelfde persoon",
        0,
        id="the same person with a differently written name",
    ),
    pytest.param(
        [("afval1", person("Jan Jansen", dob=dt.date(1985, 3, 5)), "Elders 5", 30)],
        ("afval1", person("Jan Jansen"), "Markt 1"),
        0,
        "written-warning",
        "Eerste overtreding door deze persoon",
        0,
        id="same name, other date of birth: another person",
    ),
    pytest.param(
        [("afval1", company("De Hoek Horeca", coc="12345678", address="Laan 1"), "Laan 1", 30)],
        ("afval1", company("Café De Hoek B.V.", coc="12345678"), "Markt 1"),
        1,
        "bsb",
        "hetzelfde bedrijf",
        0,
        id="a company by its KvK number, renamed and moved",
    ),
    pytest.param(
        [("afval1", company("CAFE DE HOEK BV", address="markt 1"), "Markt 1", 30)],
        ("afval1", company("Café de Hoek B.V.", address="Markt  1"), "Markt 1"),
        1,
        "bsb",
        "hetzelfde bedrijf",
        0,
        id="a company without KvK: name with address",
    ),
    pytest.param(
        [("afval1", company("Café De Hoek B.V.", address="Laan 1"), "Laan 1", 30)],
        ("afval1", company("Café De Hoek B.V.", address="Markt 1"), "Markt 1"),
        0,
        "written-warning",
        "dit bedrijf",
        0,
        id="a company without KvK at another address: not the same",
    ),
    pytest.param(
        [("afval2", person(), "Elders 5", 30)],
        ("afval1", person(), "Markt 1"),
        1,
        "bsb",
        "(Afval)",
        0,
        id="another offence of the same group counts",
    ),
    pytest.param(
        [("geluid", person(), "Elders 5", 30)],
        ("afval1", person(), "Markt 1"),
        0,
        "written-warning",
        "Eerste overtreding door deze persoon",
        0,
        id="an offence of another group does not count",
    ),
    pytest.param(
        [("afval1", person(), "Elders 5", 400)],
        ("afval1", person(), "Markt 1"),
        0,
        "written-warning",
        "binnen 12 maanden",
        0,
        id="outside the window does not count",
    ),
    pytest.param(
        [("terras", company("Oude Uitbater B.V.", coc="11111111"), "Markt 1", 60)],
        ("terras", company("Nieuwe Uitbater B.V.", coc="22222222"), "Markt 1"),
        0,
        "written-warning",
        "Eerste overtreding door deze exploitant",
        1,
        id="premises-bound offence with a new operator starts at the base",
    ),
    pytest.param(
        [("terras", company("Oude Uitbater B.V.", coc="11111111"), "Markt 1", 60)],
        ("terras", company("Oude Uitbater B.V.", coc="11111111"), "Markt 1"),
        1,
        "bsb",
        "dezelfde exploitant",
        0,
        id="premises-bound offence by the same operator climbs",
    ),
]


@pytest.mark.parametrize("before,new,repeats,code,sentence,at_address", ROWS)
def test_escalation_table(boa, offences, before, new, repeats, code, sentence, at_address):
    for key, offender, address, days_ago in before:
        record(boa, offences[key], offender, address=address, days_ago=days_ago)
    key, offender, address = new
    v = record(boa, offences[key], offender, address=address)
    assert v.repeat_count == repeats
    assert v.proposed_intervention.code == code
    assert sentence in v.proposal_explanation
    assert len(v.proposal_basis["repeats"]) == repeats
    assert len(v.proposal_basis["address_history"]) == at_address


def test_escalation_counts_offences_of_other_teams(boa, make_user, offences):
    other = make_user(Role.BOA, team=TeamFactory(name="Team Noord"))
    record(other, offences["afval1"], person(), address="Noordweg 1", days_ago=20)
    v = record(boa, offences["afval1"], person(name="jan jansen"))
    assert v.repeat_count == 1 and v.proposed_intervention.code == "bsb"


# --- the municipality's own strategy ------------------------------------------------


def test_editing_the_matrix_changes_the_next_proposal_not_earlier_violations(
    boa, functional_admin, offences
):
    v1 = strategy_svc.strategy_draft_create(actor=functional_admin)
    strategy_svc.strategy_adopt(
        actor=functional_admin, strategy=v1, adopted_on=TODAY() - dt.timedelta(days=30)
    )
    before = record(boa, offences["geluid"], person("Eerste Persoon"))
    assert before.strategy == v1 and before.proposed_intervention.code == "written-warning"

    v2 = strategy_svc.strategy_draft_create(actor=functional_admin)
    table = matrix.table_for(v2)
    table.cells[("B", "limited")] = _iv("bsb")
    strategy_svc.strategy_draft_update(
        actor=functional_admin,
        strategy=v2,
        name="Handhavingsstrategie 2027",
        description="",
        repeat_window_days=365,
        cells=table.cells,
        ladders=table.ladders,
    )
    strategy_svc.strategy_adopt(actor=functional_admin, strategy=v2, adopted_on=TODAY())

    after = record(boa, offences["geluid"], person("Tweede Persoon"))
    assert after.strategy == v2 and after.proposed_intervention.code == "bsb"
    before.refresh_from_db()
    assert before.strategy == v1 and before.proposed_intervention.code == "written-warning"
    # A violation of a date before v2 was adopted is proposed by v1, the version then in force.
    late = record(boa, offences["geluid"], person("Derde Persoon"), days_ago=3)
    assert late.strategy == v1 and late.proposed_intervention.code == "written-warning"


def test_adopted_version_is_never_changed_in_place(functional_admin, ladder):  # noqa: F811
    from django.core.exceptions import ValidationError

    v1 = strategy_svc.strategy_draft_create(actor=functional_admin)
    strategy_svc.strategy_adopt(actor=functional_admin, strategy=v1, adopted_on=TODAY())
    table = matrix.table_for(v1)
    with pytest.raises(ValidationError, match="nieuwe versie"):
        strategy_svc.strategy_draft_update(
            actor=functional_admin,
            strategy=v1,
            name="x",
            description="",
            repeat_window_days=30,
            cells=table.cells,
            ladders=table.ladders,
        )
    v2 = strategy_svc.strategy_draft_create(actor=functional_admin)
    with pytest.raises(ValidationError, match="na"):
        strategy_svc.strategy_adopt(actor=functional_admin, strategy=v2, adopted_on=TODAY())


def test_window_of_the_version_in_force(boa, functional_admin, offences):
    v1 = strategy_svc.strategy_draft_create(actor=functional_admin)
    table = matrix.table_for(v1)
    strategy_svc.strategy_draft_update(
        actor=functional_admin,
        strategy=v1,
        name=v1.name,
        description="",
        repeat_window_days=30,
        cells=table.cells,
        ladders=table.ladders,
    )
    strategy_svc.strategy_adopt(
        actor=functional_admin, strategy=v1, adopted_on=TODAY() - dt.timedelta(days=100)
    )
    record(boa, offences["afval1"], person(), days_ago=40)
    v = record(boa, offences["afval1"], person())
    assert v.repeat_count == 0
    assert "binnen 30 dagen" not in v.proposal_explanation  # 30 days reads as a month
    assert "binnen 1 maand" in v.proposal_explanation


def _strategy_page_post(form_page_fields, **changes):
    data = dict(form_page_fields)
    data.update(changes)
    return data


def test_admin_edits_matrix_on_screen_and_adopts(client_for, functional_admin, boa, ladder):  # noqa: F811
    client = client_for(functional_admin)
    page = client.get(reverse("enforcement:strategy_list"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "gebaseerd op de Landelijke Handhavingsstrategie Omgevingsrecht (LHSO)" in body
    assert "nationa" not in body.lower()
    response = client.post(reverse("enforcement:strategy_new"))
    strategy = matrix.Strategy.objects.get()
    assert response.status_code == 302
    form = client.get(reverse("enforcement:strategy_detail", args=[strategy.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["cell_B_limited"] = _iv("bsb").pk
    data["rung_overig_6"] = ""
    response = client.post(reverse("enforcement:strategy_detail", args=[strategy.pk]), data)
    assert response.status_code == 302
    assert matrix.table_for(strategy).cells[("B", "limited")].code == "bsb"
    response = client.post(
        reverse("enforcement:strategy_adopt", args=[strategy.pk]),
        {"adopted_on": TODAY().isoformat()},
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.adopted_on == TODAY()
    # Adopted: the page shows it fixed and a POST changes nothing.
    data["cell_B_limited"] = _iv("pv").pk
    client.post(reverse("enforcement:strategy_detail", args=[strategy.pk]), data)
    assert matrix.table_for(strategy).cells[("B", "limited")].code == "bsb"
    detail = client.get(reverse("enforcement:strategy_detail", args=[strategy.pk])).content.decode()
    assert "verandert niet meer" in detail
    assert client_for(boa).get(reverse("enforcement:strategy_list")).status_code == 404


# --- the look-up in the violation form (issue 12, finding 5) ---------------------------


def _form_data(offence, **kw):
    data = {
        "offence": offence.pk,
        "committed_on": TODAY().isoformat(),
        "address": "Markt 1",
        "attitude": "B",
        "consequence": "limited",
        "intervention": "",
        "deviation_reason": "",
        "offender_kind": "person",
        "offender_name": "Jan Jansen",
        "offender_date_of_birth": "1985-03-04",
        "offender_address": "Kerkstraat 1",
        "offender_coc_number": "",
        "amount": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


@pytest.mark.parametrize("by", ["offender", "address"])
def test_lookup_shows_only_own_team_violations_and_is_logged(
    client_for, boa, make_user, offences, by
):
    other = make_user(Role.BOA, team=TeamFactory(name="Team Noord"))
    theirs = record(other, offences["afval1"], person(), address="Markt 1", days_ago=20)
    ours = record(boa, offences["afval1"], person("Piet Pieters"), address="Markt 1", days_ago=10)
    incident = IncidentFactory(registered_by=boa, address="Markt 1")
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    data = _form_data(offences["afval1"])
    if by == "address":
        data.update(offender_name="", offender_date_of_birth="", offender_address="")
    response = client_for(boa).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert theirs.reference not in body
    assert ours.reference in body and "Eerder op dit adres" in body
    if by == "offender":
        # The escalation rests on the other team's offence, without showing it.
        assert "Tweede overtreding (Afval) door dezelfde persoon" in body
        assert "1 overtreding vastgelegd door een ander team (niet in te zien)" in body
    entry = AccessLogEntry.objects.get(user=boa, action="search")
    assert entry.detail["found"] == [ours.pk]
    assert entry.detail["counted_not_shown"] == (1 if by == "offender" else 0)
    # The boa cannot open the other team's violation either.
    detail = client_for(boa).get(reverse("enforcement:violation_detail", args=[theirs.pk]))
    assert detail.status_code == 404


def test_lookup_with_nothing_found_writes_no_search_row(client_for, boa, offences):
    incident = IncidentFactory(registered_by=boa, address="Leeg 1")
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    response = client_for(boa).post(url, _form_data(offences["afval1"], address="Leeg 1"))
    assert "Eerste overtreding door deze persoon" in response.content.decode()
    assert not AccessLogEntry.objects.filter(action="search").exists()


def test_violation_detail_shows_the_explanation_and_version(client_for, boa, offences):
    record(boa, offences["afval1"], person(), address="Elders 5", days_ago=5)
    v = record(boa, offences["afval1"], person())
    body = (
        client_for(boa).get(reverse("enforcement:violation_detail", args=[v.pk])).content.decode()
    )
    assert (
        "Tweede overtreding (Afval) door dezelfde persoon binnen 12 maanden: stap 3 van de ladder."
        in body
    )
    assert "gebaseerd op de Landelijke Handhavingsstrategie Omgevingsrecht (LHSO)" in body
    assert Violation.objects.get(pk=v.pk).proposal_basis["repeats"]


def test_lookup_query_count_does_not_grow_with_the_history(client_for, boa, offences):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    incident = IncidentFactory(registered_by=boa, address="Markt 1")
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    client = client_for(boa)
    counts = []
    for n in (1, 6):
        while Violation.objects.filter(address="Markt 1").count() < n:
            record(boa, offences["afval1"], person(), days_ago=3)
            record(boa, offences["afval1"], person(f"Ander {n}"), days_ago=2)
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(url, _form_data(offences["afval1"])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
