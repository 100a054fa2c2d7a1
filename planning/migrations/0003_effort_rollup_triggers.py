from django.db import migrations

from planning.rollup_sql import statements

FORWARD, BACKWARD = statements()


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_effort_month_total"),
        ("enforcement", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
