"""The one HTTP client of the online sources: polite, bounded, retrying, cached.

Every request names grantdocs and a contact address in its User-Agent (Crossref's and
OpenAlex's "polite pool" ask for one), has a timeout, is retried with backoff on 429 and 5xx
(a ``Retry-After`` of at most ``MAX_WAIT`` seconds is honoured, a longer one is an error),
and its body may hold at most ``max_bytes``. Successful answers are kept in the on-disk
cache (``sources.cache``); ``offline`` answers from the cache only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

import httpx
from msgspec import Struct

from grantdocs.errors import SourceError
from grantdocs.importers.sources import cache

USER_AGENT = "grantdocs/{version}{contact}"
CONTACT_ENV = "GRANTDOCS_CONTACT"
"""An e-mail address for the User-Agent when the profile has none."""
MAX_WAIT = 60.0
"""The longest ``Retry-After`` (seconds) waited for; a server asking more is an error."""

ENDPOINTS = {
    "orcid": ("GRANTDOCS_ORCID_API", "https://pub.orcid.org/v3.0"),
    "crossref": ("GRANTDOCS_CROSSREF_API", "https://api.crossref.org"),
    "doi": ("GRANTDOCS_DOI_RESOLVER", "https://doi.org"),
    "openalex": ("GRANTDOCS_OPENALEX_API", "https://api.openalex.org"),
}
"""Each source's base URL and the environment variable that replaces it (a mirror, tests)."""


def endpoint(name: str) -> str:
    """The base URL of source ``name`` (a key of ``ENDPOINTS``), without a final slash."""
    variable, default = ENDPOINTS[name]
    return (os.environ.get(variable, "").strip() or default).rstrip("/")


class Answer(Struct, frozen=True):
    """A successful response: its text and the URL that gave it (after redirects)."""

    text: str
    url: str
    cached: bool = False


class Client(Struct):
    """GET with timeouts, retries, a size bound and the cache.

    ``timeout`` bounds each wait for the server (connect, each read); ``total_timeout`` one
    answer's whole body. ``contact`` is the e-mail address put into the User-Agent (None:
    ``GRANTDOCS_CONTACT``, else none). ``sleep`` waits between attempts (tests pass a
    recorder).
    """

    contact: str | None = None
    offline: bool = False
    timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 3
    max_bytes: int = 20 * 1024 * 1024
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    cache_hits: int = 0
    _client: httpx.Client | None = None

    def user_agent(self) -> str:
        """The User-Agent header: grantdocs, its version and ``mailto:`` the contact."""
        # lazy: importlib loads only when this runs
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("grantdocs")
        except PackageNotFoundError:  # pragma: no cover - run from a source tree
            number = "0"
        contact = self.contact_address()
        return USER_AGENT.format(version=number, contact=f" (mailto:{contact})" if contact else "")

    def contact_address(self) -> str | None:
        """The contact e-mail address: ``contact``, else ``GRANTDOCS_CONTACT``, else None."""
        return self.contact or os.environ.get(CONTACT_ENV, "").strip() or None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout,
                follow_redirects=True,
                headers={"User-Agent": self.user_agent()},
                trust_env=True,
            )
        return self._client

    def close(self) -> None:
        """Close the connections (the cache needs no closing)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(
        self, url: str, params: Mapping[str, str] | None = None, accept: str = "application/json"
    ) -> Answer | None:
        """The answer to GET ``url?params``; None on 404 (or 410). ``SourceError`` if the
        server cannot be reached, keeps failing, answers another error or too much."""
        full = f"{url}?{urlencode(params)}" if params else url
        name = cache.key(full, accept)
        body = cache.load(name, max_age=None if self.offline else cache.MAX_AGE)
        if body is not None:
            self.cache_hits += 1
            return Answer(_decode(body, full), full, cached=True)
        if self.offline:
            raise SourceError(
                f"offline, and {_short(full)} is not in the cache; "
                "run once without --offline to fill it"
            )
        answer = self._fetch(full, accept)
        if answer is not None:
            cache.store(name, answer.text.encode("utf-8"))
        return answer

    def _fetch(self, url: str, accept: str) -> Answer | None:
        host = httpx.URL(url).host
        attempt = 0
        while True:
            self.requests += 1
            try:
                status, headers, body, final = self._once(url, accept)
            except httpx.TimeoutException:
                if attempt < self.retries:
                    attempt += 1
                    self.sleep(_backoff(attempt))
                    continue
                raise SourceError(
                    f"{host} did not answer within {self.timeout:g} s ({_short(url)})"
                ) from None
            except httpx.TransportError as exc:
                raise SourceError(
                    f"cannot reach {host} ({_reason(exc)}): check the network connection, "
                    "or use --offline to work from the cache"
                ) from None
            if status == 200:
                return Answer(_decode(body, url), final)
            if status in (404, 410):
                return None
            if (status == 429 or status >= 500) and attempt < self.retries:
                attempt += 1
                wait = _retry_after(headers.get("retry-after"), _backoff(attempt))
                if wait > MAX_WAIT:
                    raise SourceError(
                        f"{host} asks to wait {wait:g} s before the next request (HTTP {status});"
                        " try again later"
                    )
                self.sleep(wait)
                continue
            raise SourceError(
                f"{host} answered HTTP {status} to {_short(url)}"
                + (" after retries" if attempt else "")
            )

    def _once(self, url: str, accept: str) -> tuple[int, httpx.Headers, bytes, str]:
        """One request; the body is read up to ``max_bytes`` (more is a ``SourceError``)."""
        with self._http().stream("GET", url, headers={"Accept": accept}) as response:
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise _too_large(url, self.max_bytes)
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.total_timeout
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise _too_large(url, self.max_bytes)
                if time.monotonic() > deadline:  # a server that drips its answer
                    raise SourceError(
                        f"{httpx.URL(url).host} took more than {self.total_timeout:g} s to "
                        f"send its answer ({_short(url)})"
                    )
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks), str(response.url)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _decode(body: bytes, url: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{_short(url)}: the answer is not UTF-8 text") from None


def _too_large(url: str, limit: int) -> SourceError:
    return SourceError(f"{_short(url)}: the answer is larger than {limit:,} bytes; not read")


def _backoff(attempt: int) -> float:
    return float(min(2 ** (attempt - 1), 8))


def _retry_after(value: str | None, default: float) -> float:
    """Seconds from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _short(url: str, limit: int = 160) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
