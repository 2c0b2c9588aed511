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
    """``html`` with each tag of over MAX_TAG_CHARS characters cut to its name (``<p>``). A span
    from "<" to ">" holding another "<" is no tag (a comparison in a script, say) and stays."""
    parts, start, closing = [], 0, -1
    opening = html.find("<")
    while opening != -1:
        if closing < opening:
            closing = html.find(">", opening)
            if closing == -1:
                break
        inner = html.find("<", opening + 1, closing)
        if inner != -1:  # the next "<" opens the candidate; the same ">" closes it
            opening = inner
            continue
        if closing - opening > MAX_TAG_CHARS:
            name = _TAG_NAME.match(html, opening, opening + 200)
            parts += [html[start:opening], name.group(0) + ">" if name else ""]
            start = closing + 1
        opening = html.find("<", closing)
    return "".join([*parts, html[start:]]) if parts else html
