"""Interface text goes through gettext: a scan of every template (and e-mail) for Dutch
text outside ``{% translate %}``/``{% blocktranslate %}``, and of views for messages
shown to the user without gettext."""

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


# Messages passed to django.contrib.messages as a plain string literal, not gettext.
# These were found when the scan was written (issue 18) and are not yet wrapped: the
# count may only go down. Wrap a message in _() and add its English to the .po file.
KNOWN_UNWRAPPED_MESSAGES = 47
_MESSAGE = re.compile(
    r"messages\.(success|error|info|warning)\(\s*request,\s*f?[\"']", re.MULTILINE
)


def test_messages_to_the_user_go_through_gettext():
    found = []
    for path in ROOT.glob("*/**/*.py"):
        if {".venv", "tests", "node_modules"} & set(path.parts):
            continue
        for match in _MESSAGE.finditer(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert len(found) <= KNOWN_UNWRAPPED_MESSAGES, "\n".join(found)
