"""axe-core (vendored from the npm package axe-core 4.14.1, MPL-2.0, in vendor/axe-core/)
run inside Chromium over a page: the WCAG 2.1 A and AA rules.

The script is added as an init script of the browser context: Playwright injects it
outside the page's Content-Security-Policy, so the policy stays as strict as in production.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")


def install(context) -> None:
    context.add_init_script(path=str(AXE_JS))


def run(page, include: str | None = None) -> list[dict]:
    """The violations on the page (or inside the element matching ``include``), each
    {id, impact, help, targets}."""
    return page.evaluate(
        """async ([include, tags]) => {
            const result = await axe.run(include ? {include: [include]} : document,
                {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
                count: v.nodes.length,
            }));
        }""",
        [include, WCAG_TAGS],
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return "; ".join(
        f"{v['impact']} {v['id']} ({v['count']}x: {', '.join(v['targets'])})" for v in violations
    )
