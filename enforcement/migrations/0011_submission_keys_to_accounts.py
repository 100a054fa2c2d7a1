"""The submission keys move to accounts.Submission: one mechanism for every create form.

Keys already saved (an incident, a violation, a shift event) are copied first, so a
device that still holds an item with that key gets the first answer, not a second record.
"""

from django.db import migrations


def copy_keys(apps, schema_editor):
    Submission = apps.get_model("accounts", "Submission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = []
    for model_name, user_field, url in (
        ("incident", "registered_by_id", "/registratie/meldingen/{}/"),
        ("violation", "recorded_by_id", "/registratie/overtredingen/{}/"),
    ):
        model = apps.get_model("enforcement", model_name)
        ct, _ = ContentType.objects.get_or_create(app_label="enforcement", model=model_name)
        for pk, user_id, key in model.objects.exclude(submission_key=None).values_list(
            "pk", user_field, "submission_key"
        ):
            if user_id is not None:
                rows.append(
                    Submission(
                        user_id=user_id, key=key, path="", url=url.format(pk),
                        content_type=ct, object_id=pk,
                    )
                )
    Event = apps.get_model("enforcement", "PatrolLogEvent")
    ct, _ = ContentType.objects.get_or_create(app_label="enforcement", model="patrollog")
    for log_id, user_id, key in Event.objects.exclude(submission_key=None).values_list(
        "patrol_log_id", "actor_id", "submission_key"
    ):
        if user_id is not None:
            rows.append(
                Submission(
                    user_id=user_id, key=key, path="",
                    url=f"/registratie/diensten/{log_id}/", content_type=ct, object_id=log_id,
                )
            )
    Submission.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_submission"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("enforcement", "0010_merge_strategy_offline_indexes"),
    ]

    operations = [
        migrations.RunPython(copy_keys, migrations.RunPython.noop),
        migrations.RemoveField(model_name="incident", name="submission_key"),
        migrations.RemoveField(model_name="patrollogevent", name="submission_key"),
        migrations.RemoveField(model_name="violation", name="submission_key"),
    ]
