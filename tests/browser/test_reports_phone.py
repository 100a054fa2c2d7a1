"""Management information on a phone (375 px): every dashboard table can be read whole."""

import pytest

from accounts.roles import Role
from reports.tests.conftest import known_data  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 375

# Per scroll box of a dashboard table: its widths, the cells whose content is wider than
# the cell, the cells outside the box's visible part, and the same after scrolling the
# box to its end (the last column must then be inside it).
MEASURE = """
() => [...document.querySelectorAll('.reports-table .table-responsive')].map(box => {
  const outside = () => {
    const b = box.getBoundingClientRect();
    return [...box.querySelectorAll('th, td')].filter(c => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && (r.left < b.left - 1 || r.right > b.right + 1);
    }).map(c => c.textContent.trim());
  };
  const overflowing = [...box.querySelectorAll('th, td')]
    .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim());
  const atStart = outside();
  box.scrollLeft = box.scrollWidth;
  const lastColumn = [...box.querySelectorAll('tr > :last-child')].filter(c => {
    const r = c.getBoundingClientRect(), b = box.getBoundingClientRect();
    return r.right > b.right + 1 || r.left < b.left - 1;
  }).map(c => c.textContent.trim());
  box.scrollLeft = 0;
  return {id: box.closest('figure').id, scroll: box.scrollWidth, client: box.clientWidth,
          right: box.getBoundingClientRect().right, overflowing, atStart, lastColumn};
})
"""


def _open_dashboard(page, login, make_user):
    login(page, make_user(Role.MANAGER, username="manager-phone"))
    page.goto("/rapportages/dashboard/?period=2026Q2")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH
    return page.evaluate(MEASURE)


def test_dashboard_tables_fit_a_phone_without_clipping(
    browser_page,
    login,
    make_user,
    known_data,  # noqa: F811
):
    boxes = _open_dashboard(browser_page, login, make_user)
    assert len(boxes) >= 8
    for box in boxes:
        # The whole table is on the screen: no column cut off at the edge.
        assert box["scroll"] <= box["client"], box
        assert box["right"] <= PHONE_WIDTH, box
        assert box["overflowing"] == [] and box["atStart"] == [], box
    # The difference columns are headed "+/−" on a phone; the word stays for screen readers.
    header = browser_page.locator("#t-incidents_by_theme thead th.reports-delta").first
    assert header.locator(".reports-delta-short").is_visible()
    assert header.locator(".reports-delta-long").bounding_box()["width"] <= 1
    assert header.locator(".reports-delta-long").text_content() == "verschil t.o.v. vorig kwartaal"


def test_large_numbers_stay_whole_and_the_last_column_can_be_scrolled_to(
    browser_page,
    login,
    make_user,
    known_data,  # noqa: F811
    monkeypatch,
):
    from reports.views import dashboard as views

    real = views.figures_compute

    def large(**kwargs):
        # Counts of a big municipality, and a long label, in every comparison table.
        figures = real(**kwargs)
        for section in figures["sections"]:
            for table in section["tables"]:
                if table["kind"] != "comparison" or table["unit"] != "count":
                    continue
                for row in [*table["rows"], *([table["total"]] if table["total"] else [])]:
                    row["values"] = [None if v is None else v * 98765 for v in row["values"]]
                if table["rows"]:
                    table["rows"][0]["label"] = "Bestuurlijkestrafbeschikkingsoverlast"
        return figures

    monkeypatch.setattr(views, "figures_compute", large)
    boxes = _open_dashboard(browser_page, login, make_user)
    assert len(boxes) >= 8
    for box in boxes:
        assert box["right"] <= PHONE_WIDTH, box
        # No number is cut inside its cell; where a table is wider than the phone, its
        # box scrolls and shows the whole last column at the end.
        assert box["overflowing"] == [], box
        assert box["lastColumn"] == [], box
    # Scrolled sideways, a wide table keeps its row labels in view.
    hidden_labels = browser_page.evaluate(
        """() => [...document.querySelectorAll('.reports-table .table-responsive')]
          .filter(box => box.scrollWidth > box.clientWidth + 1)
          .flatMap(box => {
            box.scrollLeft = box.scrollWidth;
            const b = box.getBoundingClientRect();
            return [...box.querySelectorAll('th.reports-label')]
              .filter(c => c.getBoundingClientRect().left < b.left - 1)
              .map(c => c.textContent.trim());
          })"""
    )
    assert hidden_labels == []
    assert any(box["scroll"] > box["client"] for box in boxes)  # some do scroll here


def test_a_managers_menu_wraps_instead_of_widening_a_laptop_screen(
    browser_page,
    login,
    make_user,
):
    # A manager has the longest menu (eleven items); at 1280 px it used to push the page
    # 565 px wider than the screen, so every page scrolled sideways.
    login(browser_page, make_user(Role.MANAGER, username="manager-laptop"))
    for width in (1000, 1280):
        browser_page.set_viewport_size({"width": width, "height": 800})
        browser_page.goto("/rapportages/dashboard/?period=2026Q2")
        assert browser_page.evaluate("document.scrollingElement.scrollWidth") <= width
        # Grouped by task, the menu fits on one row (issue 18).
        items = browser_page.locator("#mainnav > ul > li:visible")
        tops = [items.nth(i).bounding_box()["y"] for i in range(items.count())]
        assert max(tops) - min(tops) < 20, tops
        browser_page.get_by_role("button", name="Informatie").click()
        assert browser_page.get_by_role("link", name="Raadsportaal").is_visible()
