"""gunicorn settings for one instance (docs/deployment.md); the port comes from the unit.

Read by `gunicorn -c deploy/gunicorn.conf.py`; every value can be overridden on the command line."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two cores per instance is the usual council VM; (2 x cores) + 1 is gunicorn's own advice.
workers = int(os.environ.get("GUNICORN_WORKERS", 3))
# Load the app (and its questionnaires) once, before forking: a bad questionnaire stops start-up.
preload_app = True
# A pupil page is fast; a report pack can take a while.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 20
keepalive = 5
# nginx runs on the same machine: trust its X-Forwarded-* headers and nobody else's.
forwarded_allow_ips = "127.0.0.1"
# No client addresses in the access log (docs/privacy.md).
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
