"""How a table cell's text may wrap on a narrow screen."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def unit_wrap(text) -> str:
    """``+4,0 %-punt``: the line may break between the number and its unit, nowhere else."""
    number, space, unit = str(text).partition(" ")
    if not space:
        return number
    return format_html(
        '<span class="text-nowrap">{}</span> <span class="text-nowrap">{}</span>', number, unit
    )
