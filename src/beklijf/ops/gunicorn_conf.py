"""gunicorn settings for `beklijf serve` (loaded with --config python:beklijf.ops.gunicorn_conf).

Graceful shutdown: on SIGTERM the master stops accepting, each worker finishes the request it is serving
(up to `graceful_timeout` seconds) and exits; systemd's and Kubernetes' default stop timeouts are longer.
"""

from __future__ import annotations

import os

import gunicorn.http.wsgi

# No product or version in the Server header (ZAP 10036: server leaks version information). gunicorn has no
# setting for it; the module constant is read per response, in workers forked after this file is loaded.
gunicorn.http.wsgi.SERVER = "beklijf"
gunicorn.http.wsgi.SERVER_SOFTWARE = "beklijf"

graceful_timeout = int(os.environ.get("BEKLIJF_GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("BEKLIJF_REQUEST_TIMEOUT", "60"))
# The access log carries the request id the app sets, to join it with the app's own log lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
