"""Settings for Handhaving OOV.

Every value is read from the environment, with a safe default for development.
docs/configuration.md lists each variable; keep the two in step.
"""

import datetime as dt
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from config import api_settings, beat, headers

BASE_DIR = Path(__file__).resolve().parent.parent


env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Django's technical 404/500 pages (URL list, traceback) instead of the application's
# own, for a developer; only with DEBUG on. See docs/configuration.md.
DEBUG_TECHNICAL_ERRORS = DEBUG and env.bool("DEBUG_TECHNICAL_ERRORS", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "dev-only-insecure-key-do-not-use-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "csp",
    "axes",
    # Two-factor authentication (accounts/two_factor.py): TOTP from an authenticator app and
    # single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "enforcement",
    "cases",
    "planning",
    "reports",
    "privacy",
    "integrations",
    "forecast",
    # The REST API and the Open311 intake for other systems (issue 17); nothing imports it.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Which reads of the request may go to the read replica (config.db_router).
    "config.db_router.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    # %00 and other control characters in a query string: a 400 before any query.
    "accounts.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.OfflineRefreshMiddleware",
    "accounts.middleware.AbsoluteSessionLifetimeMiddleware",
    # A person who may see personal data and has no second factor yet: enrolment, nothing else.
    "accounts.middleware.TwoFactorEnrolmentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    # A service's refusal that a view did not catch: 404, never 403 (accounts.access).
    "accounts.middleware.RefusalAsNotFoundMiddleware",
    "config.middleware.FriendlyErrorPagesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees whether the login view was refused for too many failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
            ],
            # {% submission_key %} in every create form (accounts.submissions).
            "builtins": ["accounts.templatetags.submissions"],
            # crispy's tags with its field and form filters built in Python.
            "libraries": {"crispy_fields": "config.crispy_fields"},
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/handhaving"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An unreachable database fails fast (health check, web requests) instead of hanging.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)
# A read replica for heavy reads (figures, dashboards, exports, report builds), routed by
# config.db_router: only those views and tasks, only before they write, only while the
# replica answers and lags at most DATABASE_REPLICA_MAX_LAG_SECONDS. In tests the replica
# mirrors the primary (the router tests point it at a real standby).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REPORTS_DATABASE = "replica" if "replica" in DATABASES else "default"
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=30.0)
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=5.0)
# URL names of the views whose reads may go to the replica (see config.db_router).
REPLICA_READ_VIEWS = {
    "reports:dashboard",
    "reports:portal_compare",
    "planning:programme_monitoring",
    "enforcement:incident_export",
    "cases:export",
    "accounts:access_log_export",
}
REPLICA_READ_TASKS = {"reports.tasks.build_report_task", "privacy.tasks.audit_build"}
# Writes that do not make a request read from the primary: rows it never reads back.
REPLICA_WRITES_NOT_READ_BACK = {"accounts.accesslogentry", "reports.reportbuild"}
# The role that owns the schema and runs migrations (accounts.dbroles); DATABASE_URL is then
# the runtime role, which cannot alter the access log. Empty: one role for both, as before.
DATABASE_OWNER_URL = env.str("DATABASE_OWNER_URL", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login throttling (django-axes, accounts/login_throttle.py): a username is locked after
# LOGIN_FAILURE_LIMIT failures, an address after LOGIN_FAILURE_LIMIT_PER_ADDRESS, each
# for LOGIN_LOCKOUT_MINUTES after the last failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=20)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_HANDLER = "accounts.login_throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.login_throttle.lockout_response"
AXES_ENABLE_ADMIN = False  # locks are lifted in the application's user management
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts go to the access log
# Two-factor authentication (accounts/two_factor.py): required for every role that may see
# personal data (accounts.roles.PERSONAL_DATA_CAPABILITIES) and for superusers; on unless
# DEBUG, so the demo logins of `make run` work with the password alone. A person with a
# confirmed device is always asked for a code, whatever this setting.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
# How long the code step waits after a correct password before it starts over.
TWO_FACTOR_LOGIN_TIMEOUT_SECONDS = env.int("TWO_FACTOR_LOGIN_TIMEOUT_SECONDS", default=300)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Handhaving OOV")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Session timeout: the session ends after this many seconds without activity.
SESSION_COOKIE_AGE = env.int("SESSION_TIMEOUT_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Database sessions that refresh the stored expiry at most once a minute (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute lifetime: a login ends this many seconds after it began, however active.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "config.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads: photos and documents up to 15 MB each; Django streams larger bodies to disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=15 * 1024 * 1024)
# Every uploaded image (accounts/images.py): refused above IMAGE_MAX_PIXELS as its header
# declares them (a decompression bomb), stored at most IMAGE_MAX_SIDE pixels on its longest side.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=50_000_000)
IMAGE_MAX_SIDE = env.int("IMAGE_MAX_SIDE", default=2560)

# Django's renderer with the common widgets built in Python (issue 14; config/form_renderer.py).
FORM_RENDERER = "config.form_renderer.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="handhaving@gemeente.example")
# Only used by the file-based backend (django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
# Absolute address of the application, for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Security: secure by default; plain HTTP only while debugging locally.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Celery: Redis as broker. Tasks receive ids and may run twice.
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# A broker outage must not hold up a request (docs/deploy.md, "Broker outage"). Nothing
# reads task results, so none are stored: the Redis result backend otherwise subscribes
# to each task's result before sending it and retries that 20 times a second apart
# (19 s per request with Redis down). Sending is bounded by short socket timeouts and
# one quick retry; what could not be sent stays in the outbox (accounts.queue).
CELERY_TASK_IGNORE_RESULT = True
BROKER_TIMEOUT_SECONDS = env.float("BROKER_TIMEOUT_SECONDS", default=1.0)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
    # Above the worker's 1 s BRPOP wait, so an idle worker is not cut off.
    "socket_timeout": max(BROKER_TIMEOUT_SECONDS, 2.0),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_TIMEOUT_SECONDS
CELERY_REDIS_SOCKET_TIMEOUT = max(BROKER_TIMEOUT_SECONDS, 2.0)
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1}}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic schedules, reviewed in code: config/beat.py.
CELERY_BEAT_SCHEDULE = beat.CELERY_BEAT_SCHEDULE

# Domain settings (retention and thresholds); see docs/configuration.md.
MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="Gemeente Voorbeeld")
# Bounding box of the municipality: (min_lat, min_lon, max_lat, max_lon).
MUNICIPALITY_BBOX = tuple(
    env.list("MUNICIPALITY_BBOX", cast=float, default=[52.30, 4.90, 52.42, 5.10])
)
MAP_TILE_URL = env.str(
    "MAP_TILE_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="Kaartgegevens &copy; Kadaster")
# Content-Security-Policy and Permissions-Policy: config/headers.py (docs/security.md).
CONTENT_SECURITY_POLICY = headers.content_security_policy(map_tile_url=MAP_TILE_URL)
PERMISSIONS_POLICY = headers.PERMISSIONS_POLICY
REPEAT_OFFENCE_WINDOW_DAYS = env.int("REPEAT_OFFENCE_WINDOW_DAYS", default=365)
WPG_BROWSE_LIMIT_DAYS = env.int("WPG_BROWSE_LIMIT_DAYS", default=365)
WPG_RETENTION_DAYS = env.int("WPG_RETENTION_DAYS", default=5 * 365)
# Retention term per kind of record (privacy.retention), each defaulting to WPG_RETENTION_DAYS.
WPG_RETENTION_DAYS_BY_KIND = {
    kind: env.int(f"WPG_RETENTION_DAYS_{kind.upper()}", default=WPG_RETENTION_DAYS)
    for kind in ("incident", "violation", "case", "patrol_log")
}
# The access log's own term (docs/privacy.md): six years by default; the database refuses
# to remove rows younger than five years (accounts migration 0007), so neither can this.
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=6 * 365)
if ACCESS_LOG_RETENTION_DAYS < 1826:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ACCESS_LOG_RETENTION_DAYS must be at least 1826 (five years).")
REPORT_SUPPRESSION_THRESHOLD = env.int("REPORT_SUPPRESSION_THRESHOLD", default=5)

# Offline registration (issue 15): how old a form stored on a boa's device may be
# when it reaches the server, and the optional online geocoder (PDOK Locatieserver).
OFFLINE_MAX_AGE_DAYS = env.int("OFFLINE_MAX_AGE_DAYS", default=3)
GEOCODER_URL = env.str("GEOCODER_URL", default="")

# The REST API (api/, docs/api.md): system tokens or the web session, one error shape in
# Dutch, cursor pagination, a rate limit per token counted in Redis (the "api" cache).
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="600/minute")
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
# Paths whose refusals by a middleware (a control character) are JSON, not a page.
JSON_ERROR_PATH_PREFIXES = ("/api/",)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "api",
        "OPTIONS": {"socket_connect_timeout": BROKER_TIMEOUT_SECONDS},
    },
}
REST_FRAMEWORK = api_settings.rest_framework(rate=API_RATE_LIMIT, page_size=API_PAGE_SIZE)
SPECTACULAR_SETTINGS = api_settings.SPECTACULAR_SETTINGS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- integrations: webhooks and the Signalen connector (docs/integrations.md) ---------------
WEBHOOK_ALLOW_LOOPBACK = env.bool("WEBHOOK_ALLOW_LOOPBACK", default=False)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
SIGNALEN_API_URL = env.str("SIGNALEN_API_URL", default="")
SIGNALEN_API_TOKEN = env.str("SIGNALEN_API_TOKEN", default="")
SIGNALEN_USERNAME = env.str("SIGNALEN_USERNAME", default="signalen")
SIGNALEN_TIMEOUT_SECONDS = env.float("SIGNALEN_TIMEOUT_SECONDS", default=10)
# Signalen sub-category slug -> our theme code, e.g. "parkeeroverlast=parkeren,...".
SIGNALEN_CATEGORY_THEMES: dict = env.dict("SIGNALEN_CATEGORY_THEMES", default={})
# Signalen states taken over: gemeld, in afwachting van behandeling.
SIGNALEN_STATUSES = env.list("SIGNALEN_STATUSES", default=["m", "i"])
