"""The one PDF renderer: every PDF the product makes goes through ``render_pdf``.

WeasyPrint's own URL fetcher follows ``file://``, ``http(s)://``, ``ftp://`` and
``data:`` URLs, so a single piece of markup that slips into a PDF's HTML could
embed the server's files (``<link rel=attachment href=file:///proc/self/environ>``)
or make the server call any address it can reach. Here the fetcher serves only
the project's own static files, read from the static files storage (the collected,
hashed files of the WhiteNoise manifest in production) or found by the staticfiles
finders (development, tests), and refuses everything else, with a log line.

Templates refer to static files as usual (``{% static "css/x.css" %}``): the
document's base URL is a private origin (``STATIC_ORIGIN``) that exists nowhere,
so ``/static/css/x.css`` resolves to ``https://pdf-static.invalid/static/css/x.css``
and is mapped onto the storage; no request ever leaves the process.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
import posixpath
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

logger = logging.getLogger(__name__)

# ".invalid" is reserved (RFC 2606): this origin can never be a real server.
STATIC_ORIGIN = "https://pdf-static.invalid"

# WeasyPrint logs every layout step at INFO; keep the logs readable.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


class RefusedURL(ValueError):
    """A PDF asked for something other than one of our static files."""


def _refuse(url: str, why: str) -> RefusedURL:
    logger.warning("PDF: URL refused (%s): %.200r", why, url)
    return RefusedURL(f"URL refused ({why})")


def _static_prefixes() -> list[str]:
    """URL prefixes (origin + path) under which static files are asked for."""
    static_url = settings.STATIC_URL or "/static/"
    if "://" in static_url:  # a CDN address: map it onto the local storage, never fetch it
        return [static_url]
    if not static_url.startswith("/"):
        static_url = "/" + static_url
    return [STATIC_ORIGIN + static_url]


def static_name_for(url: str) -> str:
    """The static file name an URL stands for; RefusedURL for anything else."""
    if not isinstance(url, str) or any(ord(c) < 0x20 or c == "\x7f" for c in url):
        raise _refuse(str(url), "control character")
    parts = urlsplit(url)
    if parts.query or parts.fragment or parts.username or parts.password:
        raise _refuse(url, "query, fragment or credentials")
    bare = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path}"
    prefix = next((p for p in _static_prefixes() if bare.startswith(p)), None)
    if prefix is None:
        raise _refuse(url, f"not a static file ({parts.scheme or 'relative'})")
    name = unquote(bare[len(prefix) :])
    if not name or "\\" in name or "\x00" in name:
        raise _refuse(url, "bad static path")
    normal = posixpath.normpath(name)
    if normal != name or normal.startswith(("/", "../")) or normal in (".", ".."):
        raise _refuse(url, "path outside the static files")
    return normal


def _read_static(name: str) -> bytes | None:
    try:
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as fh:
                return fh.read()
    except (SuspiciousFileOperation, ValueError, NotImplementedError):
        return None
    try:
        path = finders.find(name)
    except SuspiciousFileOperation:
        return None
    if isinstance(path, list):  # find(all=True) shape; not asked for, but be safe
        path = path[0] if path else None
    if path:
        with open(path, "rb") as fh:
            return fh.read()
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """Serves our static files; every other URL raises RefusedURL (logged)."""

        def __init__(self):
            # No handlers are used: fetch() below never opens a connection or file.
            super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1)

        def fetch(self, url, headers=None):
            name = static_name_for(url)
            content = _read_static(name)
            if content is None:
                raise _refuse(url, "no such static file")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, content, {"Content-Type": content_type})

    return StaticOnlyURLFetcher


def url_fetcher():
    """A fresh static-only fetcher (WeasyPrint keeps state on it per document)."""
    return _fetcher_class()()


# WeasyPrint's HTML5 user-agent stylesheet gives every element of a document six
# pseudo-elements (``::marker``, ``::footnote-call``, ``::footnote-marker``,
# ``::note-call``, ``::note-marker``, ``::note-callback``, each a rule with no element
# named), whose styles it then computes one by one: about a fifth of a table-heavy
# PDF's time. Our templates use no CSS footnotes or notes (``float: footnote``), and only
# list items have markers, so those rules are dropped and the marker rule is kept for
# ``li`` alone; everything else in the stylesheet is WeasyPrint's own.
_UNIVERSAL_PSEUDO_RULE = re.compile(r"^::(footnote|note)-[a-z]+ \{[^}]*\}$", re.MULTILINE)


@functools.cache
def user_agent_stylesheet():
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    text = _UNIVERSAL_PSEUDO_RULE.sub("", UA).replace("\n::marker {", "\nli::marker {")
    # Its @counter-style rules are WeasyPrint's own, which every document already has
    # (``HTML._ua_counter_style``); parsed into a dict of their own, they are not defined
    # twice.
    return CSS(string=text, counter_style=CounterStyle())


def _html_class():
    from weasyprint import HTML
    from weasyprint.html import UA_STYLESHEET

    class LeanHTML(HTML):
        """WeasyPrint's HTML with the user-agent stylesheet above (an override of its
        ``_ua_stylesheets``: if a later WeasyPrint renames it, its own sheet is used)."""

        def _ua_stylesheets(self, forms=False):
            return [
                user_agent_stylesheet() if sheet is UA_STYLESHEET else sheet
                for sheet in super()._ua_stylesheets(forms)
            ]

    return LeanHTML


def render_pdf(html: str, *, variant: str | None = None) -> bytes:
    """The PDF of ``html``; only our static files can be loaded into it.

    ``variant``: a WeasyPrint ``pdf_variant``, e.g. ``"pdf/ua-1"`` for a tagged,
    accessible PDF (Dutch public bodies must publish those): structure tags from the
    HTML, the document's language from ``<html lang>`` and its title from ``<title>``
    (WeasyPrint takes the metadata from the HTML: ``<meta name=author|description|…>``).
    """
    document = _html_class()(string=html, base_url=STATIC_ORIGIN + "/", url_fetcher=url_fetcher())
    if variant is None:
        return document.write_pdf()
    return _with_header_scopes(document.write_pdf(pdf_variant=variant))


def _with_header_scopes(content: bytes) -> bytes:
    """Give each table header cell (TH) of a tagged PDF its /Scope: Column in a table's
    head, Row elsewhere (``<th scope=row>``). WeasyPrint tags the cells but does not
    write the scope, so a screen reader could not tie a number to its headers (PDF/UA
    7.5)."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return content
        stack = [(root, None)]
        while stack:
            node, parent_type = stack.pop()
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if kids is None:
                continue
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            node_type = str(node.get("/S", "")) or parent_type
            for kid in kids:
                if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                    continue
                if kid.S == "/TH":
                    scope = "/Column" if parent_type == "/THead" else "/Row"
                    kid.A = pikepdf.Dictionary(O=pikepdf.Name("/Table"), Scope=pikepdf.Name(scope))
                # Remember whether we are inside a table head (THead > TR > TH).
                inherited = (
                    node_type if node_type in ("/THead", "/TBody", "/TFoot") else parent_type
                )
                stack.append((kid, "/THead" if str(kid.S) == "/THead" else inherited))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
