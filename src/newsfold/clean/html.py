"""Clean HTML pages: trafilatura finds the main text and metadata, our line rules finish."""

from __future__ import annotations

import logging
from dataclasses import replace

from newsfold.clean.text import CleanText, clean_text
from newsfold.dates import parse_date

log = logging.getLogger(__name__)


def clean_html(html: str, *, url: str | None = None, title: str | None = None) -> CleanText | None:
    """Extract an article from an HTML page.

    Args:
        html: the page source.
        url: where it came from, if known (helps trafilatura with metadata).
        title: a headline known from elsewhere; it wins over the page's.

    Returns:
        CleanText, or None when the page holds no article text.
    """
    import trafilatura  # noqa: PLC0415 - heavy import, only paid when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,  # on div-only pages the footer leaks otherwise
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError) as exc:
        # trafilatura and lxml raise these on broken or hostile markup
        log.warning("trafilatura could not parse the page: %s", exc)
        return None
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
