"""Pages that are not articles: an error page, a bot check, a cookie wall or a redirect.

A crawl holds many of them, and each would be a news event of its own ("Page not found",
"www.courier.com" from a "Just a moment..." check). A page is one when its text is short and
its title is one of theirs, or its text says what they say ("Enable JavaScript and cookies to
continue", "The page you requested could not be found"). A news story about such a thing is
longer, and its title says more than the bare words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

MAX_WORDS = 120
"""Longer text is read as an article whatever it says: these pages say little."""

_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "an error page",
        re.compile(
            r"(?:error\s*)?(?:40[034]|410|50[0234])(?:\s*error)?(?:\W+(?:not found|forbidden|gone|server error"
            r"|bad gateway|service unavailable))?|(?:error:?\s*)?(?:page|file|article) not found|not found"
            r"|page (?:does not|doesn[’']t) exist|access denied|forbidden|server error|service unavailable"
        ),
        re.compile(
            r"the page you (?:are|were|re) looking for|the page you requested|page (?:could|can) ?not be found"
            r"|(?:was|were|could) not (?:be )?found on this server|this page (?:does not|doesn[’']t) exist"
        ),
    ),
    (
        "a bot check",
        re.compile(r"just a moment\W*|attention required\W*(?:\|\s*cloudflare)?|are you a robot\W*|security check"),
        re.compile(
            r"checking (?:if the site connection is secure|your browser before accessing)|enable javascript and"
            r" cookies to continue|verify (?:that )?you are (?:a )?human|needs to review the security of your"
            r" connection|complete the security check|ddos protection by"
        ),
    ),
    (
        "a cookie wall",
        re.compile(r"before you continue(?: to \S+)?|cookie (?:consent|settings|preferences)|privacy settings"),
        re.compile(
            r"we use cookies (?:and (?:similar|other) technologies )?(?:on (?:this|our) (?:site|website)|to (?:improve"
            r"|personali[sz]e|provide|deliver|give you|enhance|ensure|measure|analy[sz]e))|accept all cookies"
            r"|reject all cookies"
            r"|manage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices)"
        ),
    ),
    (
        "a redirect",
        re.compile(r"redirecting\W*|moved permanently|object moved|document moved"),
        re.compile(r"you are being redirected|if you are not redirected|click here to continue to"),
    ),
)


def not_an_article(title: str | None, paragraphs: Sequence[str]) -> str | None:
    """What kind of page this is when it is no article ("an error page"), else None: its title
    is one of theirs, or most of its text is in paragraphs that say what they say (a story
    may quote a cookie notice in one of its sentences)."""
    words = [len(p.split()) for p in paragraphs]
    if sum(words) > MAX_WORDS:
        return None
    for kind, titles, phrases in _KINDS:
        if title and titled(title, lambda part, titles=titles: titles.fullmatch(part) is not None):
            return kind
        saying = sum(n for p, n in zip(paragraphs, words, strict=True) if phrases.search(p.lower()))
        if saying and 2 * saying >= sum(words):
            return kind
    return None


_SEPARATOR = re.compile(r"\s[|\-–—:·]\s")
SITE_NAME_WORDS = 4
"""The most words a site's name beside its page's title has: "Page not found | The Vessant
Courier" is an error page, "Access denied – Court rules against asylum seekers" a story."""


def titled(title: str, said: Callable[[str], bool], *, most_parts: int = 4) -> bool:
    """Whether a page's title, in lower case, is ``said`` of it, or of one of its parts when the
    others are as short as a site's name ("Page not found | The Courier", "The Courier - Home")
    and there are at most ``most_parts``."""
    title = title[:300].lower()
    if said(" ".join(title.split())):
        return True
    parts = [" ".join(p.split()) for p in _SEPARATOR.split(title)]
    return 1 < len(parts) <= most_parts and any(
        said(part) and all(len(other.split()) <= SITE_NAME_WORDS for other in parts if other is not part)
        for part in parts
    )
