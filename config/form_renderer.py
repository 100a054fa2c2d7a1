"""The form renderer: Django's, with the common widgets built in Python.

Django renders every widget through its templates, a select once more per option
(``select_option.html`` and ``attrs.html`` as includes). On the boa's new-incident
form that was about 10 ms of the page's 25 ms of Python (issue 14): the theme and
category selects alone 4-5 ms each. The templates here are short and fixed, so
this renderer builds the same HTML, byte for byte, for the inputs, selects and
textareas Django ships; everything else (radio lists, file inputs, multi-widgets,
crispy's field templates, form and formset templates) goes through the templates
as before. ``config/tests/test_form_renderer.py`` compares both renderers' output.

A project template that overrides one of Django's widget templates is honoured: its
widget then goes through the templates again (``_from_django``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

_DJANGO_WIDGETS = Path(django.forms.__file__).parent / "templates"
_W = "django/forms/widgets/"
# Django's templates that are nothing but {% include "django/forms/widgets/input.html" %}.
_INPUTS = frozenset(
    _W + name
    for name in (
        "input.html",
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "color.html",
        "search.html",
        "tel.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "checkbox.html",
        "file.html",
    )
)
_SELECT = _W + "select.html"
_OPTION = _W + "select_option.html"
_TEXTAREA = _W + "textarea.html"


def _out(value) -> str:
    """``{{ value }}``: local time, localised, escaped (Django's render_value_in_context)."""
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 (the filter's own formatting)
    except (ValueError, TypeError):
        text = ""
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308  # nosec B308 B703: safe input stays safe, as the filter's is_safe does


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_string(value)}"')
    return "".join(out)


def _input(widget: dict) -> str:
    value = f' value="{_string(widget["value"])}"' if widget["value"] is not None else ""
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>\n"
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_out(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str | None:
    out = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            out.append(f"\n  {_option(option)}")
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _textarea(widget: dict) -> str:
    value = _out(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None and self._from_django(template_name):
            if template_name in _INPUTS:
                html = _input(widget)
            elif template_name == _SELECT and self._from_django(_OPTION):
                html = _select(widget)
            elif template_name == _TEXTAREA:
                html = _textarea(widget)
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()

    def _from_django(self, template_name: str) -> bool:
        return _loads_from_django(self, template_name)


@cache
def _loads_from_django(renderer: FormRenderer, template_name: str) -> bool:
    """Whether the template (and the input and attrs templates it includes) is
    Django's own, not one a project app overrides."""
    if template_name not in _INPUTS | {_SELECT, _OPTION, _TEXTAREA}:
        return False
    for name in {template_name, _W + "input.html", _W + "attrs.html"}:
        origin = Path(renderer.get_template(name).origin.name)
        if not origin.is_relative_to(_DJANGO_WIDGETS):
            return False
    return True
