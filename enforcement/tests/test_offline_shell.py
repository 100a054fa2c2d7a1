"""Every page kept on the device opens offline whole (issue 15).

The service worker keeps the street pages' HTML per user, and the static files from
its install list (config.pwa.SHELL_STATIC). A script or style sheet a kept page uses
but the list lacks is missing offline (the page opens without app.js's confirmations,
the effort split without its sum): each static URL of each kept page is on the list.
"""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.utils import timezone

from enforcement import demo
from enforcement.tests.factories import IncidentFactory, PatrolLogFactory

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def _shell(client) -> set[str]:
    body = client.get("/sw.js").content.decode()
    config = json.loads(body.split("self.HH_CONFIG = ", 1)[1].split(";\n", 1)[0])
    return set(config["shell"]) | {config["core"]}


@pytest.mark.parametrize("on_shift", [True, False])
def test_every_static_file_of_a_kept_page_is_kept_by_the_worker(client_for, boa, on_shift):
    demo.seed_reference(stdout=_Quiet())
    if on_shift:
        PatrolLogFactory(boa=boa, started_at=timezone.now() - dt.timedelta(hours=1), ended_at=None)
        IncidentFactory(registered_by=boa, reported_by=boa)
    client = client_for(boa)
    shell = _shell(client)
    pages = client.get("/registratie/offline/status/").json()["pages"]
    assert len(pages) >= 5
    missing = {}
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:  # e.g. "start a shift" while on one: not kept
            assert response.status_code == 302, url
            continue
        assert response["X-HH-Offline-Page"] == "1", url
        assets = {
            a for a in ASSET.findall(response.content.decode()) if a.startswith(settings.STATIC_URL)
        }
        if assets - shell:
            missing[url] = sorted(assets - shell)
    assert not missing, f"static files of kept pages the worker does not keep: {missing}"
