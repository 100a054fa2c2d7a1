"""Keyboard and small-screen use of the base layout, on the 375 px phone viewport."""

import pytest

from accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), id: el.id, text: el.innerText || "",
                    outline: style.outlineStyle + " " + style.outlineWidth};
        }"""
    )


def test_keyboard_from_the_top_skips_to_the_username_field(browser_page):
    page = browser_page
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    # The username field has focus on arrival (Django's login form sets autofocus).
    assert _focused(page)["id"] == "id_username"

    # Back to the top: the language switch, the brand, then the skip link comes first.
    order = []
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
        order.append(_focused(page)["text"].strip())
    assert order == ["English", "Handhaving OOV", "Naar de inhoud"]
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    assert skip_link.is_visible()  # hidden until focused, then shown on top
    box = skip_link.bounding_box()
    assert box["width"] > 0 and box["x"] >= 0 and box["y"] >= 0
    assert _focused(page)["outline"] == "solid 3px"

    # From the top, the skip link leads past the menu to the page's content.
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert _focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert (focused["tag"], focused["id"]) == ("input", "id_username")
    assert focused["outline"] == "solid 3px"  # focus is visible
    page.keyboard.type("boa")
    assert page.get_by_label("Gebruikersnaam").input_value() == "boa"


def test_landmarks_and_no_sideways_scrolling_on_a_phone(browser_page):
    page = browser_page
    page.goto("/login/")

    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("navigation", name="Hoofdmenu").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_language_switch_works_by_keyboard(browser_page):
    page = browser_page
    page.goto("/login/")

    switch = page.get_by_role("button", name="English")
    page.keyboard.press("Shift+Tab")  # from the username field, back into the header
    assert switch.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Log in").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"


def test_menu_button_is_labelled_and_opens_by_keyboard(browser_page, login, make_user):
    page = browser_page
    login(page, make_user(Role.FUNCTIONAL_ADMIN, username="a11y-admin"))

    toggler = page.get_by_role("button", name="Menu openen")
    assert toggler.is_visible()  # the menu is collapsed on a phone
    assert toggler.get_attribute("aria-expanded") == "false"
    logout = page.get_by_role("button", name="Uitloggen")
    assert not logout.is_visible()

    toggler.focus()
    page.keyboard.press("Enter")

    user_menu = page.get_by_role("button", name="Mijn account")
    user_menu.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    # Personal items sit in the user menu, opened by keyboard too.
    user_menu.focus()
    page.keyboard.press("Enter")
    logout.wait_for(state="visible")
    assert page.get_by_role("link", name="Wachtwoord wijzigen").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


MAIN_FLOWS = [
    # role, menu group to open (None: a plain link), the page it leads to, its heading
    (Role.BOA, "Registratie", "Nieuwe melding", "Nieuwe melding"),
    (Role.TEAM_LEAD, "Zaken", "Werkvoorraad", "Werkvoorraad"),
    (Role.POLICY_OFFICER, "Planning", "Themaplannen", "Themaplannen"),
    (Role.MANAGER, "Informatie", "Managementinformatie", "Managementinformatie"),
    (Role.COUNCIL_MEMBER, None, "Raadsportaal", "Raads"),
    (Role.FUNCTIONAL_ADMIN, "Beheer", "Gebruikers", "Gebruikers"),
]


def _tab_to(page, predicate_js: str, limit: int = 60) -> list[dict]:
    """Press Tab until the focused element matches; every stop must show its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = _focused(page)
        stops.append(info)
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate_js}; }}"):
            return stops
        assert info["tag"] != "body", f"focus fell out of the page after {stops}"
    raise AssertionError(f"not reached by Tab within {limit} stops: {stops[-5:]}")


@pytest.mark.parametrize("role,group,link,heading", MAIN_FLOWS)
def test_each_roles_main_page_by_keyboard_only_on_a_laptop(
    chromium, live_server, login, make_user, role, group, link, heading
):
    from tests.browser.conftest import DESKTOP, BrowserProblems, close_context, new_watched_context

    problems = BrowserProblems()
    context = new_watched_context(chromium, live_server.url, problems, **DESKTOP)
    page = context.new_page()
    login(page, make_user(role, username=f"kb-{role}"))
    page.goto("/")
    page.locator("body").focus()
    # The skip link comes first and is visible when focused.
    page.keyboard.press("Tab")
    assert _focused(page)["text"].strip() == "Naar de inhoud"
    if group:
        stops = _tab_to(page, f"el.innerText.trim() === {group!r}")
        page.keyboard.press("Enter")
        page.get_by_role("link", name=link).first.wait_for(state="visible")
        stops += _tab_to(page, f"el.innerText.trim() === {link!r}", limit=15)
    else:
        stops = _tab_to(page, f"el.innerText.trim() === {link!r}")
    assert all(s["outline"] == "solid 3px" for s in stops), stops  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert heading in page.locator("main h1").first.inner_text()
    # The page you are on is marked in the menu.
    assert page.locator("header [aria-current='page']").count() == 1
    # No trap in the menu bar: Tab moves on past it (into the page, or past its end).
    _tab_to(page, "el.closest('header') === null", limit=40)
    close_context(context)
    problems.check()
