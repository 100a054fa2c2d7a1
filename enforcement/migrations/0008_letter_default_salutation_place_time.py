"""The default warning letter addresses a company as a company and says where and when
the offence took place; a default text the admin never changed is brought up to date."""

import importlib

from django.db import migrations


def update_default_letter(apps, schema_editor):
    from enforcement.letters import DEFAULT_BODY

    old = importlib.import_module("enforcement.migrations.0002_patrols_letters_overlap")
    LetterTemplate = apps.get_model("enforcement", "LetterTemplate")
    LetterTemplate.objects.filter(code="written-warning", body=old.DEFAULT_BODY).update(
        body=DEFAULT_BODY
    )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0007_enforcement_strategy_repeat_offenders")]

    operations = [migrations.RunPython(update_default_letter, migrations.RunPython.noop)]
