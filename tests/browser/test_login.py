import pytest

from accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_logs_in_and_reaches_home(browser_page, login, make_user, role):
    user = make_user(role, username=f"demo-{role}")
    login(browser_page, user)
    assert browser_page.url.endswith("/")
    assert browser_page.get_by_role("heading", level=1).inner_text().startswith("Goedendag")


def test_wrong_password_is_refused_with_a_message(browser_page, make_user):
    user = make_user(Role.BOA, username="wrongpw")
    browser_page.goto("/login/")
    browser_page.get_by_label("Gebruikersnaam").fill(user.username)
    browser_page.get_by_label("Wachtwoord").fill("niet-goed")
    browser_page.get_by_role("button", name="Inloggen").click()
    assert "/login/" in browser_page.url
    assert "juiste gebruikersnaam" in browser_page.get_by_role("alert").inner_text()
    assert browser_page.get_by_label("Gebruikersnaam").input_value() == "wrongpw"
