"""The access log also refuses TRUNCATE (a statement-level trigger; UPDATE/DELETE: 0002).

Together with the runtime role that does not own the table (accounts.dbroles),
the application can neither empty the log nor switch its triggers off.
"""

from django.db import migrations

FORWARD = """
CREATE TRIGGER accounts_accesslog_no_truncate
    BEFORE TRUNCATE ON accounts_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_accesslog_refuse_change();
"""

BACKWARD = "DROP TRIGGER IF EXISTS accounts_accesslog_no_truncate ON accounts_accesslogentry;"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_notification_emailed_at")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
