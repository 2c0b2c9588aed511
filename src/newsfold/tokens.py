"""Words as stable 32-bit ids, shared by copy detection and event grouping.

A word's id is its CRC-32, so ids (and the MinHash signatures built on them) are the same
in every run and on every machine.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

WORD = re.compile(r"\w+")
"""A word as newsfold's copy detection and attribution see it (letters, digits, underscores)."""
ALNUM = re.compile(r"[^\W_]+")
"""A run of letters and digits: the words of concepts and of extraction's matching."""

HONORIFICS = ("mr", "mrs", "ms", "dr", "messrs", "mme")
NUMBER = zlib.crc32(b"#")
"""The id of every word made of digits."""


class TokenHasher:
    """Turns text into an array of word ids, remembering each distinct word's id.

    Not a module-level cache: one hasher lives as long as one run, so memory goes with it.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def __call__(self, text: str) -> np.ndarray:
        """Return the ids of the lower-cased words of ``text`` as a uint32 array."""
        words = WORD.findall(text.lower())
        get = self._ids.get
        ids = [get(word) for word in words]
        if None in ids:
            ids = [self._learn(word) if i is None else i for word, i in zip(words, ids, strict=True)]
        return np.array(ids, dtype=np.uint32)

    def _learn(self, word: str) -> int:
        # All numbers share one id: "2,000" and "2,500" say the same about what a text is
        # about, and figures are edited between copies.
        value = self._ids[word] = NUMBER if word.isdigit() else zlib.crc32(word.encode("utf-8"))
        return value

    def ids(self, words: tuple[str, ...] | list[str] | frozenset[str]) -> np.ndarray:
        """The ids of given words (for stop lists), sorted."""
        return np.unique(np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint32))


def word_id(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))
