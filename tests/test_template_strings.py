"""Interface text goes through gettext: a scan of every template (and e-mail) for Dutch
text outside ``{% translate %}``/``{% blocktranslate %}``, and of views for messages
shown to the user without gettext."""

import ast
import re

from tests.csp import PDF_ONLY_TEMPLATES, ROOT, template_files

# Dutch documents (rendered to PDF in Dutch on purpose) and the 500 page, which is
# rendered without context or translation and so carries both languages itself.
NOT_TRANSLATED = {*PDF_ONLY_TEMPLATES, "reports/pdf/_table.html", "500.html"}
DUTCH = re.compile(
    r"(?<![\w-])(de|het|een|van|voor|niet|geen|met|naar|bij|Opslaan|Annuleren|Terug|"
    r"Verwijderen|Zoeken|Toon|Nieuwe?|Geen|Wijzigen|Bewaren|Sluiten)(?![\w-])"
)


def _visible_text(source: str) -> list[str]:
    """The literal text of a template a user sees: outside tags, translation blocks,
    comments and variables, plus the attributes a user reads (title, placeholder...)."""
    source = re.sub(
        r"(?s)\{%\s*blocktrans(late)?\b.*?\{%\s*endblocktrans(late)?\s*%\}", " ", source
    )
    source = re.sub(r"(?s)\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", " ", source)
    source = re.sub(r"(?s)\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source)
    source = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", source)
    attrs = re.findall(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', source)
    source = re.sub(r"(?s)<[^>]+>", "\n", source)
    return [line.strip() for line in source.splitlines() if line.strip()] + attrs


def test_the_scan_finds_an_unwrapped_dutch_sentence():
    assert _visible_text('<p>Geen meldingen gevonden.</p>{% translate "Terug" %}') == [
        "Geen meldingen gevonden."
    ]
    assert not _visible_text('<p>{% translate "Geen meldingen." %} {{ n }}</p>')


def test_no_template_shows_dutch_text_outside_translate():
    problems = []
    files = [*template_files()]
    files += [(str(p.relative_to(ROOT)), p) for p in ROOT.glob("*/templates/**/*.txt")]
    files += [(str(p.relative_to(ROOT)), p) for p in (ROOT / "templates").rglob("*.txt")]
    for name, path in files:
        if name in NOT_TRANSLATED:
            continue
        for text in _visible_text(path.read_text()):
            if DUTCH.search(text):
                problems.append(f"{name}: {text[:100]}")
    assert problems == []


_FILTER_TEXT = re.compile(r"""\|\s*default(?:_if_none)?:\s*(["'])([^"']*[A-Za-z]{2}[^"']*)\1""")


_CSS_VALUES = {"info"}  # a message's level as a CSS class (alert-info), not text


def test_no_template_passes_dutch_text_to_a_filter():
    """``{{ x|default:"systeem" }}`` shows Dutch in English; ``default:_("systeem")`` not."""
    assert _FILTER_TEXT.search('{{ ev.actor|default:"systeem" }}')
    assert not _FILTER_TEXT.search('{{ ev.actor|default:_("systeem") }} {{ n|default:"—" }}')
    problems = []
    for name, path in template_files():
        if name in NOT_TRANSLATED:
            continue
        found = _FILTER_TEXT.finditer(path.read_text())
        problems += [f"{name}: {m.group(0)}" for m in found if m.group(2) not in _CSS_VALUES]
    assert problems == []


# Messages passed to django.contrib.messages must be gettext calls (issue 18): a plain
# string, an f-string or a "..." % / .format() of one is shown in Dutch to everyone.
_LEVELS = {"success", "error", "info", "warning", "debug"}


def _is_literal_text(node: ast.AST) -> bool:
    """A message built from literal text in code rather than from a gettext call."""
    if isinstance(node, ast.Constant | ast.JoinedStr):
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, str)
    if isinstance(node, ast.BinOp):  # "..." % {...}
        return _is_literal_text(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        # "...".format(...) is literal text; " ".join(exc.messages) joins messages
        # that come from elsewhere (the services' ValidationErrors).
        return node.func.attr == "format" and _is_literal_text(node.func.value)
    return False


def _unwrapped_messages(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id == "messages"):
            continue
        args = node.args[1:]
        if node.func.attr == "add_message":
            args = node.args[2:]
        elif node.func.attr not in _LEVELS:
            continue
        if args and _is_literal_text(args[0]):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_message_scan_tells_literal_text_from_gettext():
    assert _unwrapped_messages(
        'messages.success(request, "Opgeslagen.")\n'
        'messages.error(\n    request,\n    f"Zaak {ref} is geopend.")\n'
        'messages.info(request, "Versie %s" % v)\n'
        'messages.add_message(request, messages.INFO, "{} klaar".format(n))\n'
    ) == [1, 2, 5, 6]
    assert not _unwrapped_messages(
        'messages.success(request, _("Opgeslagen."))\n'
        'messages.success(request, _("Zaak %(r)s is geopend.") % {"r": ref})\n'
        'messages.error(request, " ".join(exc.messages))\n'
        "messages.error(request, str(exc))\n"
    )


def test_messages_to_the_user_go_through_gettext():
    found = []
    for path in ROOT.glob("*/**/*.py"):
        if {".venv", "tests", "node_modules"} & set(path.parts):
            continue
        for line in _unwrapped_messages(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == []


# Errors a service raises for the user to read, and the labels, help texts and empty
# choices of forms and fields, must be gettext calls too (issue 18). An f-string whose
# own text has no words (a label joined from translated labels or from data) is fine.
_USER_ERRORS = {"ValidationError", "PermissionDenied"}
_OPERATOR_ERRORS = {"CommandError"}  # the command line of the operator, as Django's own
_TEXT_KEYWORDS = {"label", "help_text", "empty_label", "verbose_name", "verbose_name_plural"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
_DUTCH_WORD = re.compile(
    r"(?i)(?<![\w-])(de|het|een|van|voor|niet|geen|met|naar|bij|is|zijn|kies|ligt|u|uw)(?![\w-])"
)


def _literal_words(node: ast.AST) -> str:
    """The words a message or label spells out in code rather than through gettext."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _WORD.search(node.value) else ""
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal_words(part) for part in node.values)
    if isinstance(node, ast.BinOp):  # "..." % {...} or "..." + ...
        return " ".join(filter(None, [_literal_words(node.left), _literal_words(node.right)]))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _literal_words(node.func.value) if node.func.attr == "format" else ""
    if isinstance(node, ast.Dict):  # ValidationError({"field": "..."})
        return " ".join(_literal_words(value) for value in node.values)
    if isinstance(node, ast.List | ast.Tuple):  # ValidationError(["..."])
        return " ".join(_literal_words(item) for item in node.elts)
    return ""


def _untranslated_texts(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "add_error" and len(node.args) > 1 and _literal_words(node.args[1]).strip():
            lines.append(node.lineno)  # form.add_error("field", "...")
        if node.args and name not in _OPERATOR_ERRORS:
            words = _literal_words(node.args[0]).strip()
            if words and name in _USER_ERRORS:
                lines.append(node.lineno)
            elif name.endswith("Error") and _DUTCH_WORD.search(words):
                lines.append(node.lineno)  # a Dutch message of a domain error (ReportError...)
        for keyword in node.keywords:
            if keyword.arg in _TEXT_KEYWORDS and _literal_words(keyword.value).strip():
                lines.append(node.lineno)
    return sorted(set(lines))


def test_the_error_and_label_scan_tells_literal_text_from_gettext():
    assert _untranslated_texts(
        'raise ValidationError("Kies een thema.")\n'
        'raise PermissionDenied(f"U mag zaak {ref} niet zien.")\n'
        'raise ReportError("Periode " + p + " ligt in de toekomst.")\n'
        'x = forms.CharField(label="Omschrijving", help_text=_("Kort."))\n'
        'y = forms.ModelChoiceField(qs, empty_label="Alle thema\'s")\n'
        'raise ValidationError({"team": "Kies het team."})\n'
        'form.add_error("reported_by", "U mag dit niet.")\n'
        'raise exceptions.ValidationError({"bron": ["Gebruik resident of partner."]})\n'
    ) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert not _untranslated_texts(
        'raise ValidationError(_("Kies een thema."))\n'
        'raise ReportError(_("Periode %(p)s ligt in de toekomst.") % {"p": p})\n'
        'raise ValueError(f"unexpected TIME_ZONE {tz!r}")\n'
        'raise CommandError("seed_demo weigert te draaien met DEBUG uit")\n'
        'f = forms.BooleanField(label=f"{attitude.label} × {consequence.label}")\n'
        "raise ValidationError(exc.messages)\n"
        'raise ValidationError({"team": _("Kies het team.")})\n'
        'form.add_error("reported_by", _("U mag dit niet."))\n'
        'raise exceptions.ValidationError({"start_date": [str(exc)]})\n'
    )


def test_errors_labels_and_help_texts_go_through_gettext():
    found = []
    for path in ROOT.glob("*/**/*.py"):
        if {".venv", "tests", "node_modules", "migrations"} & set(path.parts):
            continue
        for line in _untranslated_texts(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == []
