"""A built folder served on 127.0.0.1, as a web server would serve it, for browsers to load."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".xml", ".svg", ".txt"}


class FolderHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly; optionally gzips text (as nginx or IIS would) and counts bytes sent."""

    gzip_text = False
    compressible = COMPRESSIBLE  # the suffixes gzipped
    cache_control: str | None = None  # sent with gzipped text when set (the library benchmark: no-cache)
    counter: list | None = None  # (path, bytes on the wire) per response

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with "/"
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip_text and accepts and path.is_file() and path.suffix in self.compressible):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile):
        data = source.read()
        if self.counter is not None:
            self.counter.append((self.path, len(data)))
        outputfile.write(data)


class StaticServer:
    """A folder served on 127.0.0.1 at a free port, until stopped (or the `with` block ends).

    The address is known before anything is served, so a site can be built for it (SITE_URL) first.
    """

    def __init__(self, folder: Path, gzip_text: bool = False, count: bool = False):
        self.requests: list[tuple[str, int]] | None = [] if count else None
        handler = type("Handler", (FolderHandler,), {"gzip_text": gzip_text, "counter": self.requests})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread: threading.Thread | None = None

    def start(self) -> StaticServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread:
            self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
