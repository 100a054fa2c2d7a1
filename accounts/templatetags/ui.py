"""Small interface helpers shared by every app's templates."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def scroll_region(label):
    """Attributes for a box that may scroll sideways (``.table-responsive``): a keyboard
    user can focus it and scroll with the arrow keys, and a screen reader names it.

        <div class="table-responsive" {% scroll_region _("Meldingen") %}>
    """
    return format_html('tabindex="0" role="region" aria-label="{}"', label)


# How a list is shown, not what it holds: these do not count as active filters.
PRESENTATION_FIELDS = {"sort", "per_page", "page", "scope", "purpose", "order"}


@register.filter
def active_filters(form) -> int:
    """How many filters of a bound filter form narrow the list (for the phone's
    "Filters (2)" button)."""
    if isinstance(form, dict):  # a view's already-validated filter values
        return sum(1 for k, v in form.items() if k not in PRESENTATION_FIELDS and v)
    if form is None or not getattr(form, "is_bound", False):
        return 0
    count = 0
    for name, field in form.fields.items():
        if name in PRESENTATION_FIELDS:
            continue
        value = form.data.getlist(name) if hasattr(form.data, "getlist") else form.data.get(name)
        if isinstance(value, list):
            value = [v for v in value if str(v).strip()]
        if value and (not isinstance(value, list) or value) and value != field.initial:
            count += 1
    return count


@register.filter
def nobreak(value):
    """A value that must stay on one line inside a sentence (a date such as 03-12-2025,
    which a narrow screen would otherwise break after a hyphen):

        {% blocktranslate with start=browse.start|date:"d-m-Y"|nobreak %}…{% endblocktranslate %}
    """
    return format_html('<span class="text-nowrap">{}</span>', value)
