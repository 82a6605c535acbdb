"""The ORCID public API: a record, and its full works in bulk (contributors included)."""

from __future__ import annotations

import json
import re
from typing import Any

from grantdocs.errors import SourceError
from grantdocs.importers.jsonpos import JsonDoc, parse_json
from grantdocs.importers.sources.http import Client, endpoint

ORCID_JSON = "application/vnd.orcid+json"
BULK = 100
"""Works per bulk request: the most the ORCID API returns in one ``/works/{put-codes}``."""
_ID = re.compile(r"^(?:orcid:|https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])/?$")


def parse_orcid_id(text: str) -> str:
    """The ORCID iD in ``text`` ('0000-0002-1825-0097', 'orcid:...', 'https://orcid.org/...');
    ``SourceError`` if it is none or its check digit is wrong (ISO 7064 11,2)."""
    found = _ID.match(text.strip())
    if not found:
        raise SourceError(f"{text!r} is not an ORCID iD (like 0000-0002-1825-0097)")
    orcid = found.group(1).upper()
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise SourceError(f"{orcid} is not an ORCID iD: its last character (check digit) is wrong")
    return orcid


def fetch_record(client: Client, orcid: str) -> JsonDoc:
    """The public record of ``orcid``, parsed with the line of every value."""
    url = f"{endpoint('orcid')}/{orcid}/record"
    answer = client.get(url, accept=ORCID_JSON)
    if answer is None:
        raise SourceError(f"ORCID has no public record {orcid} ({url} answered 404)")
    return parse_json(answer.text, f"orcid:{orcid}")


def fetch_works(client: Client, orcid: str, put_codes: list[str]) -> dict[str, dict[str, Any]]:
    """The full works of ``put_codes`` (in requests of at most ``BULK``), by put-code.
    A put-code the API answers with an error is left out."""
    works: dict[str, dict[str, Any]] = {}
    for start in range(0, len(put_codes), BULK):
        batch = put_codes[start : start + BULK]
        url = f"{endpoint('orcid')}/{orcid}/works/{','.join(batch)}"
        answer = client.get(url, accept=ORCID_JSON)
        if answer is None:
            continue
        try:
            data = json.loads(answer.text)
        except (ValueError, RecursionError):
            raise SourceError(f"{url}: the answer is not valid JSON") from None
        bulk = data.get("bulk") if isinstance(data, dict) else None
        if not isinstance(bulk, list):
            raise SourceError(f"{url}: not an ORCID bulk list of works")
        for item in bulk:
            work = item.get("work") if isinstance(item, dict) else None
            if isinstance(work, dict) and work.get("put-code") is not None:
                works[str(work["put-code"])] = work
    return works
