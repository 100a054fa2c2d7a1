"""CSV import of reference data: good rows in, bad rows reported with row number and reason."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement import importers
from enforcement.models import Area, CaseType, Category, InterventionType, Offence, Theme
from enforcement.tests.factories import AreaFactory, InterventionTypeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _csv(text: str, name: str = "data.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def _run(kind: str, text: str, actor=None, **kw):
    return importers.run_import(importers.IMPORTERS[kind], _csv(text, **kw), actor=actor)


def test_areas_semicolon_buurt_before_its_wijk_and_bad_rows_reported(functional_admin):
    text = (
        "code;naam;soort;wijk;inwoners\n"
        "BU00010101;Binnenstad;buurt;WK000101;4100\n"  # buurt first: wijken are done first
        "WK000101;Centrum;wijk;;8200\n"
        "WK000102;Noord;stad;;100\n"  # bad kind
        "BU00010201;Vogelwijk;buurt;WK999999;10\n"  # unknown parent
        "WK000103;Oost;wijk;;veel\n"  # not a number
        "BU00010102;Haven;buurt;;10\n"  # buurt without wijk
        "wk-0001 04;Spaties;wijk;;\n"  # invalid code characters
    )
    report = _run("gebieden", text, actor=functional_admin)
    assert (report.created, report.updated) == (2, 0)
    reasons = {e.row: e.reason for e in report.rejected}
    assert set(reasons) == {4, 5, 6, 7, 8}
    assert "wijk' of 'buurt'" in reasons[4]
    assert reasons[5] == "Wijk 'WK999999' bestaat niet."
    assert "geen geheel getal" in reasons[6]
    assert "Kies de wijk waarin deze buurt ligt." in reasons[7]
    assert "code" in reasons[8].lower()
    assert Area.objects.get(code="BU00010101").parent.code == "WK000101"


def test_reimport_updates_instead_of_duplicating(functional_admin):
    text = "code,naam,termijn_werkdagen\r\nafval-hotspot,Afvalhotspot,15\r\n"
    assert _run("zaaktypen", text).created == 1
    report = _run("zaaktypen", text.replace("15", "20"))
    assert (report.created, report.updated) == (0, 1)
    assert CaseType.objects.get(code="afval-hotspot").standard_term_days == 20


def test_case_type_term_zero_refused_and_bom_comma_detected():
    text = "\ufeffcode,naam,termijn_werkdagen\nx,X,0\ny,Y,3\n"
    report = _run("zaaktypen", text)
    assert report.created == 1
    assert report.rejected[0].row == 2
    assert "minimaal 1 werkdag" in report.rejected[0].reason


def test_themes_and_categories_one_row_per_category():
    text = (
        "thema_code;thema_naam;categorie;volgorde\n"
        "afval;Afval;Bijplaatsing;4\n"
        "afval;Afval;Dumping;4\n"
        "afval;Afval;Dumping;4\n"  # same again: nothing new
        "Geen Slug;Fout;X;1\n"
    )
    report = _run("themas", text)
    assert Theme.objects.get(code="afval").order == 4
    assert set(Category.objects.filter(theme__code="afval").values_list("name", flat=True)) == {
        "Bijplaatsing",
        "Dumping",
    }
    assert [e.row for e in report.rejected] == [5]
    assert "code" in report.rejected[0].reason.lower()


def test_offences_dutch_amounts_and_references_checked():
    ThemeFactory(code="afval")
    InterventionTypeFactory(code="bsb", name="BSB")
    text = (
        "feitcode;omschrijving;grondslag;thema_code;interventie_code;bedrag\n"
        "h009;Afval naast container;APV art. 5:37;afval;bsb;1.500,50\n"
        "H010;Zonder bedrag;APV art. 1;;bsb;\n"
        "H011;Negatief;APV art. 1;afval;bsb;-10\n"
        "H012;Onbekend thema;APV art. 1;bestaatniet;bsb;10\n"
        "H013;Onbekende interventie;APV art. 1;afval;xyz;10\n"
        "H014;Geen grondslag;;afval;bsb;10\n"
        "H015;Raar bedrag;APV;afval;bsb;tien\n"
        "H016;Te veel;APV;afval;bsb;10;extra\n"
    )
    report = _run("feiten", text)
    assert report.created == 2
    assert Offence.objects.get(code="H009").default_amount == Decimal("1500.50")
    assert Offence.objects.get(code="H010").theme is None
    reasons = {e.row: e.reason for e in report.rejected}
    assert "minstens 0" in reasons[4]
    assert reasons[5] == "Thema 'bestaatniet' bestaat niet."
    assert reasons[6] == "Interventiesoort 'xyz' bestaat niet."
    assert "'grondslag' is leeg" in reasons[7]
    assert "geen bedrag" in reasons[8]
    assert "Meer waarden dan kolommen" in reasons[9]


def test_intervention_types_import():
    report = _run("interventies", "code;naam;trede\nverbal-warning;Mondeling;1\n")
    assert report.created == 1
    assert InterventionType.objects.get(code="verbal-warning").ladder_step == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_csv("code;naam\n", name="data.xlsx"), "CSV-bestand"),
        (SimpleUploadedFile("data.csv", b"PK\x03\x04\x00\x00binary"), "binair"),
        (_csv("code;naam;soort\nWK1;Café;wijk\n", encoding="latin-1"), "UTF-8"),
        (_csv(""), "leeg"),
        (_csv("code;naam;soort\n"), "geen regels"),
        (_csv("code;name;kind\nWK1;X;wijk\n"), "mist de kolom(men): naam, soort"),
    ],
)
def test_unusable_files_are_refused_with_reason(upload, message):
    with pytest.raises(
        importers.ImportRefused, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        importers.run_import(importers.IMPORTERS["gebieden"], upload, actor=None)


def test_file_over_five_megabytes_is_refused(functional_admin, client_for):
    big = SimpleUploadedFile(
        "groot.csv", b"code;naam;soort\n" + b"x" * (5 * 1024 * 1024 + 1), content_type="text/csv"
    )
    response = client_for(functional_admin).post(
        reverse("enforcement:reference_import", args=["gebieden"]), {"file": big}
    )
    assert "de grens is 5 MB" in response.content.decode()
    assert not Area.objects.exists()


def test_import_page_shows_report_and_example_download(functional_admin, client_for):
    client = client_for(functional_admin)
    url = reverse("enforcement:reference_import", args=["zaaktypen"])
    page = client.get(url).content.decode()
    assert "termijn_werkdagen" in page and "samen ingelezen" in page
    example = client.get(reverse("enforcement:reference_import_example", args=["zaaktypen"]))
    assert example["Content-Type"].startswith("text/csv")
    content = example.content.decode("utf-8-sig")
    assert content.startswith("code;naam;termijn_werkdagen")
    # The example file itself imports cleanly.
    response = client.post(url, {"file": _csv(content)})
    body = response.content.decode()
    assert "1 nieuw, 0 bijgewerkt, 0 geweigerd." in body
    response = client.post(url, {"file": _csv("code;naam;termijn_werkdagen\nz;Z;nul\n")})
    body = response.content.decode()
    assert "0 nieuw, 0 bijgewerkt, 1 geweigerd." in body
    assert "geen geheel getal" in body


def test_import_of_existing_area_keeps_boundary():
    area = AreaFactory.with_box(52.3, 4.9, 52.31, 4.91, code="WK000200", name="Oud")
    _run("gebieden", "code;naam;soort\nWK000200;Nieuw;wijk\n")
    area.refresh_from_db()
    assert area.name == "Nieuw" and area.boundary is not None and area.min_lat == 52.3
