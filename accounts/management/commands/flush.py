"""``flush`` (used between transactional tests) as the owner role.

The access log refuses TRUNCATE (migration 0004), and the runtime role may not
truncate anything it does not own. Emptying the whole database is an owner's
act: as the owner, the append-only table's TRUNCATE trigger is switched off for
this one transaction only. Without DATABASE_OWNER_URL the one role owns all.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from accounts.dbroles import as_owner


class Command(DjangoFlush):
    def handle(self, **options):
        alias = options["database"]
        with as_owner(alias), transaction.atomic(using=alias):
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE accounts_accesslogentry DISABLE TRIGGER accounts_accesslog_no_truncate"
                )
            super().handle(**options)
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE accounts_accesslogentry ENABLE TRIGGER accounts_accesslog_no_truncate"
                )
