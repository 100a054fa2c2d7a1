"""Reference data management in the application by the functional admin."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement import geo
from enforcement.models import Area, CaseType, Category, Offence, Theme
from enforcement.selectors.reference import area_for_point
from enforcement.tests.factories import (
    AreaFactory,
    CaseTypeFactory,
    CategoryFactory,
    InterventionTypeFactory,
    OffenceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, functional_admin):
    return client_for(functional_admin)


def _url(name, kind, pk=None):
    args = [kind] if pk is None else [kind, pk]
    return reverse(f"enforcement:reference_{name}", args=args)


def test_index_and_every_list_and_create_page_render(admin_client):
    AreaFactory()
    CategoryFactory()
    OffenceFactory()
    CaseTypeFactory()
    assert admin_client.get(reverse("enforcement:reference_index")).status_code == 200
    for kind in ("gebieden", "themas", "categorieen", "feiten", "interventies", "zaaktypen"):
        assert admin_client.get(_url("list", kind)).status_code == 200, kind
        assert admin_client.get(_url("create", kind)).status_code == 200, kind


def test_create_buurt_with_pasted_boundary_sets_bbox_and_maps_points(admin_client):
    wijk = AreaFactory(code="WK000001", name="Centrum")
    boundary = geo.rectangle(52.30, 4.90, 52.32, 4.93)
    response = admin_client.post(
        _url("create", "gebieden"),
        {
            "code": "bu00000101",
            "name": "Binnenstad",
            "kind": "buurt",
            "parent": wijk.pk,
            "population": "4100",
            "boundary_text": json.dumps({"type": "Feature", "geometry": boundary}),
        },
    )
    assert response.status_code == 302
    area = Area.objects.get(code="BU00000101")
    assert area.parent == wijk
    assert (area.min_lat, area.min_lon, area.max_lat, area.max_lon) == (52.30, 4.90, 52.32, 4.93)
    assert area_for_point(lat=52.31, lon=4.91) == area
    page = admin_client.get(_url("update", "gebieden", area.pk)).content.decode()
    assert 'id="area-map"' in page and "leaflet.js" in page and 'id="area-boundary"' in page


def test_upload_geojson_file_and_clear_boundary(admin_client):
    area = AreaFactory(code="WK000002")
    upload = SimpleUploadedFile(
        "grens.geojson",
        json.dumps(geo.rectangle(52.33, 4.95, 52.35, 4.99)).encode(),
        content_type="application/geo+json",
    )
    data = {"code": area.code, "name": area.name, "kind": "wijk", "population": "10"}
    admin_client.post(_url("update", "gebieden", area.pk), {**data, "boundary_file": upload})
    area.refresh_from_db()
    assert area.max_lon == 4.99
    admin_client.post(_url("update", "gebieden", area.pk), {**data, "clear_boundary": "on"})
    area.refresh_from_db()
    assert area.boundary is None and area.min_lat is None


@pytest.mark.parametrize(
    ("boundary_text", "message"),
    [
        ("{niet json", "geen geldige JSON"),
        ('{"type": "Point", "coordinates": [4.9, 52.3]}', "geen Polygon of MultiPolygon"),
        (
            '{"type": "Polygon", "coordinates": [[[4.9, 52.3], [4.95, 52.3], [4.9, 52.3]]]}',
            "minstens vier punten",
        ),
        (
            '{"type": "Polygon", "coordinates": [[[400, 52.3], [4.95, 52.3], [4.95, 52.4], [400, 52.3]]]}',
            "buiten het bereik",
        ),
    ],
)
def test_invalid_boundary_is_refused_and_form_keeps_input(admin_client, boundary_text, message):
    response = admin_client.post(
        _url("create", "gebieden"),
        {"code": "WK7", "name": "Mijn wijk", "kind": "wijk", "boundary_text": boundary_text},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Mijn wijk"' in body
    assert not Area.objects.filter(code="WK7").exists()


def test_buurt_needs_parent_wijk_and_wijk_has_none(admin_client):
    wijk = AreaFactory(code="WK000003")
    buurt = AreaFactory(code="BU0000030", kind="buurt", parent=wijk)
    body = admin_client.post(
        _url("create", "gebieden"), {"code": "BU1", "name": "Buurt", "kind": "buurt"}
    ).content.decode()
    assert "Kies de wijk waarin deze buurt ligt." in body
    body = admin_client.post(
        _url("create", "gebieden"),
        {"code": "WK1", "name": "Wijk", "kind": "wijk", "parent": wijk.pk},
    ).content.decode()
    assert "Een wijk ligt niet in een ander gebied" in body
    # A buurt is not offered as parent.
    body = admin_client.post(
        _url("create", "gebieden"),
        {"code": "BU2", "name": "Buurt", "kind": "buurt", "parent": buurt.pk},
    ).content.decode()
    assert "Selecteer een geldige keuze" in body


def test_offence_amount_not_negative_and_code_unique(admin_client):
    theme = ThemeFactory()
    intervention = InterventionTypeFactory()
    OffenceFactory(code="H001", theme=theme, default_intervention=intervention)
    data = {
        "code": "h002",
        "description": "Hond los",
        "legal_basis": "APV art. 2:59",
        "theme": theme.pk,
        "default_intervention": intervention.pk,
        "default_amount": "-5",
    }
    body = admin_client.post(_url("create", "feiten"), data).content.decode()
    assert "minstens 0 is" in body
    body = admin_client.post(
        _url("create", "feiten"), {**data, "code": "H001", "default_amount": "10"}
    ).content.decode()
    assert "bestaat al" in body
    response = admin_client.post(_url("create", "feiten"), {**data, "default_amount": "95.00"})
    assert response.status_code == 302
    assert Offence.objects.get(code="H002").default_amount == 95


def test_case_type_term_at_least_one_day(admin_client):
    body = admin_client.post(
        _url("create", "zaaktypen"), {"code": "x", "name": "X", "standard_term_days": "0"}
    ).content.decode()
    assert "minstens 1 is" in body
    admin_client.post(
        _url("create", "zaaktypen"), {"code": "x", "name": "X", "standard_term_days": "5"}
    )
    assert CaseType.objects.get(code="x").standard_term_days == 5


def test_theme_with_categories_and_edit(admin_client):
    admin_client.post(_url("create", "themas"), {"code": "afval", "name": "Afval", "order": "3"})
    theme = Theme.objects.get(code="afval")
    admin_client.post(_url("create", "categorieen"), {"theme": theme.pk, "name": "Dumping"})
    assert Category.objects.filter(theme=theme, name="Dumping").exists()
    body = admin_client.get(_url("list", "themas")).content.decode()
    assert "Dumping" in body
    admin_client.post(
        _url("update", "themas", theme.pk), {"code": "afval", "name": "Afval en vuil", "order": "3"}
    )
    theme.refresh_from_db()
    assert theme.name == "Afval en vuil"
    body = admin_client.post(
        _url("create", "themas"), {"code": "Geen Slug!", "name": "X", "order": "1"}
    ).content.decode()
    assert "slug" in body.lower() or "letters" in body.lower()


def test_deactivate_referenced_offence_keeps_it(admin_client):
    offence = OffenceFactory()
    response = admin_client.get(_url("deactivate", "feiten", offence.pk))
    assert "deactiveren?" in response.content.decode()
    admin_client.post(_url("deactivate", "feiten", offence.pk))
    offence.refresh_from_db()
    assert not offence.active
    edit_url = _url("update", "feiten", offence.pk)
    admin_client.get(_url("list", "feiten"))  # shows (and uses up) the message
    assert edit_url not in admin_client.get(_url("list", "feiten")).content.decode()
    body = admin_client.get(_url("list", "feiten"), {"status": "inactive"}).content.decode()
    assert edit_url in body
    admin_client.post(_url("reactivate", "feiten", offence.pk))
    offence.refresh_from_db()
    assert offence.active


def test_unknown_kind_is_404(admin_client):
    assert admin_client.get(_url("list", "onbekend")).status_code == 404


def test_admin_home_shows_reference_panel(admin_client):
    AreaFactory(code="WK000009")  # no boundary
    body = admin_client.get(reverse("home")).content.decode()
    assert "1 actief gebied zonder grens" in body
    assert reverse("enforcement:reference_index") in body


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("gebieden", lambda n: [AreaFactory(kind="buurt", parent=AreaFactory()) for _ in range(n)]),
        ("themas", lambda n: [CategoryFactory() for _ in range(n)]),
        ("categorieen", lambda n: CategoryFactory.create_batch(n)),
        ("feiten", lambda n: OffenceFactory.create_batch(n)),
        ("zaaktypen", lambda n: CaseTypeFactory.create_batch(n)),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    admin_client, django_assert_num_queries, kind, make
):
    make(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(_url("list", kind))
    baseline = len(ctx)
    make(15)
    with django_assert_num_queries(baseline):
        admin_client.get(_url("list", kind))


def test_area_list_filters_on_kind_and_search(admin_client):
    wijk = AreaFactory(code="WK111111", name="Havenwijk")
    AreaFactory(code="BU11111101", name="Kadebuurt", kind="buurt", parent=wijk)
    url = _url("list", "gebieden")
    body = admin_client.get(url, {"area_kind": "buurt"}).content.decode()
    assert "Kadebuurt" in body and ">Havenwijk</a>" not in body
    body = admin_client.get(url, {"q": "haven"}).content.decode()
    assert ">Havenwijk</a>" in body and "Kadebuurt" not in body


def _entry(kind: str, text: str, active: bool):
    """One entry of the list ``kind`` whose searched field holds ``text``."""
    n = sum(map(ord, text)) + (0 if active else 1)
    if kind == "gebieden":
        return AreaFactory(code=f"WK8{n:05d}", name=text, active=active)
    if kind == "themas":
        return ThemeFactory(code=f"t-{n}", name=text, active=active)
    if kind == "categorieen":
        return CategoryFactory(name=text, active=active)
    if kind == "feiten":
        return OffenceFactory(code=f"Z{n}", description=text, active=active)
    if kind == "interventies":
        return InterventionTypeFactory(code=f"i-{n}", name=text, active=active)
    return CaseTypeFactory(code=f"z-{n}", name=text, active=active)


@pytest.mark.parametrize(
    "kind", ["gebieden", "themas", "categorieen", "feiten", "interventies", "zaaktypen"]
)
def test_search_and_status_filters_work_on_every_list(admin_client, kind):
    hit = _entry(kind, "Zoekterm actief", active=True)
    hit_inactive = _entry(kind, "Zoekterm uit", active=False)
    miss = _entry(kind, "Iets anders", active=True)
    expected = {"active": {hit.pk}, "inactive": {hit_inactive.pk}, "all": {hit.pk, hit_inactive.pk}}
    for status in ("active", "inactive", "all"):
        response = admin_client.get(_url("list", kind), {"q": "zoekterm", "status": status})
        assert response.status_code == 200
        shown = {obj.pk for obj, _cells in response.context["rows"]}
        assert shown & {hit.pk, hit_inactive.pk, miss.pk} == expected[status], status
        body = response.content.decode()
        assert ("Zoekterm actief" in body) == (hit.pk in expected[status])
        assert "Iets anders" not in body
