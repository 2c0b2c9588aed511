"""Turn a RawArticle into a clean Article (or a Rejection when nothing usable remains)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re

from newsfold.clean.html import IndexPage, UnreadablePage, clean_html
from newsfold.clean.pages import not_an_article, titled
from newsfold.clean.text import capped, clean_text, one_line
from newsfold.dates import parse_published
from newsfold.types import Article, RawArticle, Rejection

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 300_000
"""The longest text an article may have once cleaned: some 50,000 words, well past the longest
news features. Longer is a book, a log or a dump, whose names alone would take the entity
recogniser minutes to read."""


def clean_article(raw: RawArticle) -> Article | Rejection:
    """Clean one raw article.

    What the container said (a JSON record's title, source, published) wins over what
    the text says about itself.
    """
    if raw.format == "html":
        try:
            cleaned = clean_html(raw.content, url=raw.url, title=raw.title)
        except UnreadablePage as exc:
            return Rejection(raw.path, f"the HTML page could not be parsed: {exc}", raw.line)
        except IndexPage as exc:
            return Rejection(raw.path, f"not an article: {exc}", raw.line)
        if cleaned is None:
            return Rejection(raw.path, "no article text found in the HTML page", raw.line)
    else:
        cleaned = clean_text(raw.content, title=raw.title)
    # Told from the story's text when there is one: a page's menus may be in English around it.
    if (
        _unspaced_script("\n".join(cleaned.paragraphs), markup=False)
        if cleaned.paragraphs
        else _unspaced_script(raw.content)
    ):
        reason = "written in a script without spaces between words (Chinese, Japanese, Thai), which is not read yet"
        return Rejection(raw.path, reason, raw.line)
    if not cleaned.paragraphs:
        return Rejection(raw.path, "no story text left after removing page furniture", raw.line)
    if not any(ch.isalpha() for p in cleaned.paragraphs for ch in p):
        return Rejection(raw.path, "no words in the text (only figures, punctuation or symbols)", raw.line)
    # A page's own <title>: the one cleaning gives may be cut at a dash ("Access denied – Court
    # rules against asylum seekers" gave "Access denied").
    page_title = _title_element(raw.content) if raw.format == "html" else None
    if kind := not_an_article(raw.title or page_title or cleaned.title, cleaned.paragraphs):
        return Rejection(raw.path, f"not an article: {kind}", raw.line)
    length = sum(len(p) for p in cleaned.paragraphs)
    if length > MAX_TEXT_CHARS:
        return Rejection(
            raw.path, f"too long for a news article ({length:,} characters of text, limit {MAX_TEXT_CHARS:,})", raw.line
        )
    return Article(
        id=raw.id,
        path=raw.path,
        paragraphs=cleaned.paragraphs,
        title=capped(_named(one_line(raw.title)) or _named(one_line(cleaned.title))),
        source=capped(one_line(raw.source) or one_line(cleaned.source)),
        published=_published(raw) or cleaned.published,
        url=_url(raw.url),
        author=capped(one_line(cleaned.author)),
        line=raw.line,
    )


PLACEHOLDER_TITLES = frozenset(
    "home|home page|homepage|index|default|untitled|untitled document|untitled page|new page|document|page"
    "|no title|title|article|news|story|blog".split("|")
)
"""Titles a page's template leaves when no one wrote one: as an event's headline they name nothing."""


def _named(title: str | None) -> str | None:
    """``title``, unless a template left it ("Home", "Home | The Courier")."""
    placeholder = title is not None and titled(title, lambda part: part in PLACEHOLDER_TITLES, most_parts=2)
    return None if placeholder else title


MAX_URL_CHARS = 8_000
"""A longer url is no address a reader can use (browsers and servers stop near this); a cut
one would be a broken link, so it is left out. A space in one is written %20."""


_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
"""Thai, kana and CJK ideographs: scripts that write no space between words."""
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def _unspaced_script(content: str, *, markup: bool = True) -> bool:
    """Whether most of the letters of a text (or, with ``markup``, a page's text) are of such a script."""
    head = content[:50_000]
    if not _UNSPACED.search(head):  # nearly every text: one scan, no markup to strip or letters to count
        return False
    head = _MARKUP.sub(" ", head) if markup else head
    letters = sum(ch.isalpha() for ch in head)
    return letters > 0 and len(_UNSPACED.findall(head)) > letters / 2


def _title_element(page: str) -> str | None:
    """The text of a page's <title>, looked for in its head (plain finds: a page is hostile input)."""
    head = page[:100_000]
    lower = head.lower()
    start = lower.find("<title")
    opened = head.find(">", start) if start >= 0 else -1
    end = lower.find("</title", opened) if opened >= 0 else -1
    if end < 0:
        return None
    return html.unescape(head[opened + 1 : end]).strip() or None


def _url(raw: str | None) -> str | None:
    url = one_line(raw)
    if url:
        url = url.replace(" ", "%20")  # as a browser sends it
    return url if url and len(url) <= MAX_URL_CHARS else None


def _published(raw: RawArticle) -> dt.date | None:
    """The publication date the container gives; one it gives that cannot be read is named in
    a warning (the text's own date is taken, if it has one)."""
    date = parse_published(raw.published)
    if raw.published and date is None:
        where = f"{raw.path}:{raw.line}" if raw.line else raw.path
        value = raw.published[:80]
        log.warning(
            "%s: publication date %r not understood (a day of the years 1600 to 2199); the text's own is taken, if any",
            where,
            value,
        )
    return date
