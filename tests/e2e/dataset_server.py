#!/usr/bin/env python3
"""A loopback HTTP server for the dataset-download tests (tests/e2e/dataset_download.sh).

Serves ROOT under /data/ with ETag, Last-Modified, Range/If-Range and conditional GETs, and
misbehaves on purpose under other prefixes, each followed by the same path:
  /redirect/P        302 to /data/P
  /redirect-file/P   302 to file:///etc/hostname (a client must refuse it)
  /stall/P           headers, then no byte for a minute
  /truncate-once/P   the first GET of P sends half the body and closes (Content-Length says all)
  /truncate-head/P   every GET without a Range does so; a Range request gets the rest
  /flaky/P           HTTP 503 for the first GET of P
  /endless/P         an endless body without Content-Length (a size cap must stop it)
  /missing/P         404
Each request is logged to LOG as `METHOD PATH range=... if-range=... if-none-match=... ->
STATUS`. The chosen port is written to PORTFILE. Usage: dataset_server.py ROOT LOG PORTFILE
"""
import hashlib
import http.server
import os
import sys
import threading
import time
from email.utils import formatdate

ROOT, LOG, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
seen = set()
lock = threading.Lock()


def first_time(key):
    with lock:
        if key in seen:
            return False
        seen.add(key)
        return True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def log(self, status):
        with lock, open(LOG, "a") as f:
            f.write("%s %s range=%s if-range=%s if-none-match=%s -> %d\n" % (
                self.command, self.path, self.headers.get("Range", "-"), self.headers.get("If-Range", "-"),
                self.headers.get("If-None-Match", "-"), status))

    def plain(self, status, extra=None):
        self.log(status)
        self.send_response(status)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        parts = self.path.split("/", 2)
        if len(parts) < 3:
            return self.plain(404)
        mode, rel = parts[1], parts[2]
        if mode == "redirect":
            return self.plain(302, {"Location": "/data/" + rel})
        if mode == "redirect-file":
            return self.plain(302, {"Location": "file:///etc/hostname"})
        if mode == "missing":
            return self.plain(404)
        if mode == "flaky" and first_time(self.path):
            return self.plain(503)
        if mode == "endless":
            self.log(200)
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                chunk = b"{\"a\":1}\n" * 8192
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        path = os.path.join(ROOT, rel)
        if mode not in ("data", "stall", "truncate-once", "truncate-head", "flaky") or ".." in rel or not os.path.isfile(path):
            return self.plain(404)
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        modified = formatdate(os.path.getmtime(path), usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified, "Accept-Ranges": "bytes"}
        if self.headers.get("If-None-Match") == etag:
            return self.plain(304, headers)
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and self.headers.get("If-Range", etag) in (etag, modified):
            start = int(rng[6:].split("-")[0])
            if start >= len(body):
                return self.plain(416, {"Content-Range": "bytes */%d" % len(body)})
        status = 206 if start else 200
        self.log(status)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        if mode == "stall":
            time.sleep(60)
            return
        if (mode == "truncate-once" and first_time(self.path)) or (mode == "truncate-head" and start == 0):
            self.wfile.write(body[start:start + (len(body) - start) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body[start:])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
