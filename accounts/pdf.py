"""One PDF renderer (minimal stand-in until the shared renderer of branch secpdf lands).

``render_pdf(html)`` renders with WeasyPrint and a URL fetcher that refuses every
URL, so a value in the HTML can never make the server fetch a file or address.
"""

from __future__ import annotations

import logging

logging.getLogger("weasyprint").setLevel(logging.WARNING)


class RefusedURL(ValueError):
    pass


def _refuse(url: str, *args, **kwargs):
    raise RefusedURL(f"PDF may not fetch {url[:80]!r}")


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_refuse).write_pdf()
