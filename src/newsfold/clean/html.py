"""Clean HTML pages: trafilatura finds the main text and metadata, our line rules finish."""

from __future__ import annotations

import re
from dataclasses import replace

from newsfold.clean.text import CleanText, clean_text
from newsfold.dates import parse_date

MAX_TAG_CHARS = 10_000
"""A tag longer than this loses its attributes before the page is parsed: lxml's time grows
with the square of a tag's attributes (50,000 of them took over a minute), and a page's text
is never in them. Inline images (``src="data:..."``) are the long tags of honest pages."""
_TAG_NAME = re.compile(r"</?[A-Za-z][^\s/>]*")
_MARKUP = re.compile(r"<(?:(?P<comment>!--)|(?P<raw>script|style)(?=[\s/>])|/?[A-Za-z])", re.IGNORECASE)
"""What opens a tag, a comment, or an element whose content is not markup."""


class UnreadablePage(ValueError):
    """The page's markup could not be parsed at all."""


def clean_html(html: str, *, url: str | None = None, title: str | None = None) -> CleanText | None:
    """Extract an article from an HTML page.

    Args:
        html: the page source.
        url: where it came from, if known (helps trafilatura with metadata).
        title: a headline known from elsewhere; it wins over the page's.

    Returns:
        CleanText, or None when the page holds no article text.

    Raises:
        UnreadablePage: the markup could not be parsed.
    """
    import trafilatura  # noqa: PLC0415 - heavy import, only paid when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            _without_long_tags(html),
            url=url,
            favor_precision=True,  # on div-only pages the footer leaks otherwise
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError) as exc:
        # trafilatura and lxml raise these on broken or hostile markup
        raise UnreadablePage(str(exc) or type(exc).__name__) from exc
    if doc is None or not (doc.text or "").strip():
        return None
    cleaned = clean_text(doc.text, title=title or doc.title)
    return replace(
        cleaned,
        title=title or doc.title or cleaned.title,
        published=parse_date(doc.date) or cleaned.published,
        source=doc.sitename or cleaned.source,
        author=doc.author or cleaned.author,
    )


def _without_long_tags(html: str) -> str:
    """``html`` with each tag of over MAX_TAG_CHARS characters cut to its name (``<p>``).

    A tag is "<" and a name, up to the next ">" (as a browser reads it: a "<" or a quoted ">"
    inside is the attacker's problem, not ours); comments and what scripts and styles hold
    are passed over, for a "<" in them opens no tag.
    """
    parts, start, at = [], 0, 0
    while found := _MARKUP.search(html, at):
        opening = found.start()
        if found.group("comment"):
            end = html.find("-->", found.end())
            at = len(html) if end == -1 else end + 3
            continue
        closing = html.find(">", opening)
        if closing == -1:
            break
        if closing - opening > MAX_TAG_CHARS:
            name = _TAG_NAME.match(html, opening, opening + 200)
            parts += [html[start:opening], name.group(0) + ">" if name else ""]
            start = closing + 1
        at = closing + 1
        if raw := found.group("raw"):
            end = re.compile(rf"</{raw}", re.IGNORECASE).search(html, at)
            at = end.start() if end else len(html)
    return "".join([*parts, html[start:]]) if parts else html
