"""config.form_renderer builds the common widgets in Python: the same HTML as Django's
templates, for every kind of value, attribute and choice, and for the project's forms."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from config.form_renderer import FormRenderer

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()

CHOICES = [
    ("", "---------"),
    ("a", "Alpha & <b>"),
    (1, gettext_lazy("Overlast")),
    ("Groep & co", [("g1", "Een"), ("g2", mark_safe("<em>Twee</em>"))]),  # noqa: S308  # nosec B308: a safe label stays unescaped in both
    (2.5, 2.5),
]


class Everything(forms.Form):
    text = forms.CharField(
        initial='Quote " & <tag>',
        widget=forms.TextInput(
            attrs={"class": "form-control", "autofocus": True, "data-x": False, "data-n": 0}
        ),
    )
    number = forms.DecimalField(initial=Decimal("12.50"))
    integer = forms.IntegerField(initial=0, widget=forms.NumberInput(attrs={"min": 0, "step": 1.5}))
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="geheim")
    hidden = forms.CharField(widget=forms.HiddenInput, initial=mark_safe("a&amp;b"))  # noqa: S308  # nosec B308: see above
    date = forms.DateField(
        initial=dt.date(2026, 12, 3), widget=forms.DateInput(attrs={"type": "date"})
    )
    when = forms.DateTimeField(
        initial=dt.datetime(2026, 12, 3, 14, 5),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    time = forms.TimeField(initial=dt.time(7, 30))
    checked = forms.BooleanField(initial=True, required=False)
    unchecked = forms.BooleanField(required=False)
    upload = forms.FileField(
        required=False, widget=forms.FileInput(attrs={"accept": "image/*", "data-multi": False})
    )
    choice = forms.ChoiceField(choices=CHOICES, initial="g2")
    multi = forms.MultipleChoiceField(choices=CHOICES, initial=["a", "g1"], required=False)
    empty_choice = forms.ChoiceField(choices=[], required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="Regel 1\n<b>2</b>")
    empty_note = forms.CharField(widget=forms.Textarea, required=False)
    disabled = forms.CharField(disabled=True, initial="vast")
    # Through the templates (not built in Python): must still render.
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect, initial="a")
    boxes = forms.MultipleChoiceField(choices=CHOICES[1:3], widget=forms.CheckboxSelectMultiple)
    split = forms.SplitDateTimeField(required=False)


def _pairs(form: forms.Form):
    for bound in form:
        widget = bound.field.widget
        attrs = bound.build_widget_attrs({"id": bound.auto_id} if bound.auto_id else {})
        if bound.errors:
            attrs["aria-invalid"] = "true"
        value = bound.value()
        yield (
            bound.name,
            widget.render(bound.html_name, value, attrs, renderer=TEMPLATES),
            widget.render(bound.html_name, value, attrs, renderer=FAST),
        )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "<script>x</script>", "integer": "abc", "choice": "a", "multi": ["g2", "1"]},
    ],
    ids=["unbound", "bound with errors"],
)
def test_every_kind_of_widget_renders_the_same_html_as_djangos_templates(language, data):
    with override(language):
        pairs = list(_pairs(Everything(data)))
    assert len(pairs) == len(Everything.base_fields)
    for name, expected, built in pairs:
        assert built == expected, name
    # The values are escaped where the templates escape them, and safe labels are not.
    html = "".join(built for _, _, built in pairs)
    if data:
        assert 'value="&lt;script&gt;x&lt;/script&gt;"' in html
    assert "Alpha &amp; &lt;b&gt;" in html
    assert "<em>Twee</em>" in html
    assert '<optgroup label="Groep &amp; co">' in html


def test_the_setting_uses_it():
    assert isinstance(get_default_renderer(), FormRenderer)


def test_a_widget_with_a_template_of_its_own_goes_through_the_templates():
    class Fancy(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    class Fancier(forms.TextInput):
        template_name = "django/forms/widgets/clearable_file_input.html"

    select = Fancy(choices=[("a", "A")]).render("x", "a", renderer=FAST)
    assert select == Fancy(choices=[("a", "A")]).render("x", "a", renderer=TEMPLATES)
    assert "<label><input" in select  # the option's own template, not <option>
    fancier = Fancier().render("x", "a", renderer=FAST)
    assert fancier == Fancier().render("x", "a", renderer=TEMPLATES)
    assert 'value="a"' not in fancier  # clearable_file_input.html shows no value


def _project_forms():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(apps.get_app_config("accounts").path.rsplit("/", 1)[0])):
            continue
        for name in ("forms",):
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue
            modules = [module]
            if hasattr(module, "__path__"):
                import pkgutil

                modules += [
                    importlib.import_module(f"{module.__name__}.{info.name}")
                    for info in pkgutil.iter_modules(module.__path__)
                ]
            for mod in modules:
                for _, cls in inspect.getmembers(mod, inspect.isclass):
                    if issubclass(cls, forms.BaseForm) and cls.__module__ == mod.__name__:
                        yield cls


def project_form_instances(user):
    """An unbound instance of each project form that can be made with no arguments, or
    with only the user (``user=`` or ``actor=``)."""
    for cls in set(_project_forms()):
        for kwargs in ({}, {"user": user}, {"actor": user}):
            try:
                yield cls(**kwargs)
                break
            except (TypeError, KeyError, AttributeError, ValueError):
                continue


@pytest.mark.django_db
def test_the_projects_forms_render_the_same_html_through_both(admin_user):
    rendered = 0
    for form in project_form_instances(admin_user):
        cls = type(form)
        for name, expected, built in _pairs(form):
            assert built == expected, f"{cls.__module__}.{cls.__name__}.{name}"
            rendered += 1
    assert rendered > 100
