from django.db import migrations

from reports.rollup_sql import statements

# The upserts of that time; 0005 replaced them by appended rows.
FORWARD, BACKWARD = statements(append=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_registration_rollups"),
        ("enforcement", "0006_incident_theme_time_covering"),
        ("cases", "0003_reports_closed_at_index"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
