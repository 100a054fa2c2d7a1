from django.core.management.base import BaseCommand

from integrations.services.signalen import signalen_configured, signalen_fetch


class Command(BaseCommand):
    help = "Take over the new Signalen signals for enforcement as incidents (idempotent)."

    def handle(self, *args, **options):
        if not signalen_configured():
            self.stderr.write("SIGNALEN_API_URL and SIGNALEN_API_TOKEN are not set.")
            return
        counts = signalen_fetch()
        self.stdout.write(
            f"created {counts['created']}, skipped {counts['skipped']}, failed {counts['failed']}"
        )
