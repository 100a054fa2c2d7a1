"""Demo incidents, so demo users see something real (called from enforcement.demo.seed)."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from enforcement.models import Incident, Theme
from enforcement.services.incidents import incident_create

# username, theme code, hours ago, address, lat, lon, description, source, reporter
DEMO_INCIDENTS = [
    ("boa", "afval", 2, "Markt 1", 52.3601, 4.9102, "Vuilniszakken naast de container", "own", ""),
    ("boa", "overlast", 26, "Kerkstraat 12", 52.3612, 4.9135, "Harde muziek na middernacht", "resident", "Jan Bewoner"),
    ("boa2", "jeugd", 5, "Stationsplein 3", 52.3655, 4.9160, "Groep jongeren bij het station", "police", ""),
    ("boa2", "parkeren", 50, "Markt 1", 52.3602, 4.9103, "Fietsen buiten het rek", "own", ""),
    ("boa3", "horeca", 8, "Noordsingel 40", 52.3950, 4.9600, "Terras buiten de vergunde grenzen", "own", ""),
]  # fmt: skip

# Seeding is idempotent: a second run finds the incidents by their boa and text.


def seed(*, stdout) -> None:
    made = 0
    for username, theme, hours, address, lat, lon, text, source, reporter in DEMO_INCIDENTS:
        user = User.objects.filter(username=username).first()
        theme_obj = Theme.objects.filter(code=theme).first()
        if (
            user is None
            or theme_obj is None
            or Incident.objects.filter(reported_by=user, description=text).exists()
        ):
            continue
        incident_create(
            actor=user,
            theme=theme_obj,
            occurred_at=timezone.now() - dt.timedelta(hours=hours),
            address=address,
            latitude=lat,
            longitude=lon,
            description=text,
            source=source,
            reporter_name=reporter,
        )
        made += 1
    stdout.write(f"  meldingen: {made} demo-meldingen")
