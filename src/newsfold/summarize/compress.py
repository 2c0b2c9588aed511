"""Deletion-only sentence compression: words may go, none may be added or changed.

Three deletions, each of words a summary reader does not need out of context: a dateline
left at the head of a lede ("LONDON (AP) _ "), a connective that points at a sentence the
summary does not have ("But", "However,"), and short parentheticals ("(AP)", "(left)").
The first letter is upper-cased when the opening word went; nothing else changes.
"""

from __future__ import annotations

import re

from newsfold.clean.text import strip_dateline

_CONNECTIVE = re.compile(
    r"^(?:But|And|However|Meanwhile|Also|In addition|Still|Yet|So|Instead|Moreover|Nevertheless|Nonetheless)"
    r"(?:,\s*|\s+)(?=[A-Z“\"‘'a-z])"
)
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)(?=[\s,.;:!?”’\"']|$)")


def compress(sentence: str) -> str:
    """``sentence`` without its dateline, opening connective and short parentheticals."""
    text, _ = strip_dateline(sentence)
    text = _PARENTHETICAL.sub("", _CONNECTIVE.sub("", text)).strip()
    return text[:1].upper() + text[1:]
