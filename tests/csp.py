"""What the Content-Security-Policy tests share: the expected headers, the scan for
inline script/style/handlers, and each demo role's main pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # The map tiles come from the tile server of MAP_TILE_URL (PDOK by default).
    "img-src": ["'self'", "data:", "blob:", "https://service.pdok.nl"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
EXPECTED_PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "display-capture=(), browsing-topics=()"
)

# Rendered by WeasyPrint into a PDF, never sent to a browser: the CSP does not apply, and
# the PDF's page rules (@page, counters with the report's period) belong with the document.
PDF_ONLY_TEMPLATES = {
    "enforcement/violations/letter.html",
    "planning/programme_pdf.html",
    "privacy/audit_pdf.html",
    "reports/pdf/report.html",
}

DEMO_ROLES = ["boa", "teamlead", "policy", "manager", "council", "partner", "admin"]


def parse_csp(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def template_files() -> list[tuple[str, Path]]:
    """(name as Django loads it, path) of every project and app template."""
    dirs = [ROOT / "templates"] + [
        p for p in ROOT.glob("*/templates") if p.parent.name not in {".venv", "node_modules"}
    ]
    return sorted((str(path.relative_to(d)), path) for d in dirs for path in d.rglob("*.html"))


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        line = self.getpos()[0]
        if tag == "style":
            self.problems.append(f"line {line}: <style> element")
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.problems.append(f"line {line}: inline <script>")
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"line {line}: style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"line {line}: {name}= handler on <{tag}>")
        if tag == "a" and (names.get("href") or "").strip().lower().startswith("javascript:"):
            self.problems.append(f"line {line}: javascript: link")

    handle_startendtag = handle_starttag


# Template source: tags and comments are not HTML; a "{% if %} style=" must still be found.
_TEMPLATE_SOURCE = [
    (re.compile(r"(?<![\w-])style\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (
        re.compile(r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*application/json)[^>]*>", re.I),
        "inline <script>",
    ),
    (re.compile(r"<[a-z][^>]*(?<![\w-])on[a-z]+\s*=", re.I), "on...= handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def inline_in_template(source: str) -> list[str]:
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        for pattern, what in _TEMPLATE_SOURCE:
            if pattern.search(line):
                found.append(f"line {number}: {what}: {line.strip()[:120]}")
    return found


def inline_in_html(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    return finder.problems


_SKIP = re.compile(
    r"/logout|/i18n/|/beheer/|export|\.csv|\.xlsx|\.pdf|/print/|/download|/bestand|/foto|"
    r"/brief|/media/|/static/"
)


def main_links(html: str) -> list[str]:
    """Same-site GET links inside <main>, without files, exports and log-out."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    links = []
    for href in re.findall(r'href="(/[^"#]*)"', main):
        href = href.replace("&amp;", "&")
        if not _SKIP.search(href) and href not in links:
            links.append(href)
    return links


def shape(url: str) -> str:
    """One page per kind: /zaken/12/ and /zaken/13/ are the same page."""
    return re.sub(r"\d+", "N", url.split("?", 1)[0])


def _html(client, url: str) -> str | None:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


def role_pages(client, *, limit: int = 14) -> list[str]:
    """Home, the menu's pages, and one page of each kind they link to (detail pages,
    forms), as the logged-in client sees them (HTML pages only): at most ``limit``."""
    from accounts import home

    user = client.get("/").wsgi_request.user
    start = ["/"] + [item["url"] for item in home.nav_for(user)]
    pages, seen = [], set()
    for url in start:
        if (html := _html(client, url)) is None:
            continue
        pages.append(url)
        seen.add(shape(url))
        links = [link for link in main_links(html) if shape(link) not in seen]
        for link in links:
            if len(pages) >= limit:
                return pages
            if shape(link) not in seen and _html(client, link) is not None:
                seen.add(shape(link))
                pages.append(link)
    return pages
