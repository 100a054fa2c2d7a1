"""The case timeline stays append-only, with one exception: retention may blank an
event's message and changed values (privacy.retention), leaving when, who and what
kind of step it was. Rewriting any other column, or a message to anything but
empty, is still refused, and so is DELETE."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.message = '' AND NEW.data = '{}'::jsonb
       AND (NEW.id, NEW.case_id, NEW.at, NEW.actor_id, NEW.kind, NEW.visible_to_partners)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.case_id, OLD.at, OLD.actor_id, OLD.kind, OLD.visible_to_partners)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case timeline is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case timeline is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_reports_closed_at_index")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
