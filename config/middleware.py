"""Project middleware."""

import contextlib

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the switch (a cookie).

    Django's LocaleMiddleware would also follow the browser's Accept-Language;
    the product is Dutch first and only partly translated, so a browser set to
    English must not give a mixed-language screen nobody asked for.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = settings.LANGUAGE_CODE
        if chosen:
            with contextlib.suppress(LookupError):
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The account keeps the reader's language too, for what others' requests and the
        # background jobs write to them (notifications, e-mails). A write only on change.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_system_account:
            from accounts.services.language import user_language_remember

            user_language_remember(user=user, language=request.LANGUAGE_CODE)
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (settings.PERMISSIONS_POLICY) on every response.

    A feature listed with ``["self"]`` is allowed for this site only, ``[]`` for nobody.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class FriendlyErrorPagesMiddleware:
    """With DEBUG on (``make run``), users still get the application's own 404 and 500
    pages, each with a way back; Django's technical pages (the URL list, the traceback)
    only with ``DEBUG_TECHNICAL_ERRORS=1`` (docs/configuration.md). With DEBUG off
    Django serves these pages itself, and this middleware does nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.active = settings.DEBUG and not settings.DEBUG_TECHNICAL_ERRORS

    def __call__(self, request):
        response = self.get_response(request)
        # A URL that matches no route never reaches process_exception: its technical
        # 404 page is made by the handler. No resolver_match tells it apart.
        if self.active and response.status_code == 404 and not request.resolver_match:
            return self._not_found(request)
        return response

    def process_exception(self, request, exception):
        if not self.active:
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404):
            return self._not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # our 403 page, also under DEBUG
        import logging
        import sys

        from django.core.signals import got_request_exception
        from django.views import defaults

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=sys.exc_info()
        )
        got_request_exception.send(sender=None, request=request)
        return defaults.server_error(request)

    @staticmethod
    def _not_found(request, exception=None):
        from django.http import Http404
        from django.views import defaults

        return defaults.page_not_found(request, exception or Http404())
