"""The one PDF renderer: its URL fetcher serves our static files and nothing else."""

from __future__ import annotations

import http.server
import io
import logging
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from pypdf import PdfReader

from accounts import pdf

ROOT = Path(__file__).resolve().parents[2]
APP_CSS = (ROOT / "static" / "css" / "app.css").read_bytes()


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A tiny HTTP server on loopback that records every request it gets."""

    class Handler(_Recorder):
        hits: list[str] = []

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Handler.hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret_files(tmp_path):
    """A file with a secret, and a stylesheet that would print a secret if it were loaded."""
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-BESTAND-1234")
    css = tmp_path / "geheim.css"
    css.write_text('body::before { content: "GEHEIM-CSS-5678"; }')
    return secret, css


def payloads(server_url: str, secret: Path, css: Path) -> list[str]:
    return [
        '<link rel="attachment" href="file:///proc/self/environ">',
        f'<link rel="attachment" href="file://{secret}">',
        f'<img src="{server_url}/beeld.png">',
        "<link rel=stylesheet href=file:///etc/passwd>",
        f"<link rel=stylesheet href=file://{css}>",
        f'<link rel="stylesheet" href="{server_url}/stijl.css">',
        f'<img src="{server_url.replace("http", "ftp")}/x.png">',
        f'<img src="{secret}">',  # a bare path, relative to the base URL
        "<img src='../../../../etc/passwd'>",
    ]


def assert_clean_pdf(content: bytes, *, hits: list[str], secrets=()) -> str:
    """No embedded file, no secret text, no request to the local server; returns the text."""
    reader = PdfReader(io.BytesIO(content))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for secret in ("GEHEIM-BESTAND-1234", "GEHEIM-CSS-5678", "root:x:0:0", "SECRET_KEY", *secrets):
        assert secret not in text
        assert secret.encode() not in content
    assert hits == []
    return text


# --- the fetcher as a table ----------------------------------------------------------


def test_fetcher_serves_a_static_file_by_its_static_url():
    fetcher = pdf.url_fetcher()
    response = fetcher(pdf.STATIC_ORIGIN + static("css/app.css"))
    assert response.read() == APP_CSS
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "FILE:///etc/passwd",
        "http://127.0.0.1:8000/",
        "https://example.org/static/css/app.css",
        "http://pdf-static.invalid/static/css/app.css",  # not our origin's scheme
        "https://pdf-static.invalid:443/static/css/app.css",  # nor with a port
        "https://user:pw@pdf-static.invalid/static/css/app.css",
        "ftp://127.0.0.1/x",
        "data:text/plain;base64,R0VIRUlN",
        "https://pdf-static.invalid/etc/passwd",
        "https://pdf-static.invalid/static/../config/settings.py",
        "https://pdf-static.invalid/static/%2e%2e/config/settings.py",
        "https://pdf-static.invalid/static/css/../../config/settings.py",
        "https://pdf-static.invalid/static//etc/passwd",
        "https://pdf-static.invalid/static/css%5c..%5c..%5cconfig%5csettings.py",
        "https://pdf-static.invalid/static/css/app.css%00.png",
        "https://pdf-static.invalid/static/css/app.css?x=1",
        "https://pdf-static.invalid/static/css/bestaat-niet.css",
        "https://pdf-static.invalid/static/",
        "/etc/passwd",
        "../../etc/passwd",
        "css/app.css",
    ],
)
def test_fetcher_refuses_everything_else_and_logs_it(url, caplog):
    fetcher = pdf.url_fetcher()
    with caplog.at_level(logging.WARNING, logger="accounts.pdf"), pytest.raises(pdf.RefusedURL):
        fetcher(url)
    assert any("URL refused" in r.getMessage() for r in caplog.records)


def test_fetcher_reads_the_collected_manifest_files_with_debug_off(tmp_path, settings):
    """Production: DEBUG off, WhiteNoise's manifest storage, file names with their hash."""
    source = tmp_path / "src"
    (source / "css").mkdir(parents=True)
    (source / "css" / "brief.css").write_text("h1 { color: #123456; }")
    settings.DEBUG = False
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    url = static("css/brief.css")
    assert url != "/static/css/brief.css"  # the hashed name
    (source / "css" / "brief.css").unlink()  # only the collected copy is left
    assert pdf.url_fetcher()(pdf.STATIC_ORIGIN + url).read() == b"h1 { color: #123456; }"
    html = (
        f'<html><head><link rel="stylesheet" href="{url}"></head><body><h1>Kop</h1></body></html>'
    )
    assert "Kop" in PdfReader(io.BytesIO(pdf.render_pdf(html))).pages[0].extract_text()


# --- the renderer with markup that got into the HTML ----------------------------------


def test_render_pdf_loads_nothing_but_static_files(local_server, secret_files, caplog):
    server_url, hits = local_server
    html = (
        "<html><head>"
        f'<link rel="stylesheet" href="{static("css/app.css")}">'
        "</head><body><p>Zichtbare tekst</p>"
        + "".join(payloads(server_url, *secret_files))
        + "</body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="accounts.pdf"):
        content = pdf.render_pdf(html)
    text = assert_clean_pdf(content, hits=hits)
    assert "Zichtbare tekst" in text
    refused = [r.getMessage() for r in caplog.records if r.name == "accounts.pdf"]
    assert len(refused) >= 6
    assert not any("app.css" in m for m in refused)  # our own stylesheet was served


def test_no_module_but_the_renderer_uses_weasyprint():
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "var", "staticfiles") or "tests" in rel.parts:
            continue
        text = path.read_text()
        if ("import weasyprint" in text or "from weasyprint" in text) and rel != Path(
            "accounts/pdf.py"
        ):
            offenders.append(str(rel))
    assert offenders == []
