from django.db import migrations

from planning.rollup_sql import statements

# The upserts of that time; 0004 replaced them by appended rows.
FORWARD, BACKWARD = statements(append=False)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_effort_month_total"),
        ("enforcement", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
