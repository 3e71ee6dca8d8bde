#!/usr/bin/env python3
"""A local stand-in for the n8n webhooks Alertmanager notifies: appends every POST, as one JSON line
{"path": ..., "body": ...}, to a file, and answers 200. Used by scripts/ops/live-scrape.sh.

Usage: webhook_receiver.py <port> <output file>      (listens on 127.0.0.1 until SIGTERM)
"""

from __future__ import annotations

import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> int:
    port, output = int(sys.argv[1]), sys.argv[2]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            with open(output, "a", encoding="utf-8") as out:
                out.write(json.dumps({"path": self.path, "body": json.loads(body or b"null")}) + "\n")
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the http.server signature)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
