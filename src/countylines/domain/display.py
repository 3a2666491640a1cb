"""Text safe to show: characters that could reorder or restyle what is shown around them.

A report may carry a right-to-left override (U+202E) that makes "from the shop" read
"pohs eht morf", or terminal escapes that recolour a table. Shown text is escaped for HTML by
the templates; this module also writes such characters as visible escapes (``\\u202e``), so
what an analyst reads is what was sent.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories written as escapes: controls, format characters (bidi overrides,
#: zero-width joiners) and line/paragraph separators.
SHOWN_AS_CODES = frozenset({"Cc", "Cf", "Zl", "Zp"})

#: Controls kept as they are: line breaks and tabs lay text out, they cannot reorder it.
_KEPT = frozenset("\n\t")


def printable(value: str, *, keep_layout: bool = False) -> str:
    """``value`` with control and direction-changing characters (``\\x1b``, U+202E…) written
    as escapes; with ``keep_layout``, line breaks and tabs are kept as they are.
    """
    return "".join(
        c
        if keep_layout and c in _KEPT
        else c.encode("unicode_escape").decode("ascii")
        if unicodedata.category(c) in SHOWN_AS_CODES
        else c
        for c in value
    )
