"""Security headers on every response (docs/decisions/0015): a strict Content-Security-Policy,
no framing, no sniffing, a referrer policy, HSTS in production, and no-store on every page.

A small middleware rather than Flask-Talisman: Talisman's last release is from 2023, and what
we need beyond its defaults (hashes of the pupil page's inlined styles, no-store by default) is
most of the code anyway.
"""

from __future__ import annotations

import base64
import hashlib
import threading

from flask import Flask, Response, current_app, request
from markupsafe import Markup
from werkzeug.middleware.proxy_fix import ProxyFix

from ..webfont import FONT_CACHE_CONTROL, FONTS_PATH

# The pupil page inlines its few KB of CSS to stay within its request budget (bench/), so the
# policy allows exactly those styles by hash. Only template text goes through `csp_hashed`,
# never request data, so an injected <style> or <script> is still refused.
BASE_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}
# Process-wide, like the pre-rendered pupil pages (respond/page.py) whose styles they allow:
# a page rendered once for one app is served by the next. The policy text is rebuilt only when
# a new style is first seen, so a request reads one string (threads share it: see the lock).
_style_hashes: set[str] = set()
_lock = threading.Lock()


def register(app: Flask) -> None:
    """Add the headers to every response, the `csp_hashed` filter, and ProxyFix if configured."""
    app.jinja_env.filters["csp_hashed"] = _csp_hashed
    # Worked out once: this runs after every request, the pupil's included (bench/).
    fixed = list(FIXED_HEADERS)
    hsts = int(app.config.get("HSTS_SECONDS", 0))
    if hsts > 0:
        fixed.append(("Strict-Transport-Security", f"max-age={hsts}; includeSubDomains"))
    app.extensions["security_headers"] = tuple(fixed)
    app.after_request(_add_headers)
    proxies = int(app.config.get("PROXY_COUNT", 0))
    if proxies > 0:
        # Trust exactly as many X-Forwarded-* hops as there are proxies in front (nginx: 1);
        # with none configured the headers are ignored, so a client cannot forge them.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )


def _csp_hashed(text: str) -> Markup:
    """Allow this inline style by its hash; returns it unchanged (for use in a template)."""
    global _policy
    digest = base64.b64encode(hashlib.sha256(str(text).encode()).digest()).decode()
    source = f"'sha256-{digest}'"
    if source not in _style_hashes:
        with _lock:
            _style_hashes.add(source)
            _policy = content_security_policy(_style_hashes)
    return Markup(text)


def content_security_policy(style_hashes: set[str]) -> str:
    """The policy, with the given hashes allowed as inline styles."""
    policy = dict(BASE_POLICY)
    if style_hashes:
        policy["style-src"] += " " + " ".join(sorted(style_hashes))
    return "; ".join(f"{name} {value}" for name, value in policy.items())


FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


_policy = content_security_policy(set())


def _add_headers(response: Response) -> Response:
    headers = response.headers
    # One pass over the response's headers instead of a scan per setdefault (this runs on
    # every pupil request, bench/throughput.py); a header a view set itself is kept.
    present = {name.lower() for name, _ in headers}
    if "content-security-policy" not in present:
        headers.add("Content-Security-Policy", _policy)
    for name, value in current_app.extensions["security_headers"]:
        if name.lower() not in present:
            headers.add(name, value)
    if request.endpoint == "static" and request.path.startswith(FONTS_PATH):
        # Linked by an address with the file's hash (webfont.font_url): kept a year, unasked.
        headers["Cache-Control"] = FONT_CACHE_CONTROL
    elif request.endpoint != "static":
        # Every other page shows data, a token, a code or a form: never kept by a browser or a
        # proxy. Static files keep Flask's own caching.
        if "cache-control" in present:
            headers["Cache-Control"] = "no-store"
        else:
            headers.add("Cache-Control", "no-store")
    return response
