"""Map the free-string kinds of incident and shift timeline rows to their Kind enum.

The services always wrote the enum's values, so known rows stay as they are; a spelling
variant (case, spaces, hyphens) is normalised; anything else becomes ``other`` and keeps
its old string in ``data["kind_before"]`` (the reverse puts it back).
"""

from django.db import migrations

KINDS = {
    "incidentevent": ("created", "status", "photos_added", "violation", "other"),
    "patrollogevent": (
        "started",
        "ended",
        "effort",
        "effort_corrected",
        "corrected",
        "flagged",
        "other",
    ),
}


def _normal(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def forwards(apps, schema_editor):
    for model_name, values in KINDS.items():
        model = apps.get_model("enforcement", model_name)
        found = model.objects.exclude(kind__in=values).values_list("kind", flat=True).distinct()
        for old in list(found):
            if _normal(old) in values:
                model.objects.filter(kind=old).update(kind=_normal(old))
        table = model._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET data = data || jsonb_build_object('kind_before', kind), "  # noqa: S608  # nosec B608: table name from the model
                "kind = 'other' WHERE NOT (kind = ANY(%s))",
                [list(values)],
            )


def backwards(apps, schema_editor):
    for model_name in KINDS:
        table = apps.get_model("enforcement", model_name)._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET kind = data->>'kind_before', data = data - 'kind_before' "  # noqa: S608  # nosec B608: table name from the model
                "WHERE kind = 'other' AND data ? 'kind_before'"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0012_timeline_kinds_as_enum"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
