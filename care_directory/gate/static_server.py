"""Serve a built site over http on this machine, under its base path.

Browsers cannot fetch() the search files from file:// addresses, so local
previews, the browser tests and the quality gate all serve the folder.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from care_directory.outputs.security_headers import headers_for


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Connections are kept alive, as on any real host: a new connection for
    # every file (HTTP/1.0) made each search wait on the server for several
    # milliseconds more, and skewed what the benchmarks measure.
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds an idle connection is kept
    # Headers and body are sent apart: without this, a kept-alive connection
    # holds the body back until the browser acknowledges the headers (Nagle's
    # algorithm against delayed acknowledgement, about 40 ms a file).
    disable_nagle_algorithm = True
    quiet = True
    header_rules: list = []

    def end_headers(self):
        for name, value in headers_for(self.header_rules, urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)


class _Server(http.server.ThreadingHTTPServer):
    block_on_close = False  # connections a browser keeps open must not hold up closing the server


@contextlib.contextmanager
def serving(
    folder: Path,
    base_path: str = "/",
    port: int = 0,
    quiet: bool = True,
    headers: dict[str, str] | None = None,
    header_rules: list | None = None,
):
    """Serve `folder` at http://127.0.0.1:PORT{base_path}, sending `headers` with every response,
    or the headers `header_rules` give each path (as security_headers.header_rules makes them).

    Yields that address.
    """
    with tempfile.TemporaryDirectory() as web_root:
        # Mirror the base path so links like /directory/providers/ resolve.
        served = Path(folder).resolve()
        if base_path.strip("/"):
            mount = Path(web_root, base_path.strip("/"))
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(served, target_is_directory=True)
            served = Path(web_root)
        handler_class = type(
            "Handler", (_Handler,), {"quiet": quiet, "header_rules": header_rules or [("/*", headers or {})]}
        )
        handler = functools.partial(handler_class, directory=str(served))
        server = _Server(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{base_path.rstrip('/')}"
        finally:
            server.shutdown()
            server.server_close()
