"""Settings for newsroom: one module, driven by environment variables.

Development defaults are safe: DEBUG on (for manage.py; an application
server such as gunicorn starts with DEBUG off unless told: newsroom/wsgi.py),
SQLite next to the code, a secret key made for this checkout. With
DJANGO_DEBUG off, DJANGO_SECRET_KEY must be set or start-up stops.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.env import (
    development_secret_key,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_redis_url,
    env_str,
)
from newsroom.proxies import trusted_networks

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the newsroom "
            "refuses to start without a secret key: set DJANGO_SECRET_KEY to a "
            "long random string (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    # Development only (DEBUG on): a key made at random for this checkout,
    # never one the repository holds (a demo served to other machines,
    # `make run HOST=0.0.0.0:8000`, would have signed with a public key).
    SECRET_KEY = development_secret_key(BASE_DIR / ".secret-key-development")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "newsroom.tags.TagsConfig",  # django-taggit, named "Tags" in the admin
    "reversion",
    "django_ratelimit",
    "django_countries",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "newsroom.media",
    "agencies",
    "articles",
    "newsroom",
]

# Order matters: the request id early, so every log line of a request has it;
# /healthz before anything that reads the Host header; axes last, as its
# documentation asks.
MIDDLEWARE = [
    # Text answers gzipped for clients that take it (newsroom/middleware.py):
    # outside the page cache, which stores pages as they are and keeps a
    # compressed copy beside each.
    "newsroom.middleware.TextGZipMiddleware",
    # Anonymous readers' pages from the cache (newsroom/pagecache/): next, so
    # that a stored page keeps every header the stack below sets (the WSGI
    # application answers stored pages before Django: newsroom/wsgi.py). It
    # stores only answers that passed every check below (host, HTTPS, CSRF).
    "newsroom.pagecache.middleware.PageCacheMiddleware",
    "newsroom.middleware.RequestIdMiddleware",
    # Behind a proxy, REMOTE_ADDR becomes the reader's (X-Forwarded-For, read
    # from the right: newsroom/proxies.py) before anything below reads it.
    "newsroom.middleware.ClientAddressMiddleware",
    "newsroom.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside CommonMiddleware, whose host check answers a Host the site
    # does not serve (400): that page had no X-Frame-Options (a tester's).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Each address answers its methods (GET, HEAD; POST where a form is sent),
    # OPTIONS says which, any other method is 405: before CSRF and the view.
    "newsroom.middleware.MethodMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of public pages from their address only (newsroom/editions.py).
    "newsroom.editions.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A reader's session ends once their comments waiting for a moderator are
    # decided, and their pages are shared again (articles/reader_state.py).
    "articles.reader_state.ReaderSessionMiddleware",
    # After every middleware that sets headers, before anything reads the form.
    # A body over its limit is refused unread (413): after the user is known.
    "newsroom.middleware.BodyLimitMiddleware",
    "newsroom.middleware.UnreadableQueryMiddleware",
    "newsroom.middleware.FormCharsetMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first to see a view's database error (answers 503).
    "newsroom.middleware_db.DatabaseUnavailableMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 sends the parameters apart from the query, and a query run a
    # sixth time on a connection (kept open: DJANGO_DB_CONN_MAX_AGE) is kept
    # prepared with its plan: an article's query took longer to plan than to
    # run. Off (false) behind a pooler that cannot keep prepared statements
    # (PgBouncer in transaction mode before 1.21).
    if env_bool("DJANGO_DB_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that starts by reading
    # and then writes (saving a comment checks the story first) could not
    # take the write lock while another such transaction held the read
    # lock, and SQLite failed it at once ("database is locked": two readers
    # commenting together, one got the 503 page). IMMEDIATE takes the write
    # lock when the transaction begins, so the second waits its turn, up to
    # `timeout` seconds (under gunicorn's 30-second request timeout).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes first: it refuses a locked-out user name and address before the
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin log-in throttling (django-axes): five wrong passwords for one user name
# from one address lock that pair out for 15 minutes; other users and other
# addresses are unaffected. Attempts are kept in the database, shared by every
# app server.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Lift a lock early with `manage.py axes_reset_username <name>`; no admin pages.
AXES_ENABLE_ADMIN = False
# Where logging in leads when its `next` is refused (another site's
# address, from a crafted link): the desk, not Django's /accounts/profile/,
# which is no page here.
LOGIN_REDIRECT_URL = "admin:index"

_PASSWORD_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_VALIDATION}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]  # dates as a newsroom writes them
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Served at the site's root by WhiteNoise: the addresses browsers, feed readers
# and phones ask for without reading a page (/favicon.ico,
# /apple-touch-icon.png). Pages link the same files by their static address.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Uploaded media: on disk under MEDIA_ROOT, or in S3-compatible object storage
# (django-storages) when NEWSROOM_S3_BUCKET is set. Its credentials are read by
# boto3 from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables
# (or the machine's role), never from this file.
S3_BUCKET = env_str("NEWSROOM_S3_BUCKET")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_BUCKET,
                "endpoint_url": env_str("NEWSROOM_S3_ENDPOINT_URL") or None,
                "region_name": env_str("NEWSROOM_S3_REGION") or None,
                "custom_domain": env_str("NEWSROOM_S3_CUSTOM_DOMAIN") or None,
                # Files are public by address (renditions, originals without
                # metadata); names are random and never overwritten.
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
            },
        }
        if S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

# Media library (newsroom/media): renditions of an image of at most this many
# pixels are made in the upload request (under a second here, see README,
# Media library); larger ones by a background task.
MEDIA_INLINE_MAX_PIXELS = env_int("NEWSROOM_MEDIA_INLINE_MAX_PIXELS", 4_000_000)

# Background tasks (django-tasks): run at once, in the process that asks, by
# default and in `make run`; with NEWSROOM_TASKS=database they are queued in
# the database and run by `manage.py db_worker` (see README, Deployment).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_str("NEWSROOM_TASKS") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# E-mail (the desk's notifications, articles/notifications.py): printed on the
# console in development; with debug off sent by SMTP, configured by the
# environment (nothing secret here). DJANGO_EMAIL_BACKEND overrides either.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# A mail server that does not answer must not hold a task (or, with tasks run
# at once, an editor's request) for long.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in e-mails are absolute: the site's address as readers and staff reach
# it (mail is written outside any request). Set it in production.
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "http://localhost:8000").rstrip("/")

# Uploads: images are checked by Pillow; keep request bodies bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE wait in unnamed temporary files
# (newsroom/media/uploads.py): a worker killed mid-request leaves nothing in /tmp.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "newsroom.media.uploads.UnnamedTemporaryFileUploadHandler",
]
# A request body over these is refused with 413 before it is read
# (newsroom.middleware.BodyLimitMiddleware): Django's limits above leave files
# out. Anyone's, anywhere (a comment of 5,000 characters sends at most 60 KB):
# kept in memory, never spooled to disk. Signed-in staff on the desk's
# addresses, which take an image of up to 64 MB (media.validation.MAX_BYTES:
# a 64 MP phone photo) and Word documents of 20 MB each, several at once. The
# proxy in front needs a limit of its own (README, Deployment).
NEWSROOM_BODY_LIMIT = 1024 * 1024
NEWSROOM_DESK_BODY_LIMIT = 100 * 1024 * 1024

# Cache: Redis when REDIS_URL is set (shared by every app server, so rate
# limits hold across processes), otherwise this process's memory. An address
# without its scheme (127.0.0.1:6379) stops start-up: Redis would refuse it
# only at the first request, and /healthz alone would tell.
REDIS_URL = env_redis_url("REDIS_URL")
CACHES = {
    "default": (
        {
            # Django's RedisCache, keeping its client, and reading a stored
            # page with the check that it is fresh in one round trip
            # (newsroom/redis_cache.py).
            "BACKEND": "newsroom.redis_cache.FreshRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A Redis that does not answer must not hang pages or /healthz.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The page cache (newsroom/pagecache/, README: Performance): anonymous
# readers' public pages, shared through the cache above, never stale (every
# write bumps what it changes). Off: NEWSROOM_PAGE_CACHE=false. Without Redis
# each process keeps its own, right for `make run`'s single process only.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
# A stored page's longest life (a backstop: changes make it stale at once).
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
# For a CDN in front: how long it may keep a shared page (s-maxage) and serve
# it stale while it asks again; wire the purge hook before raising the first.
NEWSROOM_CDN_MAX_AGE = env_int("NEWSROOM_CDN_MAX_AGE", 60)
NEWSROOM_CDN_STALE_SECONDS = env_int("NEWSROOM_CDN_STALE_SECONDS", 30)
NEWSROOM_CDN_PURGE_URL = env_str("NEWSROOM_CDN_PURGE_URL")
NEWSROOM_CDN_PURGE_TOKEN = env_str("NEWSROOM_CDN_PURGE_TOKEN")
# A reader's comment from a shared page without its token (no scripts) comes
# back filled in instead of Django's bare 403.
CSRF_FAILURE_VIEW = "newsroom.pagecache.views.csrf_failure"

# django_ratelimit lists only third-party Redis backends as supported (W001);
# Django's own RedisCache increments atomically just as well.
# Without Redis the rate limits hold per process: right for `make run`'s single
# development server. With debug off that check stays loud: production runs
# several processes and needs REDIS_URL, so `check --deploy` (and `migrate`)
# stop with django_ratelimit.E003 until it is set (see README, Deployment),
# and with newsroom.E001 (newsroom/checks.py), which names REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    ["django_ratelimit.E003"] if DEBUG and not REDIS_URL else []
)

TAGGIT_CASE_INSENSITIVE = True

# Reader comments: moderation policy and limits. The policy is one of
# articles.models.CommentPolicy's values (settings cannot import models; a
# test keeps the two lists equal): anything else stops start-up, where it
# failed every new article's save in the admin.
COMMENTS_POLICIES = ("pre", "post", "closed")
COMMENTS_DEFAULT_POLICY = env_choice(
    "NEWSROOM_COMMENTS_POLICY", "pre", COMMENTS_POLICIES
)
COMMENTS_CLOSE_AFTER_DAYS = 14
COMMENTS_MAX_DEPTH = 2  # replies to replies, no deeper
COMMENTS_PER_PAGE = 20  # top-level comments per page
COMMENTS_MAX_LENGTH = 5000
COMMENTS_FLAG_THRESHOLD = 3  # reporters on distinct networks or accounts: hidden
COMMENTS_MIN_FORM_SECONDS = 3  # sent faster than this after display: queued
COMMENTS_MAX_FORM_SECONDS = 2 * 60 * 60  # form older than this: queued
COMMENTS_MAX_LINKS = 2  # more links than this: queued
COMMENTS_DUPLICATE_SECONDS = 6 * 60  # same text, same email and network: rejected
COMMENTS_CHECK_TIMEOUT_SECONDS = 2.0  # a slower check queues the comment
READER_RATES = {  # django-ratelimit rates; a missing scope has no limit
    "comment": ["1/30s", "5/10m"],  # per reader: IP network and email together
    # Many readers share one network (carrier NAT): a looser ceiling per
    # network, and per email, that still stops a flood.
    "comment_ceiling": ["6/m", "30/10m"],
    "flag": ["3/m"],  # per IP network and per reader
    # Searches, per reader's address (ratelimits.reader_address): a search is
    # the one public page not stored, and costs tens of milliseconds.
    "search": ["60/m", "600/h"],
    # Comment forms sent back and kept for their readers, per IP network
    # (articles/views/comments.py): past it the form comes back as the
    # POST's answer, so that refused posts cannot fill the cache. Loose, as
    # the comment ceiling: a carrier's NAT puts many readers on one network,
    # and a form kept is at most a comment's 5,000 characters for an hour.
    "comment_sent_back": ["120/10m"],
}

NEWSROOM_NAME = env_str("NEWSROOM_NAME", "Newsroom")
# The name Google News knows the publication by (news sitemap), if it differs.
NEWSROOM_PUBLICATION_NAME = env_str("NEWSROOM_PUBLICATION_NAME", NEWSROOM_NAME)
ARTICLES_PER_PAGE = 12
# How long a signed preview link to an unpublished article works, in seconds.
PREVIEW_LINK_MAX_AGE = env_int("NEWSROOM_PREVIEW_LINK_MAX_AGE", 3 * 24 * 60 * 60)

# HTTPS and browser protections. With debug off every one is on unless the
# environment says otherwise; `manage.py check --deploy` then reports nothing.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe health over plain HTTP and by IP address: /healthz is
# answered before SecurityMiddleware (newsroom.middleware.HealthCheckMiddleware),
# never redirected; this exemption keeps it so if the middleware order changes.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a load balancer or proxy that ends TLS (DJANGO_BEHIND_PROXY=true),
# gunicorn believes its X-Forwarded-Proto, only from the addresses in
# FORWARDED_ALLOW_IPS, and hands Django the scheme as wsgi.url_scheme (see
# gunicorn.conf.py). Django never reads the header itself: it cannot tell the
# proxy from anyone else who reaches the app server directly.
SECURE_PROXY_SSL_HEADER = None
# The same proxies' X-Forwarded-For names the reader: ClientAddressMiddleware
# (newsroom/proxies.py) makes it REMOTE_ADDR, which rate limits, comment bans
# and log-in throttling read. Empty when not behind a proxy: nobody's header is
# believed.
NEWSROOM_TRUSTED_PROXIES = (
    env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
    if env_bool("DJANGO_BEHIND_PROXY", False)
    else []
)
# One that is not an address or network stops start-up, with a clear message.
trusted_networks(NEWSROOM_TRUSTED_PROXIES)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles and everything else
# from this site only; no inline script or style anywhere (tests scan the
# templates). JSON-LD blocks are data, never executed, so they are not
# affected. Media on another host (object storage) goes in DJANGO_CSP_IMG_SRC.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("DJANGO_CSP_IMG_SRC", "")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs: one JSON object a line in production (DJANGO_LOG_FORMAT=json, the
# default with debug off), readable lines in development. Every record carries
# the request id; passwords, session ids and email addresses are masked in
# every field (message, request, extras, exception text) by the formatters.
# Django's own handlers for the "django" and "django.server" loggers (which
# print unmasked) are replaced: their records go through this handler too.
# gunicorn's access log is masked in gunicorn.conf.py.
LOG_FORMAT = env_choice(
    "DJANGO_LOG_FORMAT", "plain" if DEBUG else "json", ("json", "plain")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsroom.logging.RequestIdFilter"},
        "redact": {"()": "newsroom.logging.RedactFilter"},
        "refused_request": {"()": "newsroom.logging.RefusedRequestFilter"},
    },
    "formatters": {
        "json": {"()": "newsroom.logging.JsonFormatter"},
        "plain": {
            "()": "newsroom.logging.PlainFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "redact"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_str("DJANGO_LOG_LEVEL", "WARNING" if DEBUG else "INFO"),
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # runserver's request lines (`make run`).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Requests refused with a 4xx: for what the client sent (scanners
        # trying hosts, oversized bodies), or an ordinary 403, 404 or 405: a
        # WARNING line each, not a record with a stack. 5xx keep theirs.
        "django.request": {"filters": ["refused_request"]},
        "django.security.DisallowedHost": {"filters": ["refused_request"]},
        "django.security.RequestDataTooBig": {"filters": ["refused_request"]},
        "django.security.TooManyFieldsSent": {"filters": ["refused_request"]},
        "django.security.TooManyFilesSent": {"filters": ["refused_request"]},
    },
}
