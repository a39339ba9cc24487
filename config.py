"""Settings, read from the environment. Production refuses to start with unsafe values."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_SECRET_KEY_LENGTH = 32


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Config:
    """Development defaults: a SQLite file under instance/, a throwaway secret key."""

    ENV_NAME = "development"
    DEBUG = False
    TESTING = False
    # A fresh key per start in development only; production must set SECRET_KEY (see below).
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'survey.db'}"
    )
    # No pool_pre_ping: survey_app/connection_checks.py pings each checkout itself, except for a
    # pupil's insert, which retries on a fresh connection instead (ADR 0042).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    QUESTIONNAIRE_DIR = Path(os.environ.get("QUESTIONNAIRE_DIR", ROOT / "questionnaires"))
    EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", ROOT / "exports"))
    # Safeguarding term lists, one <language>.yaml each (docs/safeguarding.md).
    SAFEGUARDING_TERMS_DIR = Path(
        os.environ.get("SAFEGUARDING_TERMS_DIR", ROOT / "survey_app" / "safeguarding" / "terms")
    )
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # Flask-Mail's settings, for `flask safeguarding digest`; without MAIL_SERVER no mail is sent.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "")
    # Disclosure control: groups with fewer respondents than this are never shown.
    MIN_BASE = _env_int("MIN_BASE", 10)
    # The first day of the school year (MM-DD), for results by academic year and term.
    ACADEMIC_YEAR_START = os.environ.get("ACADEMIC_YEAR_START", "09-01")
    # Staff forms' CSRF tokens (Flask-WTF).
    WTF_CSRF_TIME_LIMIT = _env_int("WTF_CSRF_TIME_LIMIT", 12 * 3600)
    # Flask-WTF would otherwise translate WTForms' own messages through Flask-Babel, loading a
    # catalogue on every pupil POST; our forms word their own messages (survey_app/i18n.py).
    WTF_I18N_ENABLED = False
    # A pupil's form may sit open for hours on a tablet: its token (respond/form_token.py) must
    # outlive that. Read here only.
    FORM_TOKEN_MAX_AGE = _env_int("FORM_TOKEN_MAX_AGE", 12 * 3600)
    # Answers completed on a tablet while its phase was open may arrive this much later, even
    # after the phase closed (offline answering, docs/decisions/0028). Seconds; read in
    # web/respond.py only. Seven days: Safari may clear a site's script storage after that.
    LATE_ANSWER_GRACE = _env_int("LATE_ANSWER_GRACE", 7 * 24 * 3600)
    # How stale a worker's copy of a link may be (docs/decisions/0006): a phase closed in one
    # worker is closed in every worker within this many seconds.
    LINK_CACHE_SECONDS = _env_int("LINK_CACHE_SECONDS", 2)
    # The notice before question 1 (respond/notice.py): who is asking, and a link to the
    # council's privacy notice (none when unset).
    COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "").strip()
    # The council's logo on the Board report's cover (reports/logo.py): a path to a PNG or JPEG
    # file; unset, the cover has the name alone. Checked when a report is made.
    COUNCIL_LOGO = os.environ.get("COUNCIL_LOGO", "").strip()
    PRIVACY_NOTICE_URL = os.environ.get("PRIVACY_NOTICE_URL", "").strip()
    # Where to report an accessibility problem (an e-mail address), on /accessibility.
    ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "").strip()
    # Phase opening and closing times typed without an offset are local time here.
    TIMEZONE = os.environ.get("TIMEZONE", "Europe/London")
    # Shared state between instances (docs/deployment.md); unset means one instance, in memory.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # How long /readyz waits for the database and Redis before calling them down.
    HEALTH_TIMEOUT_SECONDS = float(os.environ.get("HEALTH_TIMEOUT_SECONDS", 1))
    # How many proxies (nginx: 1) stand in front: their X-Forwarded-* headers are trusted, no
    # more. 0 trusts none, so a client cannot forge its address or scheme.
    PROXY_COUNT = _env_int("PROXY_COUNT", 0)
    # Strict-Transport-Security max-age; 0 sends none (development serves plain HTTP).
    HSTS_SECONDS = _env_int("HSTS_SECONDS", 0)
    # Sign-in (docs/security.md): failures allowed per account and per address in a window.
    SIGNIN_MAX_FAILURES = _env_int("SIGNIN_MAX_FAILURES", 10)
    SIGNIN_WINDOW_MINUTES = _env_int("SIGNIN_WINDOW_MINUTES", 15)
    # A staff session ends after this long without a request, and this long after sign-in.
    SESSION_IDLE_SECONDS = _env_int("SESSION_IDLE_SECONDS", 30 * 60)
    SESSION_ABSOLUTE_SECONDS = _env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
    # REQUIRE_MFA=1: admins must sign in with a code from an authenticator app too (TOTP).
    REQUIRE_MFA = os.environ.get("REQUIRE_MFA", "0").lower() in ("1", "true", "yes")
    # How long an invitation or password reset link works (it works once).
    RESET_LINK_MAX_AGE = _env_int("RESET_LINK_MAX_AGE", 24 * 3600)
    # Pupil abuse limits (respond/abuse_limits.py), in Flask-Limiter's notation. Only stored
    # answers count; a class behind one address is never limited as one.
    PUPIL_LINK_LIMIT = os.environ.get("PUPIL_LINK_LIMIT", "300 per 10 minutes")
    PUPIL_DEVICE_LIMIT = os.environ.get("PUPIL_DEVICE_LIMIT", "20 per 10 minutes")
    GO_ADDRESS_LIMIT = os.environ.get("GO_ADDRESS_LIMIT", "120 per minute; 600 per hour")
    # Calls to the read-only API per token (per address for calls without a good token); a
    # Power BI refresh pages through a few dozen (docs/api.md).
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute; 2000 per hour")
    # Flask-Limiter's own switch: RATELIMIT_ENABLED=0 turns every limit off (load tests only).
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1").lower() not in ("0", "false", "no")
    RATELIMIT_KEY_PREFIX = "cohesion"
    # No in-memory fallback: after an outage it keeps each instance counting alone for minutes
    # (its re-check backs off), doubling an attacker's tries. While Redis is away the limiter's
    # errors are swallowed and sign-in itself fails closed (web/auth.py); counts go back to
    # Redis the moment it answers.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = False
    RATELIMIT_SWALLOW_ERRORS = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    # Retention (survey_app/responses/retention.py, `flask data purge`), in days: responses after
    # their session's date (a questionnaire's `retention_days` overrides it), download records,
    # and every other audit entry.
    RETENTION_DAYS = _env_int("RETENTION_DAYS", 730)
    DOWNLOAD_LOG_RETENTION_DAYS = _env_int("DOWNLOAD_LOG_RETENTION_DAYS", 365)
    AUDIT_RETENTION_DAYS = _env_int("AUDIT_RETENTION_DAYS", 2190)
    # Every request body, as nginx's client_max_body_size (deploy/): a larger upload is a 413.
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # One paper-response file (README, "Paper responses"): at most this many bytes and lines
    # of responses, so a huge file is refused in a moment instead of exhausting a worker.
    IMPORT_MAX_BYTES = _env_int("IMPORT_MAX_BYTES", 2 * 1024 * 1024)
    IMPORT_MAX_ROWS = _env_int("IMPORT_MAX_ROWS", 5000)

    @classmethod
    def validate(cls) -> None:
        """Refuse unsafe settings; only production is strict. Unreadable ones everywhere."""
        from survey_app.scoring.periods import parse_year_start

        try:
            parse_year_start(cls.ACADEMIC_YEAR_START)
        except ValueError as exc:
            raise SystemExit(f"Refusing to start: {exc}") from None


class TestConfig(Config):
    """In-process tests: a database URL from the test run, CSRF on as in real use."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production-use-000"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    PUBLIC_BASE_URL = "http://localhost"


class ProductionConfig(Config):
    """The city's deployment: PostgreSQL via DATABASE_URL, a real secret, no debug."""

    ENV_NAME = "production"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS_SECONDS = _env_int("HSTS_SECONDS", 365 * 24 * 3600)

    @classmethod
    def validate(cls) -> None:
        super().validate()
        problems = []
        if len(cls.SECRET_KEY or "") < MIN_SECRET_KEY_LENGTH:
            problems.append(
                f"SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters"
            )
        if cls.DEBUG or os.environ.get("FLASK_DEBUG", "0").lower() in ("1", "true", "yes"):
            problems.append("debug must be off in production")
        if problems:
            raise SystemExit("Refusing to start: " + "; ".join(problems))


def config_from_env() -> type[Config]:
    """APP_ENV=production selects the strict config; anything else is development."""
    return ProductionConfig if os.environ.get("APP_ENV") == "production" else Config
