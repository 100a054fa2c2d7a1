"""{% submission_key %}: the hidden submission key of a create form (accounts.submissions)."""

from django import template
from django.utils.html import format_html

from accounts.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def submission_key():
    # A fresh key each time the form is shown: a form shown again with errors created
    # nothing, so its key was given back and a new one is as good.
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
