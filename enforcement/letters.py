"""Written warning letters: a LetterTemplate rendered safely and turned into a PDF.

The admin's text is a Django template run by an engine without any tags or
filters (only ``{{ placeholder }}`` variables), against plain strings, so the
text cannot reach objects, load templates or run code. The result is plain
text; the letter page escapes all of it (the admin's text and the offender's
data alike) before WeasyPrint lays it out.
"""

from __future__ import annotations

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.pdf import render_pdf
from enforcement.models import LetterTemplate, Offender, Violation

PLACEHOLDERS = {
    "aanhef": "aanhef: 'Geachte heer/mevrouw …' of, voor een bedrijf, 'Geachte directie van …'",
    "naam": "naam van de overtreder",
    "adres": "adres van de overtreder",
    "feit": "omschrijving van het feit",
    "feitcode": "feitcode",
    "grondslag": "grondslag (bijv. APV-artikel)",
    "datum": "datum van de overtreding",
    "tijd": "tijdstip van de overtreding (bijv. 'om 14.35 uur'; leeg als het niet bekend is)",
    "plaats": "adres waar de overtreding plaatsvond",
    "kenmerk": "kenmerk van de overtreding",
    "gemeente": "naam van de gemeente",
    "boa": "naam van de boa",
}


class _SandboxEngine(Engine):
    # No builtins at all: no {% tags %}, no |filters, no {% load %}; only variables.
    default_builtins: list[str] = []


_ENGINE = _SandboxEngine(libraries={}, autoescape=False, string_if_invalid="")

DEFAULT_CODE = "written-warning"
DEFAULT_NAME = "Schriftelijke waarschuwing"
DEFAULT_SUBJECT = "Schriftelijke waarschuwing {{ kenmerk }}"
# The text migration 0008 puts in place of the first default (0002) when unchanged.
DEFAULT_BODY = """{{ aanhef }},

Op {{ datum }} {{ tijd }} heeft een buitengewoon opsporingsambtenaar (boa) van de {{ gemeente }} op {{ plaats }} vastgesteld dat u de volgende regel hebt overtreden:

{{ feitcode }} – {{ feit }} ({{ grondslag }}).

Met deze brief geven wij u een schriftelijke waarschuwing. Wij verzoeken u de overtreding te beëindigen en niet te herhalen. Stellen wij binnen een jaar opnieuw een overtreding vast, dan kunnen wij zwaarder optreden, bijvoorbeeld met een bestuurlijke strafbeschikking (boete).

Adres waarop deze brief is gericht: {{ adres }}.

Hebt u vragen over deze brief? Neem dan contact op met de afdeling Toezicht en Handhaving en noem het kenmerk {{ kenmerk }}.

Met vriendelijke groet,

{{ boa }}
namens de burgemeester van de {{ gemeente }}"""


class LetterTemplateError(ValueError):
    pass


def check_template_text(text: str) -> None:
    """Raise LetterTemplateError (Dutch) when the text uses anything but known placeholders."""
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as exc:
        raise LetterTemplateError(
            _("Het sjabloon bevat code die niet is toegestaan. Gebruik alleen {{ naam }}-velden.")
        ) from exc
    unknown = set()
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        var = node.filter_expression.var
        name = getattr(var, "var", var)
        if node.filter_expression.filters or str(name) not in PLACEHOLDERS:
            unknown.add(str(node.filter_expression.token))
    if unknown:
        raise LetterTemplateError(
            _("Onbekende velden: %(unknown)s. Toegestaan: %(allowed)s.")
            % {
                "unknown": ", ".join("{{ " + u + " }}" for u in sorted(unknown)),
                "allowed": ", ".join("{{ " + p + " }}" for p in PLACEHOLDERS),
            }
        )


def render_text(text: str, values: dict[str, str]) -> str:
    """The filled-in text as a plain (not HTML-safe) string: the letter page escapes it.

    Django marks a rendered template safe; here the result is plain text (the
    values are not escaped while filling in), so the mark is dropped, or the page
    would put the admin's text and the offender's name into the HTML as markup.
    """
    check_template_text(text)
    rendered = _ENGINE.from_string(text).render(
        Context({k: str(v) for k, v in values.items()}, autoescape=False)
    )
    return str.__str__(rendered)


def salutation(*, kind: str, name: str) -> str:
    """A company is addressed as a company, a person as a person."""
    if kind == Offender.Kind.COMPANY:
        return f"Geachte directie van {name}".strip()
    return f"Geachte heer/mevrouw {name}".strip()


def _time_text(violation: Violation) -> str:
    """'om 14.35 uur' when the incident's time is on the violation's date, else ''."""
    occurred = violation.incident.occurred_at if violation.incident_id else None
    if occurred is None:
        return ""
    local = timezone.localtime(occurred)
    if local.date() != violation.committed_on:
        return ""
    return f"om {local:%H.%M} uur"


def letter_values(violation: Violation) -> dict[str, str]:
    offender = violation.offender
    name = offender.name if offender else ""
    return {
        "aanhef": salutation(kind=offender.kind if offender else "", name=name),
        "naam": name,
        "adres": (offender.address if offender else "") or violation.address,
        "feit": violation.offence.description,
        "feitcode": violation.offence.code,
        "grondslag": violation.offence.legal_basis,
        "datum": formats.date_format(violation.committed_on, "j F Y"),
        "tijd": _time_text(violation),
        "plaats": violation.address or violation.incident.address,
        "kenmerk": violation.reference,
        "gemeente": settings.MUNICIPALITY_NAME,
        "boa": str(violation.recorded_by),
    }


def letter_template_ensure_default() -> LetterTemplate:
    """The default written-warning template (demo seed; normally made by the migration)."""
    template, _created = LetterTemplate.objects.get_or_create(
        code=DEFAULT_CODE,
        defaults={"name": DEFAULT_NAME, "subject": DEFAULT_SUBJECT, "body": DEFAULT_BODY},
    )
    return template


def letter_template_for(violation: Violation) -> LetterTemplate | None:
    return (
        LetterTemplate.objects.filter(active=True, code=violation.intervention.code).first()
        or LetterTemplate.objects.filter(active=True, code=DEFAULT_CODE).first()
    )


def letter_pdf(*, violation: Violation, template: LetterTemplate) -> bytes:
    return _pdf(template=template, values=letter_values(violation))


SAMPLE_VALUES = {
    "aanhef": "Geachte heer/mevrouw J. (Jan) Voorbeeld",
    "naam": "J. (Jan) Voorbeeld",
    "adres": "Voorbeeldstraat 1, 1234 AB Voorbeeld",
    "feit": "Geluidhinder veroorzaken",
    "feitcode": "H120",
    "grondslag": "APV art. 4:6",
    "datum": "1 januari 2026",
    "tijd": "om 14.35 uur",
    "plaats": "Markt 1",
    "kenmerk": "O-2026-000000",
    "boa": "B. de Boa",
}


def letter_preview_pdf(*, template: LetterTemplate) -> bytes:
    """The template filled with made-up data, for the functional admin to check."""
    return _pdf(template=template, values={**SAMPLE_VALUES, "gemeente": settings.MUNICIPALITY_NAME})


def _pdf(*, template: LetterTemplate, values: dict[str, str]) -> bytes:
    html = render_to_string(
        "enforcement/violations/letter.html",
        {
            "reference": values["kenmerk"],
            "values": values,
            "subject": render_text(template.subject, values),
            "body": render_text(template.body, values),
            "today": timezone.localdate(),
            "municipality": settings.MUNICIPALITY_NAME,
        },
    )
    return render_pdf(html)
