"""Letter templates the functional admin edits in the application (written warning)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterTemplate(models.Model):
    """Text of a letter with placeholders such as {{ naam }}, {{ adres }}, {{ feit }}.

    Rendered by ``enforcement.letters`` with a restricted Django template engine:
    no tags or filters beyond a short list, and every value is escaped.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Gebruik {{ naam }}, {{ adres }}, {{ feit }}, {{ feitcode }}, {{ grondslag }}, "
            "{{ datum }}, {{ kenmerk }}, {{ gemeente }} en {{ boa }}."
        ),
    )
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
