#!/usr/bin/env python3
"""A loopback HTTP/1.1 file server for the `manrs fetch` tests (tests/integration/fetch.sh).

Serves the files under ROOT by URL path (the query string is ignored), with single-range
support (Range: bytes=N- and bytes=N-M -> 206 with Content-Range; beyond the end -> 416), and
fault modes, each applied to one URL path:
  --cut PATH:N        the first GET of PATH sends the full Content-Length but only N body bytes,
                      then closes the connection (an interrupted transfer); later GETs are whole
  --no-range PATH     ignore Range on PATH: always 200 with the whole file
  --bad-md5 PATH      serve a wrong digest for PATH.md5 (the real file's MD5 with its first
                      hex digit changed)
  --redirect PATH:URL answer 302 to URL
Every request is appended to --log as "METHOD PATH RANGE STATUS" (RANGE "-" when none).
Binds 127.0.0.1 only.
"""
import argparse
import hashlib
import http.server
import os
import sys
import threading
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--cut", action="append", default=[])
    ap.add_argument("--no-range", action="append", default=[])
    ap.add_argument("--bad-md5", action="append", default=[])
    ap.add_argument("--redirect", action="append", default=[])
    args = ap.parse_args()

    root = os.path.realpath(args.root)
    cuts = {}
    for c in args.cut:
        path, n = c.rsplit(":", 1)
        cuts[path] = int(n)
    redirects = dict(r.split(":", 1) for r in args.redirect)
    lock = threading.Lock()

    def log(line):
        with lock, open(args.log, "a") as f:
            f.write(line + "\n")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):  # quiet
            pass

        def reply_empty(self, status, headers=()):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            rng = self.headers.get("Range")
            status = self.serve(path, rng)
            log(f"GET {path} {rng or '-'} {status}")

        def serve(self, path, rng):
            if path in redirects:
                self.reply_empty(302, [("Location", redirects[path])])
                return 302
            body = None
            if path.endswith(".md5") and path[:-4] in args.bad_md5:
                real = self.file_bytes(path[:-4])
                if real is not None:
                    digest = hashlib.md5(real).hexdigest()
                    wrong = ("0" if digest[0] != "0" else "1") + digest[1:]
                    body = f"MD5 ({os.path.basename(path[:-4])}) = {wrong}\n".encode()
            if body is None:
                body = self.file_bytes(path)
            if body is None:
                msg = b"<html><h1>404 Not Found</h1></html>\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(msg)))
                self.end_headers()
                self.wfile.write(msg)
                return 404
            start, end = 0, len(body) - 1
            status = 200
            if rng and path not in args.no_range and rng.startswith("bytes="):
                a, _, b = rng[6:].partition("-")
                start = int(a)
                if b:
                    end = min(int(b), len(body) - 1)
                if start >= len(body):
                    self.reply_empty(416, [("Content-Range", f"bytes */{len(body)}")])
                    return 416
                status = 206
            part = body[start:end + 1]
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(part)))
            self.send_header("Accept-Ranges", "bytes")
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end}/{len(body)}")
            self.end_headers()
            with lock:
                cut = cuts.pop(path, None)
            if cut is not None and cut < len(part):
                self.wfile.write(part[:cut])
                self.wfile.flush()
                self.close_connection = True
                return f"{status}-cut-at-{cut}"
            self.wfile.write(part)
            return status

        def file_bytes(self, path):
            full = os.path.realpath(os.path.join(root, path.lstrip("/")))
            if not full.startswith(root + os.sep) or not os.path.isfile(full):
                return None
            with open(full, "rb") as f:
                return f.read()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    srv.daemon_threads = True
    print(f"listening on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
