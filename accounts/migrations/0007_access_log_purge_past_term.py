"""The access log's own retention term: one narrow way to remove rows past it.

The runtime role may not DELETE from the log (accounts.dbroles) and a trigger refuses
DELETE for every role (0002). ``accounts_accesslog_purge(before)`` is a SECURITY
DEFINER function owned by the owner role: it deletes only rows older than ``before``
and refuses any ``before`` later than five years ago (the floor, docs/privacy.md), so
the application can apply the term (privacy.retention, logged in the retention run)
but can never remove recent rows. The trigger lets a DELETE through only inside the
function, for a row older than the function's cut-off.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION accounts_accesslog_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('accounts.accesslog_purge_before', true) <> ''
       AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class
                           WHERE oid = 'accounts_accesslogentry'::regclass)
       AND OLD.at < current_setting('accounts.accesslog_purge_before', true)::timestamptz
       AND current_setting('accounts.accesslog_purge_before', true)::timestamptz
           <= now() - interval '1826 days'
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'access log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION accounts_accesslog_purge(before timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    removed bigint;
BEGIN
    IF before IS NULL OR before > now() - interval '1826 days' THEN
        RAISE EXCEPTION 'access log rows younger than five years are kept (asked: before %)', before
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('accounts.accesslog_purge_before', before::text, true);
    DELETE FROM public.accounts_accesslogentry WHERE at < before;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('accounts.accesslog_purge_before', '', true);
    RETURN removed;
END;
$$;
"""

BACKWARD = """
DROP FUNCTION IF EXISTS accounts_accesslog_purge(timestamptz);
CREATE OR REPLACE FUNCTION accounts_accesslog_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_merge_submission_task_outbox")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
