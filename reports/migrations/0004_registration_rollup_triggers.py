from django.db import migrations

from reports.rollup_sql import statements

FORWARD, BACKWARD = statements()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_registration_rollups"),
        ("enforcement", "0006_incident_theme_time_covering"),
        ("cases", "0003_reports_closed_at_index"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
