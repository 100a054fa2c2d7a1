"""Settings for the test suite: production settings with test-only conveniences."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="hh-test-media-")
LANGUAGE_CODE = "nl"

# Serve static files from the app folders; no collectstatic needed for tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Two-factor authentication is switched on with override_settings in its own tests
# (accounts/tests/test_two_factor.py, tests/browser/test_two_factor.py).
TWO_FACTOR_REQUIRED = False

# The session store saves on every request in tests, as Django's own does, so that query
# counts do not depend on how long ago the previous request of a test was; the once-a-minute
# refresh of production is tested with its own value (accounts/tests/test_session_store.py).
SESSION_EXPIRY_REFRESH_SECONDS = 0

# The API's rate limit counts in Redis across tests; it is tested with its own value
# (api/tests/test_tokens.py), the rest of the suite is not held up by it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "1000000/minute"}}  # noqa: F405
