"""Newsroom settings: one file, read from environment variables.

Development defaults are safe (SQLite in the project, a file cache every
process shares); with
DJANGO_DEBUG off, a missing DJANGO_SECRET_KEY is a hard failure rather than a
silently insecure site.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for development, export DJANGO_DEBUG=1)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute base used in exports and feeds when set (e.g. https://news.example.org).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_tasks",
    "newsroom.tasks_app.TasksConfig",  # django_tasks_db, its name translated
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "photos",
    "articles",
    "people",
    # Project-wide wiring (the page cache's signals), once both apps exist.
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a request body: one over MAX_REQUEST_BYTES is
    # refused unread.
    "newsroom.limits.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page for an anonymous reader costs
    # one cache round trip and none of the layers below.
    "newsroom.caching.PageCacheMiddleware",
    # After the page cache: while the database is not answering, what needs
    # it gets a 503 at once instead of waiting.
    "newsroom.dbguard.DatabaseDownMiddleware",
    # An anonymous reader's page may read from a replica (if any).
    "newsroom.replicas.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# A database that does not answer must not hang the site (newsroom.dbguard).
# Serving the web (newsroom/wsgi.py sets NEWSROOM_SERVING), PostgreSQL gets
# a server-side statement timeout and every query a client-side deadline;
# commands and migrations run without either. Seconds; 0 turns one off.
SERVING = env_bool("NEWSROOM_SERVING")
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "2"))
DB_STATEMENT_TIMEOUT = float(
    os.environ.get("DB_STATEMENT_TIMEOUT", "4" if SERVING else "0")
)
DB_QUERY_TIMEOUT = float(os.environ.get("DB_QUERY_TIMEOUT", "5" if SERVING else "0"))
# A query still waiting after this makes the site check that the server
# answers at all; no answer within the same time means it is down.
DB_PROBE_AFTER = float(os.environ.get("DB_PROBE_AFTER", "0.3"))
# How long that check waits for the server's first answer. A live server
# answers in microseconds, but on a machine loaded to its limit (seen: two
# cores under 64 connections) it took over 0.3 s, and a busy site was taken
# as down.
DB_PROBE_TIMEOUT = float(os.environ.get("DB_PROBE_TIMEOUT", "0.6"))
# While the database is taken as down (requests needing it get a 503 at
# once), how often the server is asked again whether it answers.
DB_RETRY_SECONDS = float(os.environ.get("DB_RETRY_SECONDS", "1"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "newsroom.db.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    if DB_STATEMENT_TIMEOUT > 0:
        ms = int(DB_STATEMENT_TIMEOUT * 1000)
        options["options"] = f"-c statement_timeout={ms}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins and wait for it
    # (up to 20 s): two imports at once queue instead of failing with
    # "database is locked" when both read before writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )

# Read replicas (newsroom.replicas): anonymous readers' pages read from
# them; the admin, every write and every logged-in user use the primary. A
# replica behind by more than DATABASE_REPLICA_MAX_LAG seconds, or not
# answering, is left aside (checked at most every
# DATABASE_REPLICA_CHECK_SECONDS per process) and reads go to the primary.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
DATABASE_REPLICA_CHECK_SECONDS = float(
    os.environ.get("DATABASE_REPLICA_CHECK_SECONDS", "2")
)
for n, url in enumerate(DATABASE_REPLICA_URLS):
    replica = dj_database_url.parse(
        url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    replica["ENGINE"] = DATABASES["default"]["ENGINE"]
    replica["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    # Tests read the primary through it (what the replica would hold).
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{n}"] = replica
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"] if DATABASE_REPLICA_URLS else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Photos and their renditions: local files served by the app under MEDIA_URL
# by default; any django-storages backend in STORAGES["default"] (README).
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", default=MEDIA_URL.startswith("/"))
# More pixels is refused on the header (a decompression bomb); wire photos
# are fetched within these bounds.
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 50_000_000))
PHOTO_FETCH_MAX_BYTES = int(os.environ.get("PHOTO_FETCH_MAX_BYTES", 15 * 2**20))
PHOTO_FETCH_TIMEOUT = float(os.environ.get("PHOTO_FETCH_TIMEOUT", "10"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# A shared Redis when REDIS_URL is set (several app servers share pages and
# the invalidation counter). Without it, files in CACHE_DIR: every process
# of this machine (gunicorn's workers) shares them, so an unpublished article
# is gone for all of them at once. A per-process memory cache would keep
# serving it from the other workers for the cache's whole lifetime.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = os.environ.get(
    "CACHE_DIR",
    os.path.join(
        tempfile.gettempdir(),
        "newsroom-cache-" + hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12],
    ),
)
CACHES = {
    "default": (
        {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering is an outage of the cache only:
            # pages are then rendered (newsroom.caching), never waited for.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "newsroom.cache.FileCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Seconds a page is kept cached (a change to what it shows makes it stale).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "86400"))
# How long a preview link to a draft opens without logging in.
PREVIEW_LINK_HOURS = float(os.environ.get("PREVIEW_LINK_HOURS", "48"))
# A page whose content changed may be served, for at most this long after
# the change, while it is rendered again (never longer): in a thread of the
# process's own (newsroom.rerender), or in the request that found it stale.
PAGE_STALE_SECONDS = float(os.environ.get("PAGE_STALE_SECONDS", "5"))
PAGE_RERENDER_IN_BACKGROUND = env_bool("PAGE_RERENDER_IN_BACKGROUND", True)
# Concurrent requests for a page being rendered wait this long for that
# render before rendering it themselves (and a render lock lasts this long).
PAGE_RENDER_WAIT_SECONDS = float(os.environ.get("PAGE_RENDER_WAIT_SECONDS", "5"))
# Campaign and click identifiers of shared links: no page reads them, so they
# are dropped before the cache key is made (fbclid alone, unique per click,
# would make every visitor from Facebook a miss). "x*" is a prefix.
PAGE_CACHE_IGNORED_PARAMS = tuple(
    "utm_* fbclid gclid dclid gbraid wbraid msclkid twclid igshid yclid mc_cid "
    "mc_eid _ga".split()
)
# The query parameters public pages read (filters, search, pagination, the
# people index's letter, sitemap pages): only these make a page's cache key,
# so random ones (?r=123) cannot fill the cache or bypass it.
PAGE_CACHE_PARAMS = "q topic person source language date_from date_to page letter p"
PAGE_CACHE_PARAMS = tuple(PAGE_CACHE_PARAMS.split())
# The public read API (newsroom.api): anonymous, read-only, JSON only.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Public data only: no session is read (no CSRF, every answer cacheable).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["newsroom.api_base.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "DEFAULT_PAGINATION_CLASS": "newsroom.api_base.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,  # one representation per URL (cache keys)
}
SPECTACULAR_SETTINGS = {"TITLE": "Newsroom API", "VERSION": "1"}
SPECTACULAR_SETTINGS |= {"SERVE_INCLUDE_SCHEMA": False, "SERVE_AUTHENTICATION": []}

# Bounds on input, so one file or request cannot take a worker's memory:
# a file to import (command or admin upload), any request body, the items one
# file may hold, an article's body, and the mentions linking stores for one
# article.
IMPORT_MAX_FILE_BYTES = int(os.environ.get("IMPORT_MAX_FILE_BYTES", 20 * 2**20))
MAX_REQUEST_BYTES = int(
    os.environ.get("MAX_REQUEST_BYTES", IMPORT_MAX_FILE_BYTES + 2**20)
)
IMPORT_MAX_ITEMS_PER_FILE = int(os.environ.get("IMPORT_MAX_ITEMS_PER_FILE", "5000"))
ARTICLE_MAX_BODY_CHARS = int(os.environ.get("ARTICLE_MAX_BODY_CHARS", "200000"))
MAX_MENTIONS_PER_ARTICLE = int(os.environ.get("MAX_MENTIONS_PER_ARTICLE", "2000"))
# Wikidata labels, descriptions and aliases: the first of these languages
# that an entity has names the person (import_people --wikidata).
WIKIDATA_LANGUAGES = os.environ.get("WIKIDATA_LANGUAGES", "fr,en")
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))
# List counts, kept per content generation (so never stale).
COUNT_CACHE_SECONDS = int(os.environ.get("COUNT_CACHE_SECONDS", "3600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task run is noise; failures are still logged.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy on every page, admin included, with no inline
# script or style: templates carry none (JSON-LD is data, not script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Photos may live on a storage bucket or CDN (MEDIA_URL).
        "img-src": [SELF, "data:"]
        + ([MEDIA_URL.split("/", 3)[2]] if "://" in MEDIA_URL else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The admin lives where DJANGO_ADMIN_URL says (not guessable in production).
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Log-in throttling: after AXES_FAILURE_LIMIT failures for one user from one
# address, that pair is locked out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a proxy, read the client address from this header (comma-separated
# list of META keys, first found wins).
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("AXES_CLIENT_IP_HEADERS", "REMOTE_ADDR")

# Name linking: the spaCy model finds people the directory does not know yet.
NEWSROOM_NER = env_bool("NEWSROOM_NER", default=True)

# Background work (relinking when the directory changes). "immediate" runs
# tasks in the request, right after commit; "database" queues them for
# `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

ARTICLES_PER_PAGE = 20  # public list pages
# Search ranks the most recent matches, at most this many.
SEARCH_CANDIDATES = int(os.environ.get("SEARCH_CANDIDATES", "1000"))
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
