"""Every PDF the product renders, with markup in what users type: nothing is fetched.

Letters (an offender's name, the functional admin's template and its preview),
the enforcement programme and the council report: each is rendered for real and
opened; no embedded file, no secret text, no request to a local server.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.test_pdf import assert_clean_pdf, local_server, secret_files  # noqa: F401
from enforcement.models import InterventionType
from enforcement.tests.factories import (
    IncidentFactory,
    LetterTemplateFactory,
    OffenceFactory,
    OffenderFactory,
    ViolationFactory,
)
from enforcement.tests.test_matrix import ladder  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "attachment": '<link rel="attachment" href="file:///proc/self/environ">',
    "secret-file": '<link rel="attachment" href="file://{secret}">',
    "img-http": '<img src="{server}/beeld.png">',
    "stylesheet": "<link rel=stylesheet href=file:///etc/passwd>",
    "stylesheet-css": "<link rel=stylesheet href=file://{css}>",
    "end-title": '</title></h1><link rel="attachment" href="file://{secret}">',
}


@pytest.fixture(params=sorted(PAYLOADS))
def payload(request, local_server, secret_files):  # noqa: F811
    server, hits = local_server
    secret, css = secret_files
    text = PAYLOADS[request.param].format(server=server, secret=secret, css=css)
    return text, hits


@pytest.fixture
def letter_violation(ladder, boa):  # noqa: F811
    def make(name: str):
        offence = OffenceFactory(
            code="H120",
            description="Geluidhinder veroorzaken",
            default_intervention=InterventionType.objects.get(code="written-warning"),
        )
        return ViolationFactory(
            incident=IncidentFactory(registered_by=boa),
            offence=offence,
            offender=OffenderFactory(name=name),
        )

    return make


def test_offender_name_in_the_letter(payload, letter_violation, client_for, boa):
    text, hits = payload
    LetterTemplateFactory(subject="Brief aan {{ naam }}", body="Geachte {{ naam }},\n\nTekst.")
    violation = letter_violation(text)
    response = client_for(boa).get(reverse("enforcement:violation_letter", args=[violation.pk]))
    assert response.status_code == 200
    shown = assert_clean_pdf(response.content, hits=hits)
    assert "Geachte" in shown
    assert "<link" in shown or "<img" in shown  # the name is printed as text


def test_admin_template_body_and_subject_in_preview_and_letter(
    payload, letter_violation, client_for, functional_admin, boa
):
    text, hits = payload
    template = LetterTemplateFactory()
    client = client_for(functional_admin)
    response = client.post(
        reverse("enforcement:letter_template_edit", args=[template.pk]),
        {
            "name": "W",
            "subject": "Brief {{ kenmerk }} " + text,
            "body": "Geachte {{ naam }},\n\n" + text + "\n\nGroet",
            "active": "on",
        },
    )
    assert response.status_code == 302
    preview = client.get(reverse("enforcement:letter_template_preview", args=[template.pk]))
    assert preview["Content-Type"] == "application/pdf"
    shown = assert_clean_pdf(preview.content, hits=hits)
    assert "Geachte J. (Jan) Voorbeeld" in shown
    violation = letter_violation("Jan Jansen")
    letter = client_for(boa).get(reverse("enforcement:violation_letter", args=[violation.pk]))
    assert "Geachte Jan Jansen" in assert_clean_pdf(letter.content, hits=hits)


def test_programme_pdf_with_markup_in_titles(payload, client_for, council_member):
    from planning.models import Programme
    from planning.tests.factories import ActivityFactory, ProgrammeFactory

    text, hits = payload
    programme = ProgrammeFactory(year=2031, status=Programme.Status.ADOPTED, title=text)
    ActivityFactory(programme=programme, title="Toezicht " + text)
    response = client_for(council_member).get(
        reverse("planning:programme_pdf", args=[programme.pk])
    )
    assert response.status_code == 200
    assert "Toezicht" in assert_clean_pdf(response.content, hits=hits)


def test_council_report_pdf_with_markup_in_its_texts(payload, policy_officer):
    from reports import renderers
    from reports.periods import Period
    from reports.services import report_build, report_update_text

    text, hits = payload
    report = report_build(period=Period(2026, 1), actor=policy_officer)
    report = report_update_text(
        report_id=report.pk,
        actor=policy_officer,
        introduction="Inleiding " + text,
        change_note=text,
    )
    assert "Inleiding" in assert_clean_pdf(renderers.render_pdf(report), hits=hits)
