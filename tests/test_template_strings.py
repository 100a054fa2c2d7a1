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
