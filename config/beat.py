"""The periodic schedules (celery beat), reviewed in code; django-celery-beat syncs
them into its tables. ``config.settings`` reads ``CELERY_BEAT_SCHEDULE`` from here, so
each app's engineers add an entry without editing the settings module."""

from celery.schedules import crontab

# Each entry: "name": {"task": "app.tasks.func", "schedule": crontab(...)}.
CELERY_BEAT_SCHEDULE: dict = {
    # integrations: take over new Signalen signals for enforcement (idempotent; a no-op
    # until SIGNALEN_API_URL is set).
    "integrations-signalen-fetch": {
        "task": "integrations.tasks.signalen_fetch",
        "schedule": crontab(minute="*/5"),
    },
    # Tasks a broker outage kept from being queued (accounts.queue); also at worker start.
    "accounts-queued-tasks-send": {
        "task": "accounts.tasks.queued_tasks_send",
        "schedule": crontab(minute="*"),
    },
    # Submission keys older than the longest time a device may hold a form
    # (OFFLINE_MAX_AGE_DAYS, accounts.submissions.retention). Idempotent, in batches.
    "accounts-submissions-delete-expired": {
        "task": "accounts.tasks.submissions_delete_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    "flag-open-patrol-logs": {
        "task": "enforcement.flag_open_patrol_logs",
        "schedule": crontab(minute="*/15"),
    },
    # cases: reminders for action items and cases becoming due, overdue digest to team leads,
    # and four weeks of occurrences of recurring briefings. All idempotent per day.
    "cases-daily-reminders": {
        "task": "cases.tasks.send_daily_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "cases-overdue-digest": {
        "task": "cases.tasks.send_overdue_digest",
        "schedule": crontab(hour=7, minute=15, day_of_week="mon-fri"),
    },
    "cases-extend-briefing-series": {
        "task": "cases.tasks.extend_briefing_series",
        "schedule": crontab(hour=2, minute=30),
    },
    # planning: remind policy officers of expert groups that have not met for six months.
    "planning-expert-group-reminders": {
        "task": "planning.tasks.send_expert_group_reminders",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    # privacy: remove personal data past its Wpg retention term (idempotent).
    "privacy-retention": {
        "task": "privacy.tasks.retention_run_daily",
        "schedule": crontab(hour=3, minute=0),
    },
    # The rollup triggers append rows (so they never wait on another transaction);
    # these fold each key's rows into one. Idempotent; one at a time (advisory lock).
    "reports-rollups-compact": {
        "task": "reports.tasks.rollups_compact",
        "schedule": crontab(minute="*/5"),
    },
    "planning-effort-rollup-compact": {
        "task": "planning.tasks.effort_rollup_compact",
        "schedule": crontab(minute="*/5"),
    },
    # Drafts the council report of the quarter just ended, on the first working day
    # after it (the task checks the day, with Dutch public holidays); idempotent.
    "reports-quarter-draft": {
        "task": "reports.tasks.quarter_report_check",
        "schedule": crontab(hour=6, minute=15),
    },
    # forecast: the 13-week forecast, its backtest and the hotspots, early on Monday (after
    # the weekend's registrations are in); idempotent, a few minutes on the large data.
    "forecast-weekly": {
        "task": "forecast.tasks.forecast_weekly",
        "schedule": crontab(hour=4, minute=30, day_of_week="mon"),
    },
}
