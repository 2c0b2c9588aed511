"""Clean HTML pages: trafilatura finds the main text and metadata, our line rules finish."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsfold.clean.text import CleanText, clean_text
from newsfold.dates import parse_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_TAG_CHARS = 10_000
"""A tag longer than this loses its attributes before the page is parsed: lxml's time grows
with the square of a tag's attributes (50,000 of them took over a minute), and a page's text
is never in them. Inline images (``src="data:..."``) are the long tags of honest pages."""
_MARKUP = re.compile(r"<(?:(?P<comment>!--)|(?P<raw>script|style)(?=[\s/>])|/?[A-Za-z])", re.IGNORECASE)
"""What opens a tag, a comment, or an element whose content is not markup."""
_TAG = re.compile(
    r"""
    (?P<name></?[A-Za-z][^\s/>]*+)
    (?:
        [\s/]++                                      # between attributes
      | [^\s/>][^\s/>=]*+                            # a name (which may start with "=") ...
        (?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]++)?+)?+  # ... and its value, if any
    )*+
    """,
    re.VERBOSE,
)
"""A tag up to its ">", as the HTML standard's tokenizer reads it: a quoted value may hold a
">". Possessive throughout, so matching is linear on any input."""
_RAW_END = {name: re.compile(f"</{name}", re.IGNORECASE) for name in ("script", "style")}
"""Where the content of a script or a style ends."""
_COMMENT_END = re.compile(r"-?>|.*?--!?>", re.DOTALL)
"""What closes a comment after its "<!--": at once ("<!-->", "<!--->"), or "-->" or "--!>"."""


MAX_TAGS = 100_000
"""More tags than this is no news page (the largest of the 1,171 benchmark pages has under
20,000), and trafilatura's time grows faster than its tags: 200,000 one-line paragraphs took
83 s, only for the text to be refused as too long afterwards."""
_TAG_START = re.compile(r"</?[A-Za-z]")
MAX_DEPTH = 2048
"""How deep elements may nest: libxml2's limit with its "huge" option (256 without it, which
unclosed inline tags on old pages reach). Deeper, it stops reading the page there."""


class UnreadablePage(ValueError):
    """The page's markup could not be parsed at all."""


class IndexPage(ValueError):
    """The page lists stories (a front page, a section's or a tag's), and is none itself."""


MIN_TEASERS = 5
"""An index page has at least this many teasers in the text extracted from it. A teaser is an
<article> of under TEASER_WORDS words with a linked heading; on the 1,171 article-extraction
benchmark pages the extracted text holds at most 2 (related stories), on a front page of the
sample's stories 11."""
TEASER_WORDS = 120


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
        page = _without_long_tags(html)
        tree = _parsed(page)
        if tree is None:
            return None
        teasers = _teasers(tree)  # before extraction, which prunes the tree
        doc = trafilatura.bare_extraction(
            tree,
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
    extracted = " ".join(doc.text.split())
    listed = sum(1 for teaser in teasers if teaser in extracted)
    if listed >= MIN_TEASERS:
        raise IndexPage(f"an index page, listing {listed} stories")
    cleaned = clean_text(doc.text, title=title or doc.title)
    return replace(
        cleaned,
        title=title or doc.title or cleaned.title,
        published=_page_date(doc.date, page, url) or cleaned.published,
        source=doc.sitename or cleaned.source,
        author=doc.author or cleaned.author,
    )


def _teasers(tree: HtmlElement) -> list[str]:
    """The opening words (60 characters) of the longest paragraph of each outermost <article>
    that is a teaser: short, with a heading linked to another page ("<h2><a href=/story>"; a
    live blog's posts link to themselves, "#post-12")."""
    found = []
    for element in tree.iter("article"):
        if any(parent.tag == "article" for parent in element.iterancestors()):
            continue
        links = element.xpath(".//*[self::h2 or self::h3 or self::h4]//a/@href")
        if len(element.text_content().split()) >= TEASER_WORDS or not any(not h.startswith("#") for h in links):
            continue
        paragraphs = [" ".join(p.text_content().split()) for p in element.iter("p")]
        longest = max(paragraphs, key=len, default="")
        if len(longest) >= 20:
            found.append(longest[:60])
    return found


def _parsed(page: str) -> HtmlElement | None:
    """The page as lxml reads it for trafilatura, with trafilatura's own parser settings and
    repairs, but nesting allowed to MAX_DEPTH: at libxml2's default of 256 the rest of a page
    is lost without a word (on the 1,171 benchmark pages this reads every page as before).

    Returns:
        The tree, or None when the page has no elements at all.

    Raises:
        UnreadablePage: the page has more than MAX_TAGS tags, or nests deeper than MAX_DEPTH.
    """
    tags = sum(1 for _ in _TAG_START.finditer(page))
    if tags > MAX_TAGS:
        raise UnreadablePage(f"it has {tags:,} tags, more than any news page (limit {MAX_TAGS:,})")
    from lxml.etree import ParserError  # noqa: PLC0415
    from lxml.html import HTMLParser, fromstring  # noqa: PLC0415
    from trafilatura.utils import repair_faulty_html  # noqa: PLC0415 - what trafilatura does first

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    markup = repair_faulty_html(page, page[:50].lower()).encode("utf-8", "surrogatepass")
    try:
        tree = fromstring(markup, parser=parser)
    except ParserError:  # "Document is empty"
        return None
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise UnreadablePage(f"elements nest deeper than {MAX_DEPTH:,} levels")
    return tree


def _page_date(found: str | None, page: str, url: str | None) -> dt.date | None:
    """The date trafilatura found, unless it is a 1 January that only a year in the page's text
    gave ("the bridge was built in 2019": htmldate's wider search reads 2019-01-01).

    On the 990 pages of trafilatura's evaluation set this drops 32 such dates from pages its
    annotation leaves undated, and one wrong date, and no right one.
    """
    published = parse_date(found)
    if published is None or (published.month, published.day) != (1, 1):
        return published
    import htmldate  # noqa: PLC0415 - comes with trafilatura

    try:
        declared = htmldate.find_date(page, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError):
        declared = None
    return published if declared else None


def _without_long_tags(html: str) -> str:
    """``html`` with each tag of over MAX_TAG_CHARS characters cut to its name (``<p>``).

    Tags, comments, and the content of scripts and styles are read as the HTML standard
    reads them, so that neither a quoted ">" nor a comment can hide a long tag from the cut,
    and a "<" in a comment or a script opens no tag.
    """
    parts, start, at = [], 0, 0
    while found := _MARKUP.search(html, at):
        if found.group("comment"):
            end = _COMMENT_END.match(html, found.end())
            at = end.end() if end else len(html)
            continue
        tag = _TAG.match(html, found.start())
        closing = tag.end()
        if closing == len(html):  # no ">": the page ends inside the tag
            break
        if closing - found.start() > MAX_TAG_CHARS:
            parts += [html[start : found.start()], tag.group("name") + ">"]
            start = closing + 1
        at = closing + 1
        if raw := found.group("raw"):
            end = _RAW_END[raw.lower()].search(html, at)
            at = end.start() if end else len(html)
    return "".join([*parts, html[start:]]) if parts else html
