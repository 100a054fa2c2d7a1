"""The functional admin on a phone: create a user, then import offences from CSV."""

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.models import Offence
from enforcement.tests.factories import InterventionTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_a_boa_on_a_phone(browser_page, login, make_user):
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="fb")
    TeamFactory(name="Team Haven")
    login(browser_page, admin)
    page = browser_page
    page.goto("/accounts/gebruikers/nieuw/")
    page.get_by_label("Voornaam").fill("Fleur")
    page.get_by_label("Achternaam").fill("Hendriks")
    page.get_by_label("Gebruikersnaam").fill("fleur")
    page.get_by_label("E-mailadres").fill("fleur@gemeente.example")
    page.get_by_label("Rol").select_option(Role.PARTNER)
    assert page.get_by_label("Partnerorganisatie").is_visible()
    page.get_by_label("Rol").select_option(Role.BOA)
    assert not page.get_by_label("Partnerorganisatie").is_visible()
    page.get_by_role("button", name="Opslaan").click()
    # The team rule is explained and what was typed stays.
    assert "Kies het team" in page.content()
    assert page.get_by_label("Voornaam").input_value() == "Fleur"
    page.get_by_label("Team", exact=True).select_option(label="Team Haven")
    page.get_by_role("button", name="Opslaan").click()
    assert "is aangemaakt" in page.get_by_role("alert").inner_text()
    assert User.objects.get(username="fleur").team.name == "Team Haven"


def test_admin_imports_offences_and_sees_rejected_rows(browser_page, login, make_user, tmp_path):
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="fb2")
    InterventionTypeFactory(code="bsb", name="BSB")
    csv_file = tmp_path / "feiten.csv"
    csv_file.write_text(
        "feitcode;omschrijving;grondslag;thema_code;interventie_code;bedrag\n"
        "H900;Goed feit;APV art. 1;;bsb;50\n"
        "H901;Fout bedrag;APV art. 1;;bsb;-1\n",
        encoding="utf-8",
    )
    login(browser_page, admin)
    page = browser_page
    page.goto("/registratie/referentie/importeren/feiten/")
    page.get_by_label("CSV-bestand").set_input_files(str(csv_file))
    page.get_by_role("button", name="Importeren").click()
    assert "1 nieuw, 0 bijgewerkt, 1 geweigerd." in page.content()
    assert page.get_by_role("cell", name="3", exact=True).is_visible()
    assert Offence.objects.filter(code="H900").exists()


def test_admin_pages_fit_a_phone_screen(browser_page, login, make_user):
    from enforcement.tests.factories import AreaFactory, CategoryFactory, OffenceFactory

    admin = make_user(Role.FUNCTIONAL_ADMIN, username="fb3")
    AreaFactory.with_box(52.3, 4.9, 52.31, 4.91, code="WK123456")
    CategoryFactory()
    OffenceFactory()
    login(browser_page, admin)
    for path in [
        "/",
        "/accounts/gebruikers/",
        "/accounts/teams/",
        "/accounts/toegangslog/",
        "/registratie/referentie/",
        "/registratie/referentie/gebieden/",
        "/registratie/referentie/themas/",
        "/registratie/referentie/feiten/",
        "/registratie/referentie/importeren/gebieden/",
    ]:
        browser_page.goto(path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
