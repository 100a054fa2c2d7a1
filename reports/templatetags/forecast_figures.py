"""``{% forecast_vs_actual as check %}``: the figure of reports.figures.forecast, so a
page shows it with one include line (templates/reports/_forecast_vs_actual.html)."""

from django import template

from reports.figures.forecast import forecast_vs_actual as _figure

register = template.Library()


@register.simple_tag
def forecast_vs_actual():
    return _figure()
