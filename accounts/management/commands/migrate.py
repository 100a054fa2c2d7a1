"""``migrate`` as the owner role (DATABASE_OWNER_URL), then the runtime role's grants.

Without DATABASE_OWNER_URL this is Django's own migrate (one role, as before).
"""

from django.core.management.commands.migrate import Command as DjangoMigrate

from accounts.dbroles import as_owner, grant_runtime, runtime_role


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        alias = options["database"]
        runtime = runtime_role(alias)
        with as_owner(alias):
            super().handle(*args, **options)
        grant_runtime(alias=alias, runtime=runtime)
