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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path, base_path: str = "/", port: int = 0, quiet: bool = True):
    """Serve `folder` at http://127.0.0.1:PORT{base_path}; yields that address."""
    with tempfile.TemporaryDirectory() as web_root:
        # Mirror the base path so links like /directory/providers/ resolve.
        served = Path(folder).resolve()
        if base_path.strip("/"):
            mount = Path(web_root, base_path.strip("/"))
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(served, target_is_directory=True)
            served = Path(web_root)
        handler_class = _QuietHandler if quiet else http.server.SimpleHTTPRequestHandler
        handler = functools.partial(handler_class, directory=str(served))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{base_path.rstrip('/')}"
        finally:
            server.shutdown()
            server.server_close()
