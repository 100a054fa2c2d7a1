"""Every list pages through one template (accounts/_pagination.html): the links keep the
list's filters and sort, and say where the reader is."""

import re

import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory
from enforcement.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav aria-label="Paginering">(.*?)</nav>', html, re.S)
    assert nav, "no page links"
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a class="page-link" href="([^"]+)">([^<]+)</a>', nav[1])
    }


def test_the_case_list_pages_keep_the_filter_and_the_sort(policy_officer, client_for):
    theme, other = ThemeFactory(code="OV", name="Overlast"), ThemeFactory(code="AF", name="Afval")
    for _ in range(30):
        CaseFactory(theme=theme)
    CaseFactory(theme=other)
    client = client_for(policy_officer)
    url = reverse("cases:list")
    first = client.get(url, {"theme": theme.pk, "sort": "due"})
    html = first.content.decode()
    assert first.status_code == 200
    assert "Pagina 1 van 2" in html
    assert "resultaten" not in html  # the list says its own count
    links = _links(html)
    assert set(links) == {"Volgende"}
    assert f"theme={theme.pk}" in links["Volgende"] and "sort=due" in links["Volgende"]
    assert "page=2" in links["Volgende"]
    second = client.get(url + links["Volgende"])
    html = second.content.decode()
    assert "Pagina 2 van 2" in html
    assert set(_links(html)) == {"Vorige"}
    assert "page=1" in _links(html)["Vorige"] and f"theme={theme.pk}" in _links(html)["Vorige"]
