import hashlib
from pathlib import Path

import pytest

from accounts.roles import Role
from reports.periods import Period
from reports.services import report_build, report_publish, report_update_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_council_member_opens_portal_and_downloads_latest_pdf(browser_page, login, make_user):
    officer = make_user(Role.POLICY_OFFICER, username="beleid-browser")
    for period in (Period(2019, 4), Period(2020, 1)):
        report = report_build(period=period, actor=officer)
        report_update_text(
            report_id=report.pk, actor=officer, introduction="Rustig kwartaal.", change_note=""
        )
        latest = report_publish(report_id=report.pk, actor=officer)
    council = make_user(Role.COUNCIL_MEMBER, username="raadslid-browser")
    page = browser_page

    login(page, council)
    page.get_by_role("link", name="Naar het raadsportaal").click()
    page.wait_for_url("**/rapportages/raad/")
    assert page.get_by_role("heading", level=1).inner_text() == "Raadsrapportages"
    page.get_by_role("link", name="1e kwartaal 2020").click()
    assert "Rustig kwartaal." in page.content()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == "raadsrapportage-2020Q1-v1.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == latest.files.get(format="pdf").sha256
