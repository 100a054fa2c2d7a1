"""``{% load crispy_fields %}``: crispy's tags, with ``as_crispy_field`` and ``crispy``
built in Python.

crispy-bootstrap5 renders each field through ``bootstrap5/field.html`` and three
includes: about 1.3 ms a field, half of the boa's new-incident page (issue 14). For the
fields most forms have (a labelled input, select or textarea, with its errors and help
text) this builds the same HTML, byte for byte, in Python; every other field
(checkboxes, radio lists, files, multi-widgets, hidden fields, a form with a crispy
helper, a label or field class) goes through crispy's own template as before. The
``crispy`` filter (a whole form, ``bootstrap5/uni_form.html``) is built the same way,
field by field; a formset goes through crispy.

``TEMPLATES["OPTIONS"]["libraries"]`` registers it as ``crispy_fields``; the templates
load it instead of ``crispy_forms_tags`` (a test holds them to it), and everything else
in it is crispy's. It does not take crispy's name: Django warns (templates.W003) when two
libraries share one.
``tests/test_crispy_fields.py`` compares both on every kind of field and on the
project's forms.
"""

from __future__ import annotations

from crispy_forms.templatetags import crispy_forms_filters as crispy
from crispy_forms.templatetags.crispy_forms_tags import register as crispy_tags
from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from django import forms
from django.conf import settings
from django.template import Library
from django.template.defaultfilters import unordered_list
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = Library()
# Everything of crispy's library (its tags and filters), then our as_crispy_field.
register.tags.update(crispy_tags.tags)
register.filters.update(crispy_tags.filters)

_SPECIAL = (forms.CheckboxInput, forms.RadioSelect, forms.FileInput, forms.MultiWidget)


def _e(value) -> str:
    return str(conditional_escape(value))


def _fast(field) -> bool:
    widget = field.field.widget
    return not (
        field.is_hidden
        or isinstance(widget, _SPECIAL)
        or hasattr(widget, "widget")
        or hasattr(widget, "widgets")
        or field.use_fieldset
        or getattr(field.form, "helper", None) is not None
    )


def _widget(field, classes: str) -> str:
    """crispy's ``{% crispy_field field 'class' '…' %}``: the widget's class, then str()."""
    widget = field.field.widget
    name = widget.__class__.__name__.lower()
    name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(name, name)
    css = widget.attrs.get("class", "")
    if css:
        if css.find(name) == -1:
            css += f" {name}"
    else:
        css = name
    for extra in classes.split():
        if extra not in css.split():
            css += f" {extra}"
    widget.attrs["class"] = css
    return str(field)


def _errors(field) -> str:
    """bootstrap5/layout/field_errors_block.html."""
    if not field.errors:
        return "\n"
    auto_id = _e(field.auto_id)
    items = "".join(
        f'\n        <p id="error_{n}_{auto_id}"><strong>{_e(error)}</strong></p>\n    '
        for n, error in enumerate(field.errors, start=1)
    )
    return (
        f'\n    <div id="{_e(field.errors.field_id)}_error" class="invalid-feedback">\n    '
        f"{items}\n    </div>\n\n"
    )


def _help(field) -> str:
    """bootstrap5/layout/help_text.html (help text is shown unescaped, as crispy does)."""
    if not field.help_text:
        return "\n"
    id_attr = f'id="{_e(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'\n    \n        <div {id_attr}class="form-text">{field.help_text}</div>\n    \n\n'


def _help_text_and_errors(field) -> str:
    """bootstrap5/layout/help_text_and_errors.html (help and errors not inline)."""
    return f"\n\n\n    {_errors(field)}\n\n\n\n    {_help(field)}\n\n"


def _render(field) -> str:
    """bootstrap5/field.html for a labelled input, select or textarea (see _fast)."""
    required = field.field.required
    css = field.css_classes()
    html = [
        f'\n\n\n    \n    <div id="div_{_e(field.auto_id)}" class="mb-3{" " + _e(css) if css else ""}">\n        '
    ]
    if field.label:
        label_for = f'for="{_e(field.id_for_label)}"' if field.id_for_label else ""
        asterisk = '<span class="asteriskField">*</span>' if required else ""
        html.append(
            "\n            \n            <label\n"
            f'                {label_for} class="form-label{" requiredField" if required else ""}">\n'
            f"                {_e(field.label)}{asterisk}\n"
            "            </label>\n        "
        )
    html.append("\n\n        \n\n        \n            \n                \n                    ")
    if isinstance(field.field.widget, forms.Select):
        classes = "form-select is-invalid" if field.errors else "form-select"
        html.append(
            f"\n                        \n                            {_widget(field, classes)}"
            "\n                        \n                    "
        )
    else:
        classes = "form-control is-invalid" if field.errors else "form-control"
        html.append(f"\n                        {_widget(field, classes)}\n                    ")
    html.append(f"\n                    \n                        {_help_text_and_errors(field)}")
    html.append(
        "\n                    \n                \n            \n        \n        \n    </div>\n    \n\n"
    )
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703: every value above is escaped


def _plain_layout(template_pack: str, label_class: str, field_class: str) -> bool:
    """Bootstrap 5 without a label or field class: the layout built here."""
    return template_pack == "bootstrap5" and not label_class and not field_class


@register.filter(name="as_crispy_field")
def as_crispy_field(field, template_pack=crispy.TEMPLATE_PACK, label_class="", field_class=""):
    if not (
        _plain_layout(template_pack, label_class, field_class)
        and isinstance(field, forms.BoundField)
        and _fast(field)
    ):
        return crispy.as_crispy_field(field, template_pack, label_class, field_class)
    return _render(field)


def _form_errors(form) -> str:
    """bootstrap5/errors.html (no error title)."""
    errors = form.non_field_errors()
    if not errors:
        return "\n"
    return (
        '\n    <div class="alert alert-block alert-danger">\n        \n        <ul class="m-0">\n'
        f"            {unordered_list(errors, autoescape=True)}\n        </ul>\n    </div>\n\n"
    )


_FIELD_CONTEXT = {
    "field_class": "",
    "field_template": "bootstrap5/field.html",
    "form_show_errors": True,
    "form_show_labels": True,
    "label_class": "",
}


@register.filter(name="crispy")
def as_crispy_form(form, template_pack=crispy.TEMPLATE_PACK, label_class="", field_class=""):
    if not (
        _plain_layout(template_pack, label_class, field_class)
        and isinstance(form, forms.BaseForm)
        and getattr(form, "helper", None) is None
    ):
        return crispy.as_crispy_form(form, template_pack, label_class, field_class)
    field_template = get_template("bootstrap5/field.html")
    fields = "".join(
        "\n        "
        + (
            _render(field)
            if _fast(field)
            else field_template.render({**_FIELD_CONTEXT, "form": form, "field": field})
        )
        + "\n    "
        for field in form
    )
    html = f"\n    \n    \n        {_form_errors(form)}\n    \n    {fields}\n"
    return mark_safe(f"\n\n{remove_spaces(html.strip())}\n")  # noqa: S308  # nosec B308 B703: escaped above
