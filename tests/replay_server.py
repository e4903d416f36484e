"""A local replay server on 127.0.0.1 answering like Sotkanet (/sotkanet/...) and StatFin PxWeb (/pxweb/...) from
small recorded-shape responses in tests/fixtures/sources/. Test-only.

`script` makes a route misbehave before answering normally: {"GET /sotkanet/regions": [429]} answers 429 once,
{"POST /pxweb/tyonv/12r5.px": [500] * 99} keeps failing, a float is a delay in seconds (a time-out for the client),
404 is a table that does not exist. Every request is recorded (method, path, query, headers, body).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"  # the shared reference examples


def _load(name: str, folder: Path = FIXTURES) -> object:
    return json.loads((folder / name).read_text(encoding="utf-8"))


class Replay:
    def __init__(self) -> None:
        self.script: dict[str, list] = {}
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Replay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def calls(self, route: str) -> list[dict]:
        return [r for r in self.requests if f"{r['method']} {r['path']}" == route]

    # ------------------------------------------------------------------------------------------------- answers
    def answer(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> tuple[int, object]:
        if method == "GET" and path == "/sotkanet/regions":
            return 200, _load("sotkanet_regions_response.json", FORMATS)
        if method == "GET" and path == "/sotkanet/indicators":
            return 200, _load("sotkanet_indicators_list_response.json", FORMATS)
        if method == "GET" and path == "/sotkanet/indicators/5":
            return 200, _load("sotkanet_indicator_5.json")
        if method == "GET" and path == "/sotkanet/json":
            if query.get("indicator") != ["5"] or any("," in y for y in query.get("years", [])):
                return 400, {"error": "bad request"}
            years = {int(y) for y in query.get("years", [])}
            genders = set(query.get("genders", []))
            rows = _load("sotkanet_data_5.json")
            return 200, [r for r in rows if r["year"] in years and r["gender"] in genders]
        if path == "/pxweb/tyonv/12r5.px":
            if method == "GET":
                return 200, _load("pxweb_12r5_meta.json")
            return self._pxweb_query(json.loads(body))
        return 404, {"error": "not found"}

    def _pxweb_query(self, q: dict) -> tuple[int, object]:
        meta = _load("pxweb_12r5_meta.json")
        codes = {v["code"] for v in meta["variables"]}
        chosen = {i["code"]: i["selection"]["values"] for i in q["query"]}
        if set(chosen) - codes or q.get("response", {}).get("format") != "json":
            return 400, {"error": "bad query"}
        data = _load("pxweb_12r5_data.json")
        regions, months = chosen["alue_23_20260101"], chosen["kuukausi"]
        data["data"] = [d for d in data["data"] if d["key"][0] in regions and d["key"][1] in months]
        return 200, data

    def _handler(self):
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def _serve(self, method: str) -> None:
                parsed = urllib.parse.urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                query = urllib.parse.parse_qs(parsed.query)
                replay.requests.append(
                    {"method": method, "path": parsed.path, "query": query, "headers": dict(self.headers), "body": body}
                )
                steps = replay.script.get(f"{method} {parsed.path}")
                if steps:
                    step = steps.pop(0)
                    if isinstance(step, float):
                        time.sleep(step)
                    else:
                        return self._send(step, {"error": step}, {"Retry-After": "0"} if step == 429 else {})
                if not self.headers.get("User-Agent", "").startswith("Hyvinvointitutka"):
                    return self._send(403, {"error": "User-Agent required"})  # as Sotkanet does
                status, obj = replay.answer(method, parsed.path, query, body)
                self._send(status, obj)

            def _send(self, status: int, obj: object, headers: dict | None = None) -> None:
                data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (time-out test)
                    pass

            def do_GET(self) -> None:  # noqa: N802
                self._serve("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._serve("POST")

        return Handler
