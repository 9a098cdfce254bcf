"""Text that any XML 1.0 document can carry: escaped, without the characters XML forbids."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters outside XML 1.0's `Char` production (C0 controls, lone surrogates, U+FFFE, U+FFFF)."""


def printable(text: str) -> str:
    """`text` without the characters XML (and a printed page) cannot carry."""
    return FORBIDDEN.sub("", text)


def xml_text(text: str) -> str:
    """`text` as XML character data: forbidden characters dropped, `&`, `<`, `>` escaped."""
    return escape(printable(text))
