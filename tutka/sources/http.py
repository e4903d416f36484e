"""One polite HTTP client for the statistics APIs (stdlib urllib, no extra dependency).

* a User-Agent on every request (Sotkanet answers 403 without one);
* a timeout on every request;
* a minimum interval between requests (StatFin allows about 30 queries per 10 s; Sotkanet asks for no hammering);
* retry with exponential backoff on 429 and 5xx (Retry-After honoured, capped) and on time-outs / dropped
  connections; other 4xx are final;
* every raw answer kept as bytes in `responses` (the fetch archives them under their content hash).

Failures raise `SourceError(key, **params)` whose key is an i18n text (Finnish message for the user).
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

USER_AGENT = "Hyvinvointitutka/1.0 (municipal welfare dashboard; +https://github.com/hyvinvointitutka)"


class SourceError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}")
        self.key, self.params = key, params


@dataclass
class Response:
    url: str
    status: int
    body: bytes

    def json(self) -> object:
        try:
            return json.loads(self.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError("fetch.err_not_json", url=self.url, detail=str(exc)[:120]) from exc


@dataclass
class Http:
    timeout: float = 30.0
    retries: int = 4  # attempts after the first one
    backoff: float = 1.0  # seconds; doubled after every failed attempt
    max_wait: float = 60.0  # cap for Retry-After / backoff
    min_interval: float = 0.35  # seconds between requests (≈ 28 per 10 s)
    responses: list[Response] = field(default_factory=list)
    _last: float = 0.0

    @classmethod
    def from_env(cls) -> Http:
        """Defaults, tunable by TUTKA_HTTP_TIMEOUT, TUTKA_HTTP_RETRIES, TUTKA_HTTP_BACKOFF, TUTKA_HTTP_MIN_INTERVAL."""
        env = os.environ
        return cls(
            timeout=float(env.get("TUTKA_HTTP_TIMEOUT", cls.timeout)),
            retries=int(env.get("TUTKA_HTTP_RETRIES", cls.retries)),
            backoff=float(env.get("TUTKA_HTTP_BACKOFF", cls.backoff)),
            min_interval=float(env.get("TUTKA_HTTP_MIN_INTERVAL", cls.min_interval)),
        )

    def get(self, url: str, params: list[tuple[str, object]] | None = None) -> Response:
        if params:
            url = f"{url}?{urllib.parse.urlencode([(k, str(v)) for k, v in params])}"
        return self._send(urllib.request.Request(url, method="GET"))

    def post_json(self, url: str, payload: object) -> Response:
        data = json.dumps(payload).encode("utf-8")
        req = urllib.request.Request(url, data=data, method="POST")
        req.add_header("Content-Type", "application/json")
        return self._send(req)

    def _pace(self) -> None:
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def _send(self, req: urllib.request.Request) -> Response:
        req.add_header("User-Agent", USER_AGENT)
        req.add_header("Accept", "application/json")
        delay = self.backoff
        last_error: SourceError | None = None
        for attempt in range(self.retries + 1):
            self._pace()
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (http/https only)
                    body = resp.read()
                    out = Response(req.full_url, resp.status, body)
                    self.responses.append(out)
                    return out
            except urllib.error.HTTPError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise SourceError("fetch.err_http", url=req.full_url, status=exc.code) from exc
                last_error = SourceError("fetch.err_http_retry", url=req.full_url, status=exc.code, n=attempt + 1)
                wait = _retry_after(exc.headers.get("Retry-After")) if exc.code == 429 else None
            except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
                last_error = SourceError("fetch.err_timeout", url=req.full_url, seconds=self.timeout, n=attempt + 1)
                wait = None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    last_error = SourceError("fetch.err_timeout", url=req.full_url, seconds=self.timeout, n=attempt + 1)
                else:
                    last_error = SourceError("fetch.err_network", url=req.full_url, detail=str(exc.reason)[:120])
                wait = None
            except (OSError, http.client.HTTPException) as exc:  # connection reset, truncated answer …
                last_error = SourceError(
                    "fetch.err_network", url=req.full_url, detail=str(exc)[:120] or type(exc).__name__
                )
                wait = None
            if attempt < self.retries:
                time.sleep(min(self.max_wait, wait if wait is not None else delay))
                delay *= 2
        assert last_error is not None
        raise last_error


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
