"""The records themselves, streamed day by day in time order: patrol logs with their
effort, incidents, offenders and violations."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.conf import settings
from django.utils import timezone

from enforcement.models import ReferenceCounter
from enforcement.offenders import offender_key

from . import patterns
from .bulk import next_id
from .vocabulary import COMPANIES, FIRST, LAST, PHRASES, STREETS

FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def _weighted_index(rng: random.Random, cum: list[float]) -> int:
    return rng.choices(range(len(cum)), cum_weights=cum, k=1)[0]


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _stream(*, spec, rng, days, weights, total_weight, tz, buffers, stdout, **ctx) -> dict:
    """Generate day by day, in time order; returns the counts."""
    inc, log, effort, log_area, off, vio = (
        buffers["inc"], buffers["log"], buffers["effort"], buffers["log_area"], buffers["off"], buffers["vio"],
    )  # fmt: skip
    themes = ctx["themes"]
    incident_id = next_id("enforcement_incident")
    log_id = next_id("enforcement_patrollog")
    offender_id = next_id("enforcement_offender")
    now = timezone.now()
    # Continue after numbers already given out (demo data), so references stay unique.
    year_counter: dict[tuple[str, int], int] = {
        (c.prefix, c.year): c.last for c in ReferenceCounter.objects.all()
    }
    inc_per_day = spec.incidents / total_weight
    log_per_day = spec.patrol_logs / len(days)
    violation_share = spec.violations / spec.incidents
    inc_acc = log_acc = 0.0
    inc_done = log_done = 0
    offenders: list[tuple[int, str]] = []  # (id, address)
    repeaters: list[int] = []
    offender_counts: dict[int, int] = {}
    modes = ["foot", "bike", "car"]
    statuses_old = ["closed"] * 90 + ["in_progress"] * 8 + ["new"] * 2
    statuses_new = ["closed"] * 30 + ["in_progress"] * 30 + ["new"] * 40
    attitudes = "AAAABBBCCD"
    consequences = ["none", "limited", "limited", "considerable", "severe"]
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    free_at: dict[int, dt.datetime] = {}  # boa -> end of their last shift
    last_report = time.monotonic()
    for day_index, (day, weight) in enumerate(zip(days, weights, strict=True)):
        midnight = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        year = day.year
        weekend = day.weekday() >= 4
        # Patrol logs of the day: day, late and evening shifts.
        log_acc += log_per_day
        n_logs = int(log_acc) - log_done
        log_done += n_logs
        by_hour: list[list[tuple[int, int, int]]] = [[] for _ in range(24)]  # id, boa, team
        for _ in range(n_logs):
            start_h = rng.choice((7, 8, 9, 14, 15, 18, 19, 20)) + rng.random()
            length_h = rng.choice((4, 6, 8, 8, 8))
            started = midnight + dt.timedelta(hours=start_h)
            ended = started + dt.timedelta(hours=length_h)
            if started >= now:
                continue
            # Shifts of one boa never overlap (exclusion constraint): take a free boa.
            for _attempt in range(20):
                team, boa = rng.choice(ctx["all_boas"])
                if free_at.get(boa, started) <= started:
                    break
            else:
                continue
            stamp = ended if ended < now else None
            free_at[boa] = stamp or FAR_FUTURE
            log.add(
                (
                    log_id, rng.choice(modes), rng.random() < 0.15, started.isoformat(),
                    stamp.isoformat() if stamp else None, "", started.isoformat(),
                    (stamp or started).isoformat(), boa, team,
                )
            )  # fmt: skip
            log_area.add((log_id, rng.choice(ctx["buurten"])["id"]))
            minutes = int(length_h * 60 * (0.7 + 0.25 * rng.random()))
            parts = rng.randint(1, 3)
            chosen = rng.sample(themes, parts)
            left = minutes
            for i, theme in enumerate(chosen):
                share = left if i == parts - 1 else int(left * rng.uniform(0.3, 0.7))
                if share < 1:
                    break
                kind = "planned" if rng.random() < 0.55 else "reactive"
                effort.add((log_id, theme.pk, kind, share))
                left -= share
            for h in range(int(start_h), min(24, int(start_h + length_h) + 1)):
                by_hour[h].append((log_id, boa, team))
            log_id += 1
        # Incidents of the day.
        inc_acc += weight * inc_per_day
        n_inc = int(inc_acc) - inc_done
        inc_done += n_inc
        if n_inc <= 0:
            continue
        hour_cum = ctx["hour_cum_weekend"] if weekend else ctx["hour_cum_week"]
        hours = rng.choices(range(24), cum_weights=hour_cum, k=n_inc)
        seconds = sorted(h * 3600 + rng.randrange(3600) for h in hours)
        day_theme_cum = patterns.theme_cum(day, themes, ctx["theme_cum"])
        theme_idx = rng.choices(range(len(themes)), cum_weights=day_theme_cum, k=n_inc)
        sources = rng.choices(ctx["source_values"], cum_weights=ctx["source_cum"], k=n_inc)
        priorities = rng.choices((1, 2, 3, 4), cum_weights=ctx["priority_cum"], k=n_inc)
        old = (now.date() - day).days > 30
        for k in range(n_inc):
            occurred = midnight + dt.timedelta(seconds=seconds[k])
            if occurred > now:
                continue
            reported = occurred + dt.timedelta(minutes=rng.randint(1, 30))
            if reported > now:
                reported = now
            spot = patterns.emerging_location(rng, day, themes[theme_idx[k]].pk, ctx["emerging"])
            if spot:
                lat, lon, address = spot
            elif rng.random() < 0.35:
                hs = ctx["hotspots"][_weighted_index(rng, ctx["hotspot_cum"])]
                lat = hs[0] + rng.gauss(0, 0.00025)
                lon = hs[1] + rng.gauss(0, 0.0004)
                address = (
                    hs[2] if rng.random() < 0.6 else f"{rng.choice(STREETS)} {rng.randint(1, 200)}"
                )
            else:
                lat = rng.uniform(min_lat, max_lat)
                lon = rng.uniform(min_lon, max_lon)
                address = f"{rng.choice(STREETS)} {rng.randint(1, 200)}"
            lat = min(max(lat, min_lat), max_lat)
            lon = min(max(lon, min_lon), max_lon)
            buurt = ctx["buurt_for"](lat, lon)
            theme = themes[theme_idx[k]]
            cats = ctx["categories"][theme.pk]
            category = rng.choice(cats) if cats else None
            # The boa on a shift at that hour, if any, else one of the area's team.
            on_shift = by_hour[seconds[k] // 3600]
            if on_shift and rng.random() < 0.8:
                lg = rng.choice(on_shift)
                patrol_log, boa, team = lg[0], lg[1], lg[2]
            else:
                team = ctx["team_of_wijk"][buurt["wijk"]]
                boa = rng.choice(ctx["boas"][team])
                patrol_log = None
            source = sources[k]
            reporter_name = reporter_contact = ""
            if source in ("resident", "partner"):
                reporter_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                reporter_contact = f"06{rng.randrange(10**8):08d}"
            key = ("M", year)
            year_counter[key] = year_counter.get(key, 0) + 1
            reference = f"M-{year}-{year_counter[key]:06d}"
            status = rng.choice(statuses_old if old else statuses_new)
            inc.add(
                (
                    incident_id, reference, source, occurred.isoformat(), reported.isoformat(),
                    address, round(lat, 6), round(lon, 6),
                    f"{theme.name}: {rng.choice(PHRASES)} ({address})", priorities[k], status,
                    reporter_name, reporter_contact, reported.isoformat(), reported.isoformat(),
                    buurt["id"], category, boa, boa, team, patrol_log, theme.pk,
                )
            )  # fmt: skip
            if rng.random() < violation_share:
                offences = ctx["offences_by_theme"].get(theme.pk) or ctx["all_offences"]
                offence = rng.choice(offences)
                # Repeat offenders: a third of violations re-use a known frequent offender.
                if repeaters and rng.random() < 0.33:
                    oid = rng.choice(repeaters)
                elif offenders and rng.random() < 0.15:
                    oid = rng.choice(offenders)[0]
                else:
                    oid = offender_id
                    offender_id += 1
                    if rng.random() < 0.15:
                        coc = f"{rng.randrange(10**8):08d}"
                        off.add(
                            (oid, "company", f"{rng.choice(COMPANIES)} {rng.choice(LAST)} B.V.", None,
                             address, coc, "wpg_8", reported.isoformat(), f"kvk:{coc}")
                        )  # fmt: skip
                    else:
                        dob = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
                        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                        key = offender_key(kind="person", name=name, date_of_birth=dob)
                        off.add(
                            (oid, "person", name, dob.isoformat(),
                             f"{rng.choice(STREETS)} {rng.randint(1, 200)}", "", "wpg_8", reported.isoformat(), key)
                        )  # fmt: skip
                    offenders.append((oid, address))
                    if rng.random() < 0.05:
                        repeaters.append(oid)
                prior = offender_counts.get(oid, 0)
                offender_counts[oid] = prior + 1
                proposed = offence.default_intervention
                intervention = proposed
                deviation = ""
                if prior and proposed.ladder_step < ctx["interventions"][-1].ladder_step:
                    heavier = [
                        i for i in ctx["interventions"] if i.ladder_step > proposed.ladder_step
                    ]
                    proposed = intervention = heavier[0]
                if rng.random() < 0.07:
                    intervention = rng.choice(ctx["interventions"])
                    if intervention.pk != proposed.pk:
                        deviation = "Situatie ter plaatse vroeg om een andere aanpak."
                vkey = ("O", year)
                year_counter[vkey] = year_counter.get(vkey, 0) + 1
                amount = offence.default_amount if intervention.needs_amount else None
                vio.add(
                    (
                        f"O-{year}-{year_counter[vkey]:06d}", rng.choice(attitudes),
                        rng.choice(consequences), deviation, min(prior, 30), amount, day.isoformat(),
                        address, "wpg_8", reported.isoformat(), incident_id, intervention.pk,
                        offence.pk, oid, proposed.pk, boa, team, buurt["id"],
                    )
                )  # fmt: skip
            incident_id += 1
        if time.monotonic() - last_report > 30:
            last_report = time.monotonic()
            stdout.write(
                f"  registratie: {day_index + 1}/{len(days)} dagen ({inc.total + inc.count} meldingen)"
            )
    for buffer in (log, effort, log_area, inc, off, vio):
        buffer.flush()
    return {
        "incidents": inc.total,
        "logs": log.total,
        "violations": vio.total,
        "offenders": off.total,
    }
