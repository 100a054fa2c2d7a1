"""Reference data, areas, teams and users the generated records point at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import GENERATED_USERNAME_PREFIX
from enforcement import geo
from enforcement.models import Area

from .vocabulary import FIRST, LAST

if TYPE_CHECKING:
    from .scales import Scale

GEN_PREFIX = GENERATED_USERNAME_PREFIX  # drop-downs leave these accounts out


def _seed_reference(stdout) -> None:
    from accounts import demo as accounts_demo
    from enforcement import demo as enforcement_demo

    # The demo records take gapless reference numbers, which need a transaction.
    with transaction.atomic():
        accounts_demo.seed(stdout=stdout)
        enforcement_demo.seed(stdout=stdout)


def _areas() -> list[dict]:
    """20 wijken on a 5x4 grid, each four buurten; returns the buurten with their box."""
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    cols, rows = 5, 4
    dlat, dlon = (max_lat - min_lat) / rows, (max_lon - min_lon) / cols
    buurten = []
    for r in range(rows):
        for c in range(cols):
            n = r * cols + c + 1
            box = (
                min_lat + r * dlat,
                min_lon + c * dlon,
                min_lat + (r + 1) * dlat,
                min_lon + (c + 1) * dlon,
            )
            wijk, _ = Area.objects.get_or_create(
                code=f"GWK{n:04d}",
                defaults={
                    "name": f"Wijk {n:02d}",
                    "kind": Area.Kind.DISTRICT,
                    "population": 5000 + 700 * n,
                    "boundary": geo.rectangle(*box),
                    "min_lat": box[0],
                    "min_lon": box[1],
                    "max_lat": box[2],
                    "max_lon": box[3],
                },
            )
            for br in range(2):
                for bc in range(2):
                    b = (
                        box[0] + br * dlat / 2,
                        box[1] + bc * dlon / 2,
                        box[0] + (br + 1) * dlat / 2,
                        box[1] + (bc + 1) * dlon / 2,
                    )
                    buurt, _ = Area.objects.get_or_create(
                        code=f"GBU{n:04d}{br * 2 + bc + 1:02d}",
                        defaults={
                            "name": f"Buurt {n:02d}-{br * 2 + bc + 1}",
                            "kind": Area.Kind.NEIGHBOURHOOD,
                            "parent": wijk,
                            "population": (5000 + 700 * n) // 4,
                            "boundary": geo.rectangle(*b),
                            "min_lat": b[0],
                            "min_lon": b[1],
                            "max_lat": b[2],
                            "max_lon": b[3],
                        },
                    )
                    buurten.append({"id": buurt.pk, "wijk": n - 1, "box": b})
    return buurten


def _teams_and_users(scale: Scale) -> tuple[list[int], dict[int, list[int]]]:
    password = make_password("demo")
    teams = [
        Team.objects.get_or_create(name=f"Team {i + 1:02d} (gegenereerd)")[0]
        for i in range(scale.teams)
    ]
    users = []
    for t, team in enumerate(teams):
        users.append(
            User(
                username=f"{GEN_PREFIX}tl-{t + 1:02d}",
                first_name="Teamleider",
                last_name=f"{t + 1:02d}",
                role=Role.TEAM_LEAD,
                team=team,
                password=password,
            )
        )
        for b in range(scale.boas_per_team):
            users.append(
                User(
                    username=f"{GEN_PREFIX}boa-{t + 1:02d}-{b + 1:02d}",
                    first_name=FIRST[(t * 7 + b) % len(FIRST)],
                    last_name=LAST[(t * 3 + b) % len(LAST)],
                    role=Role.BOA,
                    team=team,
                    password=password,
                )
            )
    User.objects.bulk_create(users, batch_size=1000)
    boas: dict[int, list[int]] = {team.pk: [] for team in teams}
    for user in User.objects.filter(username__startswith=f"{GEN_PREFIX}boa-").order_by("username"):
        boas[user.team_id].append(user.pk)
    return [t.pk for t in teams], boas
