"""The shorthands of LaTeX's babel package for German (``ngerman``) in BibTeX text.

``"=`` is a hyphen after which the word may break too ("empirisch"=kulturwissenschaftlich"
prints "empirisch-kulturwissenschaftlich"), ``"~`` a hyphen without a break (U+2011),
``"-`` a break point (prints nothing), ``""`` and ``"|`` a break point or a ligature break
(print nothing); ``"` "'`` and ``"< ">`` are German quotation marks; ``"a``, ``"o``,
``"u`` after a letter are umlauts ("Gr"une"). A quotation mark anywhere else is left as it
is.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r'"[=~\-"|`\'<>]')
_UMLAUT = re.compile(r'(?<=[A-Za-z])"([aouAOU])(?=[a-zß])')
_REPLACEMENT = {'"=': "-", '"~': "\u2011", '"-': "", '""': "", '"|': "",
                '"`': "„", "\"'": "“", '"<': "«", '">': "»"}  # fmt: skip
_UMLAUTS = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}


def babel_shorthands(text: str) -> str:
    """``text`` with babel's German shorthands replaced by what they print."""
    if '"' not in text:
        return text
    text = _BREAKS.sub(lambda m: _REPLACEMENT[m.group(0)], text)
    return _UMLAUT.sub(lambda m: _UMLAUTS[m.group(1)], text)
