"""Extension objects, created unbound and bound to an app by create_app()."""

import hashlib
import hmac

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine

db = SQLAlchemy()
migrate = Migrate()
csrf = CSRFProtect()
login = LoginManager()
babel = Babel()
login.login_view = "auth.login"
login.login_message = "Sign in to see that page."
# No default limits: each limited route says its own (sign-in: auth/signin_limits.py), so the
# pupil path pays only the limiter's lookup. Bound, with its storage, by web.auth.init_limiter.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def limit_key_digest(value: str) -> str:
    """What a limit counter is keyed by in Redis: an HMAC under the app's secret, never the
    address, e-mail or token itself. Keyed, because an IPv4 address could be recovered from a
    plain hash by trying all 2**32; the same on every instance, which share SECRET_KEY."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:32]


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets pupils submit while an officer reads; the busy timeout waits out a writer."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
