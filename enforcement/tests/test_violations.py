"""Violations: recording from an incident, the matrix proposal, repeats, personal data, letter."""

import datetime as dt
import io
import threading
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.models import IncidentEvent, InterventionType, Violation
from enforcement.services import violations as svc
from enforcement.tests.factories import (
    IncidentFactory,
    LetterTemplateFactory,
    OffenceFactory,
    OffenderFactory,
    ViolationFactory,
)
from enforcement.tests.test_matrix import ladder  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _iv(code):
    return InterventionType.objects.get(code=code)


def _person(**kw):
    data = {
        "kind": "person",
        "name": "Jan Jansen",
        "date_of_birth": dt.date(1985, 3, 4),
        "address": "Kerkstraat 1",
    }
    data.update(kw)
    return svc.OffenderData(**data)


@pytest.fixture
def offence(ladder):  # noqa: F811
    return OffenceFactory(
        code="H120",
        description="Geluidhinder veroorzaken",
        default_intervention=_iv("written-warning"),
        default_amount=Decimal("140.00"),
    )


def _create(boa, incident, offence, **kw):
    args = {
        "actor": boa,
        "incident": incident,
        "offence": offence,
        "attitude": "B",
        "consequence": "limited",
        "intervention": None,
        "offender": _person(),
    }
    args.update(kw)
    return svc.violation_create(**args)


def test_create_takes_proposal_gapless_reference_and_logs_access(boa, offence):
    incident = IncidentFactory(registered_by=boa)
    v1 = _create(boa, incident, offence)
    v2 = _create(boa, incident, offence, offender=_person(name="Piet Pietersen"))
    year = timezone.localdate().year
    assert v1.reference == f"O-{year}-000001"
    assert v2.reference == f"O-{year}-000002"
    assert v1.intervention.code == v1.proposed_intervention.code == "written-warning"
    assert v1.team == boa.team
    entry = AccessLogEntry.objects.get(object_id=str(v1.pk), action="create")
    assert entry.user == boa and entry.object_type == "enforcement.violation"
    assert IncidentEvent.objects.filter(incident=incident, kind="violation").count() == 2


def test_deviation_needs_reason(boa, offence):
    incident = IncidentFactory(registered_by=boa)
    with pytest.raises(ValidationError) as exc:
        _create(boa, incident, offence, intervention=_iv("pv"), amount=Decimal("100"))
    assert "Geef de reden van de afwijking" in str(exc.value.message_dict["deviation_reason"])
    v = _create(boa, incident, offence, intervention=_iv("pv"), deviation_reason="Agressief gedrag")
    assert v.intervention.code == "pv" and v.proposed_intervention.code == "written-warning"
    assert v.amount == Decimal("140.00")  # default from the offence


def test_repeat_by_same_person_raises_the_step(boa, offence):
    incident = IncidentFactory(registered_by=boa)
    first = _create(boa, incident, offence)
    other_incident = IncidentFactory(registered_by=boa, address="Elders 5")
    second = _create(boa, other_incident, offence, address="Elders 5")
    assert first.proposed_intervention.code == "written-warning"
    assert second.repeat_count == 1
    assert second.proposed_intervention.code == "bsb"


def test_repeat_by_company_coc_number(boa, offence):
    company = svc.OffenderData(kind="company", name="Café De Hoek BV", coc_number="12345678")
    _create(boa, IncidentFactory(registered_by=boa, address="A 1"), offence, offender=company)
    renamed = svc.OffenderData(kind="company", name="De Hoek Horeca", coc_number="12345678")
    second = _create(
        boa, IncidentFactory(registered_by=boa, address="B 2"), offence, offender=renamed
    )
    assert second.repeat_count == 1


def test_offences_by_others_at_the_same_address_never_escalate(boa, offence, settings):
    settings.REPEAT_OFFENCE_WINDOW_DAYS = 30
    ViolationFactory(address="Markt 1", offence=offence)
    v = _create(boa, IncidentFactory(registered_by=boa), offence, offender=_person(name="Nieuw"))
    assert v.repeat_count == 0
    v = _create(
        boa,
        IncidentFactory(registered_by=boa),
        offence,
        offender=_person(name="Ander", address="Laan 3"),
    )
    assert v.repeat_count == 0 and v.proposed_intervention.code == "written-warning"
    assert len(v.proposal_basis["address_history"]) == 2  # shown as information only


def test_company_without_coc_number_needs_its_address(boa, offence):
    company = svc.OffenderData(kind="company", name="Stichting X")
    with pytest.raises(ValidationError) as exc:
        _create(boa, IncidentFactory(registered_by=boa), offence, offender=company)
    assert "zonder KvK-nummer het adres" in str(exc.value.message_dict["offender_address"])
    company = svc.OffenderData(kind="company", name="Stichting X", address="Laan 1")
    v = _create(boa, IncidentFactory(registered_by=boa), offence, offender=company)
    assert v.offender.match_key == "company:stichtingx|laan1"


def test_coc_number_must_be_8_digits(boa, offence):
    company = svc.OffenderData(kind="company", name="X BV", coc_number="1234")
    with pytest.raises(ValidationError) as exc:
        _create(boa, IncidentFactory(registered_by=boa), offence, offender=company)
    assert "8 cijfers" in str(exc.value.message_dict["offender_coc_number"])


def test_verbal_warning_stores_no_offender_and_no_amount(boa, offence):
    v = _create(
        boa,
        IncidentFactory(registered_by=boa),
        offence,
        attitude="A",
        consequence="none",
        amount=Decimal("50"),
    )
    assert v.intervention.code == "verbal-warning"
    assert v.offender is None and v.amount is None
    assert not AccessLogEntry.objects.filter(object_id=str(v.pk)).exists()


def test_future_date_refused(boa, offence):
    with pytest.raises(ValidationError, match="toekomst"):
        _create(
            boa,
            IncidentFactory(registered_by=boa),
            offence,
            committed_on=timezone.localdate() + dt.timedelta(days=1),
        )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_get_consecutive_numbers(make_user, ladder):  # noqa: F811
    offence = OffenceFactory(default_intervention=_iv("written-warning"))
    team = TeamFactory(name="Team Tegelijk")
    boas = [make_user(Role.BOA, team=team) for _ in range(2)]
    incidents = [IncidentFactory(registered_by=b) for b in boas]
    barrier = threading.Barrier(2)

    def save(i):
        try:
            barrier.wait()
            _create(boas[i], incidents[i], offence, offender=_person(name=f"P{i}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = sorted(Violation.objects.values_list("reference", flat=True))
    year = timezone.localdate().year
    assert numbers == [f"O-{year}-000001", f"O-{year}-000002"]


# --- views ------------------------------------------------------------------------


def _post_data(offence, **kw):
    data = {
        "offence": offence.pk,
        "committed_on": timezone.localdate().isoformat(),
        "address": "Markt 1",
        "attitude": "B",
        "consequence": "limited",
        "intervention": "",
        "deviation_reason": "",
        "offender_kind": "person",
        "offender_name": "Jan <script>alert(1)</script>",
        "offender_date_of_birth": "1985-03-04",
        "offender_address": "Kerkstraat 1",
        "offender_coc_number": "",
        "amount": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


def test_create_page_and_post(client_for, boa, offence):
    incident = IncidentFactory(registered_by=boa)
    client = client_for(boa)
    url = reverse("enforcement:violation_create", args=[incident.pk])
    page = client.get(url).content.decode()
    assert "H120" in page and "Houding overtreder" in page
    response = client.post(url, _post_data(offence))
    v = Violation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("enforcement:violation_detail", args=[v.pk])
    assert v.offender.name == "Jan <script>alert(1)</script>"
    detail = client.get(response.url).content.decode()
    assert "Jan &lt;script&gt;" in detail and "<script>alert" not in detail


def test_deviation_without_reason_shows_dutch_error_and_keeps_input(client_for, boa, offence):
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:violation_create", args=[incident.pk])
    response = client_for(boa).post(url, _post_data(offence, intervention=_iv("verbal-warning").pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Geef de reden van de afwijking" in body
    assert "Kerkstraat 1" in body
    assert not Violation.objects.exists()


def test_form_part_asks_only_what_intervention_needs(client_for, boa, offence):
    incident = IncidentFactory(registered_by=boa)
    client = client_for(boa)
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    verbal = client.post(url, _post_data(offence, attitude="A", consequence="none"))
    body = verbal.content.decode()
    assert "Mondelinge waarschuwing" in body
    assert (
        'name="offender_name" value="Jan' in body and 'type="hidden" name="offender_name"' in body
    )
    assert "Bedrag (€)" not in body
    bsb = client.post(url, _post_data(offence, attitude="C", consequence="limited"))
    body = bsb.content.decode()
    assert "Bestuurlijke strafbeschikking" in body
    assert "Bedrag (€)" in body and 'value="140.00"' in body  # default from the offence
    assert "Geboortedatum" in body
    company = client.post(url, _post_data(offence, offender_kind="company")).content.decode()
    assert "KvK-nummer" in company and "Geboortedatum" not in company
    deviating = client.post(url, _post_data(offence, intervention=_iv("pv").pk)).content.decode()
    assert "Reden van afwijking" in deviating


def test_form_part_shows_earlier_violations(client_for, boa, offence):
    earlier = ViolationFactory(
        offence=offence,
        offender=OffenderFactory(name="Jan Jansen", date_of_birth=dt.date(1985, 3, 4)),
        address="Ergens 9",
    )
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    body = client_for(boa).post(url, _post_data(offence, offender_name="jan jansen")).content
    assert earlier.reference in body.decode()
    assert "Tweede overtreding door dezelfde persoon" in body.decode()


def test_no_js_refresh_button_rerenders_with_proposal(client_for, boa, offence):
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:violation_create", args=[incident.pk])
    body = client_for(boa).post(url, _post_data(offence, refresh="1")).content.decode()
    assert "Voorgestelde interventie" in body and "Schriftelijke waarschuwing" in body
    assert not Violation.objects.exists()


def test_offence_search_by_code_and_words(client_for, boa, offence, ladder):  # noqa: F811
    OffenceFactory(code="H009", description="Afval naast de container")
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:violation_offence_search", args=[incident.pk])
    client = client_for(boa)
    by_code = client.get(url, {"offence_q": "H12"}).content.decode()
    assert "H120" in by_code and "H009" not in by_code
    by_words = client.get(url, {"offence_q": "afval container"}).content.decode()
    assert "H009" in by_words and "H120" not in by_words


@pytest.mark.parametrize(
    "role,same_team,status,sees_offender",
    [
        (Role.BOA, True, 200, True),
        (Role.BOA, False, 404, False),
        (Role.TEAM_LEAD, True, 200, True),
        (Role.POLICY_OFFICER, False, 200, False),
        (Role.MANAGER, False, 200, False),
        (Role.COUNCIL_MEMBER, False, 404, False),
        (Role.PARTNER, False, 404, False),
    ],
)
def test_detail_personal_data_by_role(
    client_for, boa, make_user, role, same_team, status, sees_offender
):
    v = ViolationFactory(
        incident=IncidentFactory(registered_by=boa), offender=OffenderFactory(name="Karel Geheim")
    )
    kwargs = {}
    if role in (Role.BOA, Role.TEAM_LEAD):
        kwargs["team"] = boa.team if same_team else TeamFactory(name="Ander team")
    viewer = make_user(role, **kwargs)
    response = client_for(viewer).get(reverse("enforcement:violation_detail", args=[v.pk]))
    assert response.status_code == status
    logged = AccessLogEntry.objects.filter(user=viewer, action="view", object_id=str(v.pk))
    assert logged.exists() is sees_offender
    if status == 200:
        body = response.content.decode()
        assert ("Karel Geheim" in body) is sees_offender
        assert ("Persoonsgegevens afgeschermd" in body) is (not sees_offender)


def test_offender_change_is_logged(client_for, boa):
    v = ViolationFactory(incident=IncidentFactory(registered_by=boa))
    client = client_for(boa)
    url = reverse("enforcement:violation_offender_change", args=[v.pk])
    response = client.post(
        url,
        {
            "offender_kind": "person",
            "offender_name": "Gecorrigeerde Naam",
            "offender_date_of_birth": "1990-05-17",
            "offender_address": "Dorpsstraat 12",
        },
    )
    assert response.status_code == 302
    v.offender.refresh_from_db()
    assert v.offender.name == "Gecorrigeerde Naam"
    entry = AccessLogEntry.objects.get(action="change", object_id=str(v.pk))
    assert entry.detail["fields"] == ["name"]


def test_list_is_team_visible_filtered_paginated_with_fixed_queries(
    client_for, boa, make_user, django_assert_max_num_queries
):
    incident = IncidentFactory(registered_by=boa)
    for _ in range(30):
        ViolationFactory(incident=incident)
    outsider = make_user(Role.BOA, team=TeamFactory(name="Ander team"))
    hidden = ViolationFactory(incident=IncidentFactory(registered_by=outsider))
    client = client_for(boa)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("enforcement:violation_list"))
    page = response.context["page"]
    assert page.paginator.count == 30 and len(page.object_list) == 25
    assert hidden.reference not in response.content.decode()
    with django_assert_max_num_queries(11):
        client.get(reverse("enforcement:violation_list"), {"page": 2})
    one = Violation.objects.filter(incident=incident).first()
    response = client.get(reverse("enforcement:violation_list"), {"q": one.reference})
    assert [v.pk for v in response.context["page"].object_list] == [one.pk]
    assert (
        client_for(make_user(Role.COUNCIL_MEMBER))
        .get(reverse("enforcement:violation_list"))
        .status_code
        == 404
    )


def test_violation_list_filters_by_the_theme_of_the_incident(client_for, boa):
    from enforcement.tests.factories import ThemeFactory

    afval = ThemeFactory(name="Afval")
    retired = ThemeFactory(name="Oud thema", active=False)
    on_afval = ViolationFactory(incident=IncidentFactory(registered_by=boa, theme=afval))
    on_retired = ViolationFactory(incident=IncidentFactory(registered_by=boa, theme=retired))
    other = ViolationFactory(incident=IncidentFactory(registered_by=boa))
    client = client_for(boa)
    url = reverse("enforcement:violation_list")
    for theme, expected in ((afval, on_afval), (retired, on_retired)):
        response = client.get(url, {"theme": theme.pk})
        assert [v.pk for v in response.context["page"].object_list] == [expected.pk]
        assert f'<option value="{theme.pk}" selected>' in response.content.decode()
    assert response.context["page"].paginator.count == 1
    everything = client.get(url).context["page"].paginator.count
    assert everything == 3 and other.reference in client.get(url).content.decode()


def test_one_bad_filter_value_keeps_the_other_violation_filters(client_for, boa):
    from enforcement.tests.factories import ThemeFactory

    afval = ThemeFactory(name="Afval")
    on_afval = ViolationFactory(incident=IncidentFactory(registered_by=boa, theme=afval))
    ViolationFactory(incident=IncidentFactory(registered_by=boa))
    response = client_for(boa).get(
        reverse("enforcement:violation_list"), {"theme": afval.pk, "date_to": "gisteren"}
    )
    assert [v.pk for v in response.context["page"].object_list] == [on_afval.pk]
    assert "Voer een geldige datum in" in response.content.decode()


# --- letter -----------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_letter_pdf_has_name_offence_and_date_and_download_is_logged(client_for, boa, offence):
    LetterTemplateFactory()
    v = _create(boa, IncidentFactory(registered_by=boa), offence)
    response = client_for(boa).get(reverse("enforcement:violation_letter", args=[v.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Jan Jansen" in text
    assert "Geluidhinder veroorzaken" in text
    from django.utils import formats

    assert formats.date_format(v.committed_on, "j F Y") in text
    assert AccessLogEntry.objects.filter(user=boa, action="export", object_id=str(v.pk)).exists()


def test_letter_not_for_roles_without_personal_data(client_for, boa, make_user, offence):
    v = _create(boa, IncidentFactory(registered_by=boa), offence)
    policy = make_user(Role.POLICY_OFFICER)
    url = reverse("enforcement:violation_letter", args=[v.pk])
    assert client_for(policy).get(url).status_code == 404
    other_boa = make_user(Role.BOA, team=TeamFactory(name="Ander team"))
    assert client_for(other_boa).get(url).status_code == 404


def test_letter_escapes_offender_data(client_for, boa, offence):
    LetterTemplateFactory(body="Geachte {{ naam }}, {{ feit }} op {{ datum }}.")
    v = _create(boa, IncidentFactory(registered_by=boa), offence, offender=_person(name="<b>X</b>"))
    text = _pdf_text(
        client_for(boa).get(reverse("enforcement:violation_letter", args=[v.pk])).content
    )
    assert "<b>X</b>" in text  # shown as text, not interpreted


def test_admin_edits_letter_template_and_bad_code_is_refused(client_for, functional_admin, boa):
    template = LetterTemplateFactory()
    client = client_for(functional_admin)
    url = reverse("enforcement:letter_template_edit", args=[template.pk])
    bad = client.post(
        url, {"name": "W", "subject": "S", "body": "{% load static %}{{ naam }}", "active": "on"}
    )
    assert "niet is toegestaan" in bad.content.decode()
    unknown = client.post(url, {"name": "W", "subject": "S", "body": "{{ bsn }}", "active": "on"})
    assert "Onbekende velden" in unknown.content.decode()
    ok = client.post(
        url,
        {"name": "W", "subject": "Brief {{ kenmerk }}", "body": "Beste {{ naam }}", "active": "on"},
    )
    assert ok.status_code == 302
    template.refresh_from_db()
    assert template.body == "Beste {{ naam }}" and template.updated_by == functional_admin
    assert client_for(boa).get(url).status_code == 404


def test_default_template_exists_after_migrations():
    from enforcement.models import LetterTemplate

    assert LetterTemplate.objects.filter(code="written-warning", active=True).exists()


def test_repeat_lookup_by_person_is_logged_as_search(client_for, boa, offence):
    earlier = ViolationFactory(
        offence=offence,
        offender=OffenderFactory(name="Jan Jansen", date_of_birth=dt.date(1985, 3, 4)),
        address="Ergens 9",
    )
    incident = IncidentFactory(registered_by=boa, address="Nergens 1")
    url = reverse("enforcement:violation_form_part", args=[incident.pk])
    client_for(boa).post(url, _post_data(offence, offender_name="Jan Jansen", address="Nergens 1"))
    entry = AccessLogEntry.objects.get(user=boa, action="search")
    assert entry.detail["found"] == [earlier.pk]


@pytest.mark.parametrize(
    "role,same_team,status",
    [
        (Role.BOA, True, 200),
        (Role.BOA, False, 404),
        (Role.TEAM_LEAD, True, 200),
        (Role.POLICY_OFFICER, False, 404),
        (Role.COUNCIL_MEMBER, False, 404),
        (Role.FUNCTIONAL_ADMIN, False, 404),
    ],
)
def test_who_may_record_a_violation_on_an_incident(
    client_for, boa, make_user, offence, role, same_team, status
):
    incident = IncidentFactory(registered_by=boa)
    kwargs = {}
    if role in (Role.BOA, Role.TEAM_LEAD):
        kwargs["team"] = boa.team if same_team else TeamFactory(name="Ander team")
    viewer = make_user(role, **kwargs)
    url = reverse("enforcement:violation_create", args=[incident.pk])
    client = client_for(viewer)
    assert client.get(url).status_code == status
    if status == 404:
        assert client.post(url, _post_data(offence)).status_code == 404
        assert not Violation.objects.exists()


def test_choice_from_full_list_stays_valid_after_a_search_without_js(client_for, boa, offence):
    other = OffenceFactory(
        code="H009", description="Afval", default_intervention=_iv("written-warning")
    )
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:violation_create", args=[incident.pk])
    response = client_for(boa).post(url, _post_data(other, offence_q="geluid"))
    assert response.status_code == 302
    assert Violation.objects.get().offence == other


def test_violation_list_query_count_does_not_grow_with_rows(client_for, boa):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(boa)
    incident = IncidentFactory(registered_by=boa)
    ViolationFactory(incident=incident)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("enforcement:violation_list"))
    for _ in range(20):
        ViolationFactory(incident=IncidentFactory(registered_by=boa))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("enforcement:violation_list"))
    assert len(response.context["page"].object_list) == 21
    assert len(many) == len(one)


def test_admin_previews_template_with_sample_data(client_for, functional_admin, boa):
    template = LetterTemplateFactory(body="Beste {{ naam }}, feit {{ feitcode }}.")
    url = reverse("enforcement:letter_template_preview", args=[template.pk])
    response = client_for(functional_admin).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "Beste J. (Jan) Voorbeeld, feit H120." in _pdf_text(response.content)
    assert client_for(boa).get(url).status_code == 404


def test_older_violations_only_through_targeted_search(client_for, boa, settings):
    settings.WPG_BROWSE_LIMIT_DAYS = 365
    incident = IncidentFactory(registered_by=boa)
    old = ViolationFactory(incident=incident, offender=OffenderFactory(name="Oud Geval"))
    Violation.objects.filter(pk=old.pk).update(
        committed_on=timezone.localdate() - dt.timedelta(days=400)
    )
    recent = ViolationFactory(incident=incident)
    client = client_for(boa)
    url = reverse("enforcement:violation_list")
    listed = [v.pk for v in client.get(url).context["page"].object_list]
    assert listed == [recent.pk]
    purpose = {"purpose": "Z-2026-000001"}
    by_reference = client.get(url, {"q": old.reference, **purpose}).context["page"].object_list
    assert [v.pk for v in by_reference] == [old.pk]
    # A name alone is no targeted search; with the date of birth it is.
    assert not client.get(url, {"person": "oud geval", **purpose}).context["page"].object_list
    dob = old.offender.date_of_birth.isoformat()
    by_name = client.get(url, {"person": "oud  geval", "date_of_birth": dob, **purpose})
    assert [v.pk for v in by_name.context["page"].object_list] == [old.pk]
    entry = AccessLogEntry.objects.filter(user=boa, action="search").first()
    assert entry.detail["targeted"] == {
        "kind": "person",
        "value": "oudgeval",  # compared as Offender.match_key compares names
        "date_of_birth": dob,
    }
    assert entry.detail["purpose"] == "Z-2026-000001"
    assert entry.detail["found"] == [old.pk]
    assert entry.detail["older_included"] is True


def test_person_search_not_offered_to_roles_without_personal_data(client_for, make_user, boa):
    old = ViolationFactory(
        incident=IncidentFactory(registered_by=boa), offender=OffenderFactory(name="Oud Geval")
    )
    policy = make_user(Role.POLICY_OFFICER)
    response = client_for(policy).get(
        reverse("enforcement:violation_list"), {"person": "Oud Geval"}
    )
    assert "Gericht zoeken" not in response.content.decode()
    assert [v.pk for v in response.context["page"].object_list] == [old.pk]  # recent: listed
    assert not AccessLogEntry.objects.filter(action="search").exists()


@pytest.mark.parametrize(
    "offender,salutation",
    [
        (_person(), "Geachte heer/mevrouw Jan Jansen,"),
        (
            svc.OffenderData(kind="company", name="Café De Hoek B.V.", coc_number="12345678"),
            "Geachte directie van Café De Hoek B.V.,",
        ),
    ],
)
def test_default_letter_addresses_a_company_as_one_and_says_where_and_when(
    client_for, boa, offence, offender, salutation
):
    from enforcement.letters import DEFAULT_BODY
    from enforcement.models import LetterTemplate

    assert LetterTemplate.objects.get(code="written-warning").body == DEFAULT_BODY  # migrated
    occurred = timezone.localtime().replace(hour=14, minute=35, second=0, microsecond=0)
    if occurred > timezone.localtime():
        occurred -= dt.timedelta(days=1)
    incident = IncidentFactory(registered_by=boa, address="Markt 1", occurred_at=occurred)
    v = _create(boa, incident, offence, offender=offender, committed_on=occurred.date())
    response = client_for(boa).get(reverse("enforcement:violation_letter", args=[v.pk]))
    text = " ".join(_pdf_text(response.content).split())
    assert salutation in text
    assert "Geachte heer/mevrouw Café" not in text
    from django.utils import formats

    when = formats.date_format(occurred.date(), "j F Y")
    assert f"Op {when} om 14.35 uur heeft een buitengewoon opsporingsambtenaar" in text
    assert "op Markt 1 vastgesteld" in text
