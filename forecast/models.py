"""Forecast tables, filled by the weekly job (forecast.services) and read by pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    GLM = "glm", _("Poisson-regressie (seizoen, feestdagen, trend)")
    HOLT_WINTERS = "holt_winters", _("Holt-Winters (exponentiële afvlakking)")
    SEASONAL_NAIVE = "seasonal_naive", _("Zelfde week vorig jaar")
    LAST_QUARTER = "last_quarter", _("Gemiddelde laatste kwartaal")


class ForecastWeek(models.Model):
    """Expected incidents of one theme in one district (wijk) in one week (Monday)."""

    theme = models.ForeignKey("enforcement.Theme", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("enforcement.Area", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week (maandag)"))
    expected = models.FloatField(_("verwacht"))
    low = models.FloatField(_("ondergrens (80%)"))
    high = models.FloatField(_("bovengrens (80%)"))
    method = models.CharField(max_length=20, choices=Method.choices)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("verwachting per week")
        verbose_name_plural = _("verwachtingen per week")
        ordering = ["week", "theme_id", "district_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "district", "week"], name="forecast_week_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(low__lte=models.F("expected"))
                & models.Q(expected__lte=models.F("high"))
                & models.Q(low__gte=0),
                name="forecast_week_interval_ordered",
            ),
        ]
        indexes = [models.Index(fields=["week", "district"], name="forecast_week_district")]


class BacktestResult(models.Model):
    """Error of one method for one theme over the backtest (last eight quarters)."""

    theme = models.ForeignKey("enforcement.Theme", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=20, choices=Method.choices)
    mae = models.FloatField()
    mape = models.FloatField(null=True)
    quarters = models.PositiveSmallIntegerField()
    chosen = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["theme__order", "theme__name", "method"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "method"], name="backtest_theme_method"),
        ]


class HotspotCell(models.Model):
    """A grid cell (about 250 m) where a theme's incidents concentrated in the last 12
    weeks, with the busiest day and time and the share of the district's forecast."""

    theme = models.ForeignKey("enforcement.Theme", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        "enforcement.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    row = models.IntegerField()
    col = models.IntegerField()
    min_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lat = models.FloatField()
    max_lon = models.FloatField()
    recent = models.PositiveIntegerField(_("laatste 12 weken"))
    before = models.PositiveIntegerField(_("52 weken daarvoor"))
    expected_next_week = models.FloatField(_("verwacht komende week"))
    peak_weekday = models.PositiveSmallIntegerField()  # 0 = Monday
    peak_block = models.PositiveSmallIntegerField()  # 0..5: 00-04, 04-08, ... 20-24
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-expected_next_week", "-recent"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "row", "col"], name="hotspot_theme_cell"),
        ]

    @property
    def emerging(self) -> bool:
        """Clearly more per week now than in the year before."""
        return self.recent / 12 >= 2 * (self.before / 52) + 1


class TeamDistrict(models.Model):
    """The share of a team's incidents of the last 12 weeks that lay in a district: where
    the team works (teams have no fixed areas), for its focus list."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("enforcement.Area", on_delete=models.CASCADE, related_name="+")
    share = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "district"], name="team_district_unique"),
        ]


class QuarterCheck(models.Model):
    """Forecast against actual for the quarter just ended, per theme (municipal total):
    forecast only from the weeks before the quarter, with the method the product used."""

    theme = models.ForeignKey("enforcement.Theme", on_delete=models.CASCADE, related_name="+")
    quarter_start = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    expected = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    actual = models.PositiveIntegerField()
    method = models.CharField(max_length=20, choices=Method.choices)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["theme__order", "theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "quarter_start"], name="quarter_check_unique"),
        ]

    @property
    def error_pct(self) -> float | None:
        return (self.expected - self.actual) / self.actual * 100 if self.actual else None
