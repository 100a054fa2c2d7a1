"""config.crispy_fields builds crispy's bootstrap5 field in Python: the same HTML as
crispy's templates for every kind of field it takes on, and for the project's forms;
every other field still goes through crispy."""

from __future__ import annotations

import copy
import re

import pytest
from crispy_forms.templatetags import crispy_forms_filters as crispy
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from config import crispy_fields
from tests.test_form_renderer import project_form_instances

# Help text is shown unescaped by crispy too (its template uses |safe).
SAFE_HELP = mark_safe("Zie <a href='/h'>hulp</a>")  # noqa: S308  # nosec B308: our own constant


class Kinds(forms.Form):
    error_css_class = "has-error"
    required_css_class = "is-required"

    text = forms.CharField(label='Naam & "bijnaam"', help_text=SAFE_HELP)
    optional = forms.CharField(required=False, max_length=5)
    number = forms.IntegerField(min_value=1, label=gettext_lazy("Aantal"))
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    choice = forms.ChoiceField(choices=[("", "—"), ("a", "<A>")], help_text="Kies één")
    multi = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "class": "font-monospace"}))
    unlabelled = forms.CharField(label="", required=False)
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"class": "emailinput x"})
    )
    # Through crispy's templates, not built here:
    box = forms.BooleanField(required=False)
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    upload = forms.FileField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    split = forms.SplitDateTimeField(required=False)

    def clean(self):
        self.add_error("text", "Tweede fout <b>")
        self.add_error(None, "Het geheel <klopt> niet")
        return super().clean()


BAD = {"text": "<script>", "optional": "te lang", "number": "0", "choice": "zz", "note": ""}


def _settled(form):
    """Each field's initial value evaluated once (a callable one, such as the time now,
    would differ between the two renderings); the copies below share it."""
    for bound in form:
        bound.initial  # noqa: B018
    return form


def _both(form):
    _settled(form)
    for bound in form:
        twin = copy.deepcopy(form)[bound.name]  # crispy sets the widget's class: a copy each
        yield bound.name, crispy.as_crispy_field(twin), crispy_fields.as_crispy_field(bound)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", [None, BAD], ids=["unbound", "bound with errors"])
def test_every_kind_of_field_renders_the_same_html_as_crispy(language, data):
    with override(language):
        form = Kinds(data)
        form.is_valid()
        pairs = list(_both(form))
    assert len(pairs) == len(Kinds.base_fields)
    for name, expected, built in pairs:
        assert built == expected, name
    html = "".join(built for _, _, built in pairs)
    assert "Naam &amp; &quot;bijnaam&quot;" in html
    assert "<a href='/h'>hulp</a>" in html
    if data:
        assert "<strong>Tweede fout &lt;b&gt;</strong>" in html
        # Django's field classes come from a set: either order, the same in both.
        assert re.search(
            r'id="div_id_text" class="mb-3 (has-error is-required|is-required has-error)"', html
        )


@pytest.mark.parametrize("data", [None, BAD], ids=["unbound", "bound with errors"])
def test_a_whole_form_renders_the_same_html_as_crispy(data):
    form = Kinds(data)
    form.is_valid()
    expected = crispy.as_crispy_form(copy.deepcopy(form))
    built = crispy_fields.as_crispy_form(form)
    assert built == expected
    if data:
        assert "<li>Het geheel &lt;klopt&gt; niet</li>" in built
    assert 'type="hidden" name="hidden"' in built and 'type="checkbox" name="box"' in built


def test_a_field_rendered_twice_stays_the_same():
    form = Kinds(BAD)
    form.is_valid()
    first = crispy_fields.as_crispy_field(form["choice"])
    assert crispy_fields.as_crispy_field(form["choice"]) == first
    assert first.count("form-select") == 1


def test_the_templates_get_it_through_crispy_fields():
    form = Kinds()
    html = Template("{% load crispy_fields %}{{ f.text|as_crispy_field }}{{ f|crispy }}").render(
        Context({"f": form})
    )
    assert 'id="div_id_text"' in html
    library = Template("").engine.template_libraries["crispy_fields"]
    assert library.filters["as_crispy_field"] is crispy_fields.as_crispy_field
    assert library.filters["crispy"] is crispy_fields.as_crispy_form


@pytest.mark.django_db
def test_the_projects_forms_render_the_same_html_through_both(admin_user):
    rendered = built_here = 0
    for form in project_form_instances(admin_user):
        cls = type(form)
        whole = crispy.as_crispy_form(copy.deepcopy(_settled(form)))
        for name, expected, built in _both(form):
            assert built == expected, f"{cls.__module__}.{cls.__name__}.{name}"
            rendered += 1
            built_here += crispy_fields._fast(form[name])
        assert crispy_fields.as_crispy_form(form) == whole, f"{cls.__module__}.{cls.__name__}"
    assert rendered > 100
    assert built_here > 80


def test_no_template_loads_crispys_own_tags():
    from django.conf import settings

    root = settings.BASE_DIR / "templates"
    loading = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "crispy_forms_tags" in path.read_text()
    ]
    assert loading == []
    assert sum("crispy_fields" in p.read_text() for p in root.rglob("*.html")) > 30
