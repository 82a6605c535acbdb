"""LaTeX in BibTeX fields to Unicode text, in one pass over the text (linear time).

Covers what bibliographies hold: accents in every spelling (``\\"u``, ``{\\"u}``, ``\\"{u}``,
``\\c{C}``, ``\\'{\\i}``), letters (``\\ss``, ``\\o``, ``\\L``), escaped specials (``\\&``,
``\\%``, ``\\_``), dashes and TeX quotes, math (``$\\alpha$``, ``x^2``, ``$^{\\dagger}$``),
``\\textsuperscript``/``\\textsubscript``, formatting commands (their text is kept) and marks
that carry no text (``\\footnotemark``, ``\\thanks{...}``, ``\\IEEEauthorrefmark{1}``,
``\\orcidlink{...}``), which are dropped with their argument. Grouping braces go. An unknown
command is dropped and its argument's text kept. ``%`` is text, as in BibTeX fields.

Nothing here recurses, so deeply nested braces cost no stack.
"""

from __future__ import annotations

import unicodedata

from grantdocs.importers.shorthands import babel_shorthands

ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
"""Accent commands and the combining mark each puts on the next letter."""

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ϵ",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "ϕ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
SYMBOLS: dict[str, str] = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dag": "†",
    "dagger": "†",
    "ddag": "‡",
    "ddagger": "‡",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "guillemotleft": "«",
    "guillemotright": "»",
    "glqq": "„",
    "grqq": "“",
    "euro": "€",
    "texteuro": "€",
    "pounds": "£",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbackslash": "\\",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textdegree": "°",
    "deg": "°",
    "times": "×",
    "cdot": "·",
    "pm": "±",
    "mp": "∓",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "sim": "∼",
    "infty": "∞",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "star": "⋆",
    "ast": "∗",
    "circ": "∘",
    "ell": "ℓ",
    "partial": "∂",
    "nabla": "∇",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "in": "∈",
    "cup": "∪",
    "cap": "∩",
    "mid": "|",
    "vert": "|",
    "ldotp": ".",
    "%": "%",
    "&": "&",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "/": "",
    "-": "",
    "@": "",
    "\\": " ",
    "quad": " ",
    "qquad": " ",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    **_GREEK,
}
"""Commands that stand for a character (or nothing)."""

DROPPED = frozenset(
    {
        "thanks",
        "footnote",
        "footnotemark",
        "IEEEauthorrefmark",
        "orcidlink",
        "orcid",
        "email",
        "inst",
        "label",
        "index",
        "affil",
        "affiliation",
        "protect",
        "relax",
        "nocite",
    }
)
"""Commands dropped together with their ``[...]`` and ``{...}`` arguments."""

MAX_ACCENTS = 3
"""Accents kept on one letter (a hostile file may stack thousands)."""

SUPERSCRIPT = str.maketrans("0123456789+-=()n*i", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ*ⁱ")
SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPT_COMMANDS = {"textsuperscript": "sup", "textsubscript": "sub"}


def decode(text: str) -> str:
    """``text`` with its LaTeX turned into Unicode (NFC); whitespace is left as it is.
    babel's German shorthands (``"=``, ``"~``, ``"-``, ``"a`` after a letter) are decoded."""
    text = babel_shorthands(text)
    if not any(c in text for c in "\\{}$~-`'^_"):
        return text
    return _Decoder(text).run()


class _Decoder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.out: list[str] = []
        self.pending: list[str] = []  # combining marks for the next letter
        self.depth = 0
        self.scripts: list[tuple[int, str]] = []  # (brace depth, "sup"/"sub") of open groups
        self.one_script = ""  # a ^ or _ that applies to the next character only
        self.math = False

    def run(self) -> str:
        text, n = self.text, self.n
        i = 0
        while i < n:
            c = text[i]
            if c == "\\":
                i = self._command(i + 1)
            elif c == "{":
                self.depth += 1
                i += 1
            elif c == "}":
                if self.scripts and self.scripts[-1][0] == self.depth:
                    self.scripts.pop()
                self.depth = max(0, self.depth - 1)
                i += 1
            elif c == "$":
                self.math = not self.math
                i += 1
            elif c in "^_" and self.math:
                i = self._script("sup" if c == "^" else "sub", i + 1)
            elif c == "~":
                self._emit(" ")
                i += 1
            elif c == "-" and not self.math:
                if text.startswith("---", i):
                    self._emit("—")
                    i += 3
                elif text.startswith("--", i):
                    self._emit("–")
                    i += 2
                else:
                    self._emit("-")
                    i += 1
            elif c == "`" and not self.math:
                double = text.startswith("``", i)
                self._emit("“" if double else "‘")
                i += 2 if double else 1
            elif c == "'" and text.startswith("''", i) and not self.math:
                self._emit("”")
                i += 2
            elif c.isspace() and self.pending:
                i += 1  # '\" u': the accent waits for its letter
            else:
                self._emit(c)
                i += 1
        return unicodedata.normalize("NFC", "".join(self.out))

    def _emit(self, chars: str) -> None:
        script = self.one_script or (self.scripts[-1][1] if self.scripts else "")
        self.one_script = ""
        if script:
            chars = chars.translate(SUPERSCRIPT if script == "sup" else SUBSCRIPT)
        if self.pending:
            first, rest = chars[:1], chars[1:]
            if first == "ı":
                first = "i"
            elif first == "ȷ":
                first = "j"
            self.out.append(first + "".join(self.pending) + rest)
            self.pending = []
        else:
            self.out.append(chars)

    def _script(self, kind: str, i: int) -> int:
        if i < self.n and self.text[i] == "{":
            self.depth += 1
            self.scripts.append((self.depth, kind))
            return i + 1
        self.one_script = kind
        return i

    def _command(self, i: int) -> int:
        """Read the command starting after a backslash at ``i``; return where text resumes."""
        text, n = self.text, self.n
        if i >= n:
            self._emit("\\")
            return i
        j = i
        while j < n and text[j].isalpha():
            j += 1
        if j == i:  # a one-character command: \' \& \\ ...
            name, j = text[i], i + 1
        else:
            name = text[i:j]
            while j < n and text[j] in " \t\n":
                j += 1  # the spaces that end a command name are not text
        if name in ACCENTS:
            if len(self.pending) < MAX_ACCENTS:
                self.pending.append(ACCENTS[name])
            return j
        if name in _SCRIPT_COMMANDS and j < n and text[j] == "{":
            return self._script(_SCRIPT_COMMANDS[name], j)
        if name in DROPPED:
            return self._skip_arguments(j)
        if name in SYMBOLS:
            if SYMBOLS[name]:
                self._emit(SYMBOLS[name])
            if name.isalpha() and text.startswith("{}", j):
                j += 2  # '\ss{}'
            return j
        return j  # an unknown command: dropped, its argument's text stays

    def _skip_arguments(self, j: int) -> int:
        """Skip the ``[...]`` and ``{...}`` groups that follow a dropped command."""
        text, n = self.text, self.n
        while j < n and text[j] in "[{":
            opening = text[j]
            closing = "]" if opening == "[" else "}"
            depth = 0
            while j < n:
                c = text[j]
                if c == "\\":
                    j += 2
                    continue
                depth += (c == opening) - (c == closing)
                j += 1
                if depth == 0:
                    break
        return j
