"""{% offline_settings %}: what static/js/offline.js needs, translated, without inline script."""

from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def offline_strings() -> dict[str, str]:
    return {
        "saved": _("Opgeslagen op dit toestel, wordt verstuurd zodra er verbinding is."),
        "waitingOne": _("%(n)s wacht"),
        "waitingMany": _("%(n)s wachten"),
        "sentOne": _("%(n)s registratie van dit toestel is verstuurd:"),
        "sentMany": _("%(n)s registraties van dit toestel zijn verstuurd:"),
        "open": _("bekijken"),
        "sessionExpired": _(
            "Uw sessie is verlopen. De registraties op dit toestel blijven bewaard en worden "
            "verstuurd zodra u weer bent ingelogd."
        ),
        "loginAgain": _("Opnieuw inloggen"),
        "refusedSome": _("%(n)s registratie(s) zijn door de server geweigerd en wachten op u."),
        "toQueue": _("Naar de wachtrij"),
        "refused": _("De server heeft deze registratie niet opgeslagen."),
        "http404": _("Dit mag u niet (meer) registreren, of het record bestaat niet meer."),
        "http413": _("Deze registratie is te groot voor de server (foto's)."),
        "notSaved": _("Nog niet opgeslagen. Controleer de velden hieronder."),
        "tooLarge": _(
            "Foto %(name)s is %(mb)s MB; hoogstens %(max)s MB per foto. Kies een kleinere "
            "foto; de rest van het formulier is bewaard."
        ),
        "tooMany": _("U koos %(n)s foto's; hoogstens %(max)s."),
        "noSpace": _(
            "Er is niet genoeg ruimte op dit toestel om dit te bewaren. Het formulier is niet "
            "verstuurd en niet bewaard."
        ),
        "notStored": _("Dit toestel kon de registratie niet bewaren."),
        "violationOnIt": _("Overtreding vastleggen bij deze melding"),
        "endShift": _("Deze dienst beëindigen"),
        "another": _("Nog een registratie"),
        "home": _("Naar het beginscherm"),
        "recordedAt": _("Vastgelegd op %(at)s"),
        "pending": _("Wacht op verbinding"),
        "correct": _("Bekijken en verbeteren"),
        "remove": _("Verwijderen"),
        "removeConfirm": _("Deze registratie van dit toestel verwijderen? Ze is niet verstuurd."),
        "logoutWarnOne": _(
            "Er wacht nog %(n)s registratie op dit toestel die niet is verstuurd. Uitloggen "
            "wist deze van het toestel. Toch uitloggen?"
        ),
        "logoutWarnMany": _(
            "Er wachten nog %(n)s registraties op dit toestel die niet zijn verstuurd. "
            "Uitloggen wist deze van het toestel. Toch uitloggen?"
        ),
        "mapOffline": _("De kaart heeft een verbinding nodig."),
        "nearbyOffline": _(
            "Eerdere meldingen in de buurt opzoeken heeft een verbinding nodig; de melding "
            "zelf kunt u gewoon opslaan."
        ),
    }


@register.simple_tag
def offline_settings_json():
    return json_script(offline_strings(), "hh-offline-strings")


@register.simple_tag
def upload_max_bytes():
    return settings.UPLOAD_MAX_BYTES
