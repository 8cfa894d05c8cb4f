"""beklijf settings: everything comes from the environment; the defaults run the demo.

Every variable is documented in docs/operations.md. There is no production.py: production differs only
through the environment (HackSoft: "nothing that's only included in production.py").
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from beklijf.config.env import env_bool, env_float, env_int, env_list, env_str
from beklijf.config.mail import mailers_from_url
from beklijf.ops.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("BEKLIJF_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random string, "
            "or set DEBUG=true for a local trial (`beklijf demo` does that for you)."
        )
    # A local trial: keep one random key under var/ so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
# Rotation: the previous key(s), comma-separated, still verify sessions and signed links and decrypt the
# stored integration secrets until `beklijf manage reencrypt_secrets` has moved them (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("BEKLIJF_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "axes",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "beklijf.people",
    "beklijf.catalog",
    "beklijf.practice",
    "beklijf.notify",
    "beklijf.coaching",
    "beklijf.needs",
    "beklijf.surveys",
    "beklijf.privacy",
    "beklijf.results",
    "beklijf.imports",
    "beklijf.demo",
    "beklijf.ops",
    "beklijf.integrations",
]

MIDDLEWARE = [
    "beklijf.ops.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "beklijf.people.middleware.ActorMiddleware",
    # Deactivated employees out, second factor for L&D admins (ASVS 7.4.2, 6.3.3).
    "beklijf.ops.middleware.SecurityGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "beklijf.people.middleware.NoStoreMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "beklijf.config.urls"
WSGI_APPLICATION = "beklijf.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beklijf.people.context_processors.actor",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite in WAL mode with IMMEDIATE transactions by default: a write takes the lock at BEGIN, so two
# writers queue on busy_timeout instead of failing with "database is locked" half-way through.
_SQLITE_PATH = VAR_DIR / "beklijf.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", "")
if not DATABASE_URL:
    # The embedded default: a fresh checkout has no var/ yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{_SQLITE_PATH}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if env_bool("BEKLIJF_SQLITE_CLOSE", False) else 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user+IP before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "beklijf.people.backends.EmployeeBackend",
    # Kept so sessions made before EmployeeBackend existed stay valid.
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (OIDC) per organisation: matches employees by e-mail, never creates accounts.
    "beklijf.integrations.sso.OrganizationOIDCBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "beklijf.ops.passwords.BreachedPasswordValidator"},
]
# Messages live in the session: no extra cookie to secure.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a user+IP pair after 5 failures for an hour; the same answer for unknown users.
AXES_FAILURE_LIMIT = env_int("BEKLIJF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLED = env_bool("BEKLIJF_AXES_ENABLED", True)
AXES_VERBOSE = False

SESSION_ENGINE = "beklijf.people.sessions"  # Django's database sessions, read with prepared SQL
SESSION_COOKIE_AGE = env_int("BEKLIJF_SESSION_MAX_AGE", 12 * 3600)  # absolute limit, seconds
SESSION_IDLE_TIMEOUT = env_int("BEKLIJF_SESSION_IDLE", 2 * 3600)  # idle limit, seconds
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

HTTPS = env_bool("BEKLIJF_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = HTTPS and env_bool("BEKLIJF_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEKLIJF_BEHIND_PROXY", False) else None
)
SECURE_HSTS_SECONDS = env_int("BEKLIJF_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("BEKLIJF_HSTS_PRELOAD", HTTPS)
# Load balancers probe health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# Second factor (TOTP) for L&D admins; re-authentication before exports and bulk actions.
BEKLIJF_2FA_FOR_LD_ADMINS = env_bool("BEKLIJF_2FA_FOR_LD_ADMINS", True)
OTP_TOTP_ISSUER = "beklijf"
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code, wait 1, 2, 4, ... seconds before the next try
BEKLIJF_REAUTH_MINUTES = env_int("BEKLIJF_REAUTH_MINUTES", 15)

# Anti-automation (ASVS 2.4.1): requests per person (or per address, for sign-in links) in a window, counted
# in the default cache (beklijf/ops/ratelimits.py). Far above what a person does; a script hits them.
BEKLIJF_RATE_ANSWERS = env_str("BEKLIJF_RATE_ANSWERS", "60/m")
BEKLIJF_RATE_MAGIC_LINKS = env_str("BEKLIJF_RATE_MAGIC_LINKS", "30/m")
BEKLIJF_RATE_EXPORTS = env_str("BEKLIJF_RATE_EXPORTS", "30/h")

# The cache counts those limits. The embedded default lives in each process (a limit then holds per
# gunicorn worker); BEKLIJF_CACHE_URL=redis://host:6379/0 shares it, as production should.
_CACHE_URL = env_str("BEKLIJF_CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "beklijf"}
}

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("BEKLIJF_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Mail -----------------------------------------------------------------------------------------
MAILERS = mailers_from_url(env_str("EMAIL_URL", "console://"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "beklijf <noreply@beklijf.example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------------------------
# The database backend needs no other service. Another Django Tasks backend (Celery, RQ, a cloud queue) is
# chosen by setting alone: its dotted path, its OPTIONS as JSON, the apps it needs, and the settings of its
# own that it reads (a broker, RQ_QUEUES) as JSON (docs/operations.md; tests/test_task_backends.py).
_TASK_JSON: dict[str, dict] = {}
for _name in ("BEKLIJF_TASK_OPTIONS", "BEKLIJF_TASK_SETTINGS"):
    try:
        _TASK_JSON[_name] = json.loads(env_str(_name, "").strip() or "{}")
    except ValueError as exc:
        raise ImproperlyConfigured(f"{_name} must be a JSON object: {exc}") from exc
    if not isinstance(_TASK_JSON[_name], dict):
        raise ImproperlyConfigured(f"{_name} must be a JSON object, not {type(_TASK_JSON[_name]).__name__}.")
TASKS = {
    "default": {
        "BACKEND": env_str("BEKLIJF_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "OPTIONS": _TASK_JSON["BEKLIJF_TASK_OPTIONS"],
    }
}
INSTALLED_APPS += env_list("BEKLIJF_EXTRA_APPS", [])
# Only a backend's own settings: this variable must not become a back door to SECRET_KEY or DATABASES.
_foreign = [
    n for n in _TASK_JSON["BEKLIJF_TASK_SETTINGS"] if n != "RQ" and not n.startswith(("CELERY_", "RQ_"))
]
if _foreign:
    raise ImproperlyConfigured(
        "BEKLIJF_TASK_SETTINGS may only set RQ and names starting with CELERY_ or RQ_, "
        f"not {', '.join(_foreign)}."
    )
globals().update(_TASK_JSON["BEKLIJF_TASK_SETTINGS"])

# --- beklijf's own --------------------------------------------------------------------------------
BEKLIJF_DEFAULT_TARGET_RETENTION = env_float("BEKLIJF_DEFAULT_TARGET_RETENTION", 0.90)
BEKLIJF_DEFAULT_DAILY_QUESTIONS = env_int("BEKLIJF_DEFAULT_DAILY_QUESTIONS", 5)
BEKLIJF_MAGIC_LINK_DAYS = env_int("BEKLIJF_MAGIC_LINK_DAYS", 7)
BEKLIJF_OUTBOX_STALE_SECONDS = env_int(
    "BEKLIJF_OUTBOX_STALE_SECONDS", 600
)  # a claim older than this: worker died
BEKLIJF_WEBHOOK_ALLOW_PRIVATE = env_bool(
    "BEKLIJF_WEBHOOK_ALLOW_PRIVATE", False
)  # tests and local trials only
# Retention per kind of data, in months (docs/privacy.md); an organisation may set its own in its settings.
BEKLIJF_RETENTION_REVIEWS_MONTHS = env_int("BEKLIJF_RETENTION_REVIEWS_MONTHS", 24)
BEKLIJF_RETENTION_SEGMENTS_MONTHS = env_int("BEKLIJF_RETENTION_SEGMENTS_MONTHS", 12)
BEKLIJF_RETENTION_BLOCKERS_MONTHS = env_int("BEKLIJF_RETENTION_BLOCKERS_MONTHS", 12)
BEKLIJF_RETENTION_AUDIT_MONTHS = env_int("BEKLIJF_RETENTION_AUDIT_MONTHS", 60)  # at least 12
BEKLIJF_PROVIDER_MIN_GROUP = 5  # never show a provider a group smaller than this (k-anonymity)
# The REST API (integrations/api): pages of at most this many objects; the schema says so too.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100
# xAPI: one learning record store for every organisation (an organisation may set its own on a screen).
BEKLIJF_XAPI_LRS_URL = env_str("BEKLIJF_XAPI_LRS_URL", "")
BEKLIJF_XAPI_LRS_USERNAME = env_str("BEKLIJF_XAPI_LRS_USERNAME", "")
BEKLIJF_XAPI_LRS_PASSWORD = env_str("BEKLIJF_XAPI_LRS_PASSWORD", "")
BEKLIJF_XAPI_ALLOW_PRIVATE = env_bool("BEKLIJF_XAPI_ALLOW_PRIVATE", False)  # per-organisation LRS on http/LAN
BEKLIJF_XAPI_BACKFILL_DAYS = env_int("BEKLIJF_XAPI_BACKFILL_DAYS", 30)
# Single sign-on (mozilla-django-oidc): the provider comes per organisation (integrations/sso.py).
OIDC_AUTHENTICATION_CALLBACK_URL = "integrations:sso-callback"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/integrations/sso/refused/"

# Readiness (/health/ready): a worker heartbeat newer than this many seconds, unless no worker is needed
# (another task backend with its own monitoring).
BEKLIJF_READY_NEEDS_WORKER = env_bool("BEKLIJF_READY_NEEDS_WORKER", True)
BEKLIJF_HEARTBEAT_MAX_AGE = env_int("BEKLIJF_HEARTBEAT_MAX_AGE", 120)

# Logs to standard error, as text or as JSON lines (BEKLIJF_LOG_FORMAT=json), each with its request id.
LOGGING = logging_config(
    fmt=env_str("BEKLIJF_LOG_FORMAT", "text"), level=env_str("BEKLIJF_LOG_LEVEL", "INFO")
)
