"""Each role's main flow by keyboard only on a 375 px phone: the skip link, the folded
menu opened and closed by keyboard, a menu group whose Escape returns focus to its
button, and no trap (Tab leaves the menu). The 1280 px version is in
test_accessibility.py."""

import pytest

from tests.browser.test_accessibility import MAIN_FLOWS, _focused, _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


@pytest.mark.parametrize("role,group,link,heading", MAIN_FLOWS)
def test_each_roles_main_page_by_keyboard_only_on_a_phone(
    browser_page, login, make_user, role, group, link, heading
):
    page = browser_page
    login(page, make_user(role, username=f"kbp-{role}"))
    page.goto("/")
    page.locator("body").focus()
    page.keyboard.press("Tab")
    assert _focused(page)["text"].strip() == "Naar de inhoud"

    toggler = page.get_by_role("button", name="Menu openen")
    stops = _tab_to(page, "el.classList.contains('navbar-toggler')", limit=5)
    page.keyboard.press("Enter")
    page.locator("#mainnav.show").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    if group:
        stops += _tab_to(page, f"el.innerText.trim() === {group!r}", limit=20)
        button = page.locator("#mainnav").get_by_role("button", name=group, exact=True)
        menu_link = page.locator("#mainnav").get_by_role("link", name=link).first
        page.keyboard.press("Enter")
        menu_link.wait_for(state="visible")
        # Escape closes the group and gives focus back to its button; Enter opens it again.
        page.keyboard.press("Escape")
        menu_link.wait_for(state="hidden")
        assert _is_focused(button)
        page.keyboard.press("Enter")
        menu_link.wait_for(state="visible")
        stops += _tab_to(page, f"el.innerText.trim() === {link!r}", limit=15)
    else:
        stops += _tab_to(page, f"el.innerText.trim() === {link!r}", limit=20)
    assert all(s["outline"] == "solid 3px" for s in stops), stops  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert heading in page.locator("main h1").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # On the new page the menu is folded; it opens and closes again by keyboard, with
    # the focus staying on the button, and Tab leads out of the open menu (no trap).
    # Wait until the page's scripts are done (the offline script may still be fetching).
    page.wait_for_load_state("networkidle")
    toggler.focus()
    page.keyboard.press("Enter")
    page.locator("#mainnav.show").wait_for()
    page.keyboard.press("Enter")
    page.locator("#mainnav.collapse:not(.show)").wait_for(state="attached")
    assert toggler.get_attribute("aria-expanded") == "false" and _is_focused(toggler)
    page.keyboard.press("Enter")
    page.locator("#mainnav.show").wait_for()
    _tab_to(page, "el.closest('header') === null", limit=40)
