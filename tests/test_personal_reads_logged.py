"""Every page and file that gives out personal data writes its access-log row.

The row is written by the selector that reads the data (docs/architecture.md), so a
view that stops calling it, or calls a plain query instead, fails here. Each case goes
through HTTP as the user would; a failing log write means the data is not given out.
"""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry, Team
from accounts.roles import Role
from cases.tests.factories import CaseDocumentFactory, CaseFactory
from enforcement.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_user):
    return make_user(Role.TEAM_LEAD, username="leeslog", team=Team.objects.create(name="Noord"))


def _incident(lead):
    return IncidentFactory(
        registered_by=lead, source="resident", reporter_name="Jan Bewoner", reporter_contact="06"
    )


def _incident_detail(lead):
    incident = _incident(lead)
    url = reverse("enforcement:incident_detail", args=[incident.pk])
    return url, ("view", "enforcement.incident", str(incident.pk)), "Jan Bewoner"


def _incident_export(lead):
    _incident(lead)
    url = reverse("enforcement:incident_export", args=["csv"])
    return url, ("export", "enforcement.incident", ""), "Jan Bewoner"


def _case_export(lead):
    case = CaseFactory(team=lead.team, opened_by=lead, assignee=lead, title="Portiek")
    return reverse("cases:export"), ("export", "cases.case", ""), case.reference


def _case_document(lead):
    doc = CaseDocumentFactory(case=CaseFactory(team=lead.team, opened_by=lead))
    url = reverse("cases:document_download", args=[doc.case_id, doc.pk])
    return url, ("view", "cases.case", str(doc.case_id)), "%PDF-1.4 test"


READS = {
    "incident detail with reporter": _incident_detail,
    "incident export": _incident_export,
    "case export": _case_export,
    "case document": _case_document,
}


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig", "replace")
    return response.content.decode("utf-8-sig", "replace")


@pytest.mark.parametrize("name", READS)
def test_the_page_or_file_is_given_out_with_one_access_log_row(name, lead, client_for):
    url, (action, object_type, object_id), shown = READS[name](lead)
    response = client_for(lead).get(url)
    assert response.status_code == 200
    assert shown in _body(response)
    rows = list(AccessLogEntry.objects.filter(user=lead))
    assert [(r.action, r.object_type, r.object_id) for r in rows] == [
        (action, object_type, object_id)
    ]


@pytest.mark.parametrize("name", READS)
def test_when_the_log_row_cannot_be_written_nothing_is_given_out(
    name, lead, client_for, monkeypatch
):
    url, _, shown = READS[name](lead)

    def refuse(self, *args, **kwargs):
        raise RuntimeError("access log unavailable")

    monkeypatch.setattr(AccessLogEntry, "save", refuse)
    client = client_for(lead)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 500
    assert shown not in _body(response)


def test_no_view_writes_the_access_log_itself():
    # The rows belong to the selectors and services that read the data.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    found = [
        path.relative_to(root).as_posix()
        for app in ("accounts", "enforcement", "cases", "planning", "privacy")
        for path in (root / app).rglob("*.py")
        if "/views" in path.relative_to(root).as_posix()
        and "access_log_record(" in path.read_text()
    ]
    assert found == []
