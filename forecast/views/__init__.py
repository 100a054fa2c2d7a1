"""Pages of the forecast: the overview (backtest and 13 weeks per theme) and hotspots."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from accounts.access import require
from accounts.forms_util import ModelChoiceField
from enforcement.models import Theme
from forecast import selectors
from forecast.models import ForecastWeek
from forecast.permissions import can_view_forecast
from forecast.services import current_monday


@login_required
def forecast_overview(request):
    require(can_view_forecast(request.user))
    start = current_monday()
    latest = ForecastWeek.objects.order_by("-computed_at").values_list("computed_at", flat=True)
    return render(
        request,
        "forecast/overview.html",
        {
            "backtest": selectors.backtest_table(),
            "themes": selectors.forecast_by_theme(start=start),
            "computed_at": latest.first(),
            "start": start,
        },
    )


class HotspotFilterForm(forms.Form):
    thema = ModelChoiceField(
        queryset=Theme.objects.filter(active=True),
        required=False,
        empty_label=gettext_lazy("Alle thema's"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


@login_required
def hotspot_map(request):
    require(can_view_forecast(request.user))
    form = HotspotFilterForm(request.GET or None)
    theme = form.cleaned_data["thema"] if form.is_valid() else None
    cells = selectors.hotspots(theme_id=theme.pk if theme else None, limit=100)
    rows = [{"cell": c, "when": selectors.slot_label(c.peak_weekday, c.peak_block)} for c in cells]
    points = [
        [c.min_lat, c.min_lon, c.max_lat, c.max_lon, f"{c.theme.name}: {c.recent}", c.emerging]
        for c in cells
    ]
    return render(
        request,
        "forecast/hotspots.html",
        {
            "form": form,
            "rows": rows,
            "points": points,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )
