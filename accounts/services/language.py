"""The language a user reads: what notifications and e-mails to them are written in.

The switch sets a cookie for the browser; the user's choice is also kept on the account
(``User.language``), because a notification or e-mail is written by another person's
request or by a background job, in whatever language that one happens to use.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.utils import translation

from accounts.models import User


def language_of(user: User) -> str:
    """The user's chosen language, or the default (Dutch) when none or an unknown one."""
    if user.language:
        with contextlib.suppress(LookupError):
            return translation.get_supported_language_variant(user.language)
    return settings.LANGUAGE_CODE


@contextlib.contextmanager
def in_language_of(user: User) -> Iterator[None]:
    """gettext inside this block speaks the user's language."""
    with translation.override(language_of(user)):
        yield


def user_language_remember(*, user: User, language: str) -> bool:
    """Keep the language the user reads in; True when it changed (one UPDATE)."""
    if language_of(user) == language:
        return False
    user.language = language
    User.objects.filter(pk=user.pk).update(language=language)
    return True
