"""Which articles state a sentence: the sentence, up to punctuation, case and honorifics."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_HONORIFIC = re.compile(r"\b(?:mr|mrs|ms|dr|messrs|mme)\b\.?", re.IGNORECASE)
_INITIALISM = re.compile(r"\b([A-Za-z])\.(?=[A-Za-z]\.)|(?<=\b[A-Za-z])\.(?=[\s,;:)]|$)")
_NON_WORD = re.compile(r"[^\w]+")


def normalise_for_match(text: str) -> str:
    """Lower-case words separated by single spaces, without honorifics and punctuation.

    ``"Mr. Kim met U.S. envoys."`` and ``"Kim met US envoys"`` normalise alike.
    """
    text = _INITIALISM.sub(r"\1", text)
    text = _HONORIFIC.sub(" ", text)
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def sources_of(sentence: str, texts: Mapping[str, str], order: Sequence[str]) -> tuple[str, ...]:
    """Ids of the articles whose normalised text contains the normalised sentence.

    Args:
        sentence: a summary sentence.
        texts: article id -> normalised text (see :func:`normalise_for_match`), padded with
            a space on both sides.
        order: the ids in the order to report them.
    """
    needle = f" {normalise_for_match(sentence)} "
    return tuple(article for article in order if needle in texts[article])
