"""Pupil pages and static files go gzip-compressed when the browser asks for it (ADR 0026).

A school's Wi-Fi carries 30 first loads at once, so the pupil page's budget is the bytes on the
wire (bench/page_weight.py). Staff pages are not compressed: they reflect what an officer typed
(filters, names) beside a secret (the CSRF token), which is what the BREACH attack needs, and they
are read on office networks. Pupil pages hold no such secret: `/go` echoes a typed code with no
token, and a form shown again echoes a pupil's own answers beside a token that guards one
anonymous response id (ADR 0026).

gzip only: Chromium and Safari offer Brotli only over HTTPS, and nginx (deploy/) compresses the
static files itself in production; gzip at level 6 is within a few per cent of Brotli on pages
this size and costs less CPU per answer (bench/throughput.py).
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

COMPRESSED_BLUEPRINTS = frozenset({"respond"})
COMPRESSED_ENDPOINTS = frozenset({"static"})

compress = Compress()


def register(app: Flask) -> None:
    """Compress the chosen responses only. Register first, so that this runs after every other
    after_request function (Flask runs them in reverse) and compresses the finished response."""
    app.config.setdefault("COMPRESS_REGISTER", False)  # we choose which responses, below
    app.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["gzip"])  # static files are streamed
    app.config.setdefault("COMPRESS_LEVEL", 6)
    compress.init_app(app)
    app.after_request(compress_pupil_responses)


def compress_pupil_responses(response: Response) -> Response:
    if request.blueprint in COMPRESSED_BLUEPRINTS or request.endpoint in COMPRESSED_ENDPOINTS:
        return compress.after_request(response)
    return response
