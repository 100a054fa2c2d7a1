"""The access log in words: people by name, records by kind and reference, readable details.

``accounts`` knows no domain, so a record's kind and reference come from the model the
entry names (``apps.get_model(object_type)``: its verbose name, its ``reference`` field
where it has one). References are read in bulk, one query per kind on the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.utils.translation import gettext as _

FORMATS = {"csv": "CSV", "xlsx": "Excel"}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def kind_label(object_type: str) -> str:
    """``enforcement.violation`` -> ``Overtreding``."""
    model = _model(object_type)
    if model is None:
        return object_type
    return str(model._meta.verbose_name).capitalize()


def kind_plural(object_type: str) -> str:
    model = _model(object_type)
    return object_type if model is None else str(model._meta.verbose_name_plural).capitalize()


def _has_reference(model) -> bool:
    return any(f.name == "reference" for f in model._meta.concrete_fields)


def references_for(entries: Iterable) -> dict[tuple[str, str], str]:
    """(object_type, object_id) -> the record's reference or name, one query per kind."""
    ids: dict[str, set[int]] = defaultdict(set)
    for e in entries:
        if e.object_id and e.object_id.isdigit():
            ids[e.object_type].add(int(e.object_id))
    found: dict[tuple[str, str], str] = {}
    for object_type, pks in ids.items():
        model = _model(object_type)
        if model is None:
            continue
        if _has_reference(model):
            rows = model._default_manager.filter(pk__in=pks).values_list("pk", "reference")
        elif object_type == "accounts.user":
            rows = [
                (u.pk, f"{u.get_full_name() or u.username} ({u.username})")
                for u in model._default_manager.filter(pk__in=pks).only(
                    "first_name", "last_name", "username"
                )
            ]
        else:
            rows = [(o.pk, str(o)) for o in model._default_manager.filter(pk__in=pks)]
        for pk, text in rows:
            found[(object_type, str(pk))] = text
    return found


def person(entry) -> str:
    """``Jenna de Gratie (boa1)``; the stored username when the user is gone."""
    user = entry.user
    if user is None:
        return entry.username
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


def _field_label(model, name: str) -> str:
    # An old entry may name a field that is gone: then its name in plain words.
    if model is not None and name in {f.name for f in model._meta.get_fields()}:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    return name.replace("_", " ")


def _filters_text(filters: dict) -> str:
    parts = [f"{k.replace('_', ' ')} = {v}" for k, v in filters.items() if v not in ("", None)]
    return ", ".join(parts) if parts else _("geen")


def detail_words(entry) -> list[str]:
    """The entry's details as short Dutch phrases, never a Python dict."""
    detail = dict(entry.detail or {})
    model = _model(entry.object_type)
    out: list[str] = []
    targeted = detail.pop("targeted", None)
    if isinstance(targeted, dict):
        from accounts.privacy import KIND_LABELS

        value = targeted.get("value", "")
        if targeted.get("date_of_birth"):
            value = f"{value}, {targeted['date_of_birth']}"
        kind = KIND_LABELS.get(targeted.get("kind"), targeted.get("kind", ""))
        out.append(_("gerichte zoekvraag op %(kind)s: %(value)s") % {"kind": kind, "value": value})
    if detail.get("purpose"):
        out.append(_("doel: %(purpose)s") % {"purpose": detail.pop("purpose")})
    detail.pop("purpose", None)
    if detail.pop("older_included", False):
        out.append(_("ook gegevens ouder dan de bladergrens"))
    if "fields" in detail:
        labels = [_field_label(model, f) for f in detail.pop("fields") or []]
        out.append(_("velden: %(fields)s") % {"fields": ", ".join(labels)})
    if "format" in detail:
        fmt = detail.pop("format")
        out.append(_("bestand: %(format)s") % {"format": FORMATS.get(fmt, fmt)})
    for key in ("filter", "filters"):
        if isinstance(detail.get(key), dict):
            out.append(_("filters: %(filters)s") % {"filters": _filters_text(detail.pop(key))})
    if isinstance(detail.get("query"), dict):
        query = detail.pop("query")
        if query:
            out.append(_("filters: %(filters)s") % {"filters": _filters_text(query)})
    rows = detail.pop("rows", detail.pop("count", None))
    found = detail.pop("found", None)
    if rows is None and isinstance(found, list):
        rows = len(found)
    if rows is not None:
        out.append(_("%(n)s regel(s)") % {"n": rows})
    if "personal_data" in detail:
        out.append(
            _("met persoonsgegevens")
            if detail.pop("personal_data")
            else _("zonder persoonsgegevens")
        )
    if "photo" in detail:
        detail.pop("photo")
        out.append(_("miniatuur van een foto") if detail.pop("thumbnail", False) else _("foto"))
    if "filename" in detail:
        detail.pop("document", None)
        out.append(_("document: %(name)s") % {"name": detail.pop("filename")})
    admin = detail.pop("admin", None)
    if admin:
        out.append(_("beheerscherm (lijst)") if admin == "changelist" else _("beheerscherm"))
    if "term" in detail:
        out.append(_("zoekterm: %(term)s") % {"term": detail.pop("term")})
    for key, value in detail.items():
        if isinstance(value, list | dict):
            value = ", ".join(map(str, value)) if isinstance(value, list) else _filters_text(value)
        out.append(f"{key.replace('_', ' ')}: {value}")
    return out


def record_words(entry, references: dict[tuple[str, str], str]) -> str:
    """``Overtreding V-2026-000012``; for a search or export over many: ``Meldingen``."""
    if not entry.object_id:
        return kind_plural(entry.object_type)
    ref = references.get((entry.object_type, entry.object_id)) or entry.object_repr
    return f"{kind_label(entry.object_type)} {ref or '#' + entry.object_id}"


def annotate(entries: list) -> list:
    """Give each entry ``person_words``, ``record_words`` and ``detail_lines``."""
    references = references_for(entries)
    for e in entries:
        e.person_words = person(e)
        e.record_words = record_words(e, references)
        e.detail_lines = detail_words(e)
    return entries


def object_ids_for_reference(reference: str, object_types: Iterable[str]) -> list[tuple[str, str]]:
    """Every (object_type, object_id) whose record carries this reference."""
    out = []
    for object_type in object_types:
        model = _model(object_type)
        if model is None or not _has_reference(model):
            continue
        for pk in model._default_manager.filter(reference__iexact=reference).values_list(
            "pk", flat=True
        ):
            out.append((object_type, str(pk)))
    return out
