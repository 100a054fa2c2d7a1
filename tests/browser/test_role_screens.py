"""Each demo role's home page and two main pages at 375 px and 1280 px: nothing makes the
page scroll sideways, runs out of the screen, overlaps the menu bar or breaks a date over
two lines, and a screenshot of each is written for a person to look at (issue 18).

Screenshots go to ROLE_SHOTS_DIR (default: <tmp>/role-shots), never into the repository.
"""

import io
import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import BrowserProblems, log_in, new_watched_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("ROLE_SHOTS_DIR") or Path(tempfile.gettempdir()) / "role-shots")
WIDTHS = {"375": {"width": 375, "height": 740}, "1280": {"width": 1280, "height": 800}}
# Home and the two pages each role opens most, in the order of their working day.
MAIN_PAGES = {
    "boa": ["/registratie/meldingen/nieuw/", "/registratie/meldingen/"],
    "teamlead": ["/zaken/", "/zaken/werkvoorraad/"],
    "policy": ["/planning/themaplannen/", "/rapportages/dashboard/"],
    "manager": ["/rapportages/dashboard/", "/planning/"],
    "council": ["/rapportages/raad/", "/rapportages/raad/vergelijken/"],
    "partner": ["/zaken/", "/zaken/briefings/"],
    "admin": ["/accounts/gebruikers/", "/registratie/referentie/"],
}

# What a user would see as broken: the page wider than the screen, or text of <main>
# running out of the viewport (the wide tables scroll inside their own named region).
LAYOUT_PROBLEMS = r"""
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
  }
  const scrollers = [...document.querySelectorAll(".table-responsive, pre, [data-scroll-region]")];
  for (const el of document.querySelectorAll("main *")) {
    if (!el.offsetParent || scrollers.some((s) => s.contains(el))) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && el.childElementCount === 0 && el.textContent.trim()) {
      problems.push(`"${el.textContent.trim().slice(0, 40)}" runs out of the screen (${Math.round(box.right)}px)`);
    }
  }
  // A date or time broken over two lines ("24-12-" / "2026") reads as two values.
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const stamp = /(?<![\w-])\d{1,2}-\d{1,2}(-\d{4})?( \d{1,2}:\d{2})?(?![\w-])/g;  // not Z-2026-000004
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.offsetParent) continue;
    for (const m of node.textContent.matchAll(stamp)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`"${m[0]}" breaks over two lines`);
    }
  }
  const header = document.querySelector("header");
  const main = document.querySelector("main");
  if (header && main && main.getBoundingClientRect().top + window.scrollY <
      header.getBoundingClientRect().bottom + window.scrollY - 1) {
    problems.push("the menu bar overlaps the content");
  }
  return problems.slice(0, 5);
}
"""


def test_each_roles_main_pages_fit_both_widths(chromium, live_server):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems, found, taken = BrowserProblems(), [], 0
    for username, pages in MAIN_PAGES.items():
        context = new_watched_context(chromium, live_server.url, problems)
        page = context.new_page()
        log_in(page, username)
        for n, url in enumerate(["/", *pages]):
            for width, viewport in WIDTHS.items():
                page.set_viewport_size(viewport)
                page.goto(url)
                page.wait_for_load_state("load")
                name = f"{username}-{n}-{url.strip('/').replace('/', '_') or 'home'}-{width}"
                page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
                taken += 1
                found += [f"{name}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
        context.close()
    problems.check()
    assert taken == 7 * 3 * 2
    assert not found, "\n".join(found)
