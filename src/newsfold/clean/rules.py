"""Line rules that tell page furniture from story text in scraped plain text.

Each rule looks at one line (a paragraph after hard-wrapped lines are joined). Rules are
written to be precise: a line is only dropped when it cannot be a sentence of the story.
"""

from __future__ import annotations

import re

from newsfold.sentences import quotes_closed

# Short lines after which the rest of a page is teasers, author boxes and comment forms.
TAIL_MARKERS = frozenset(
    {
        "about admin",
        "about the author",
        "about author",
        "check also",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "related news",
        "read more",
        "read also",
        "see also",
        "more stories",
        "more from",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "comments",
        "share it",
        "share this",
        "share this:",
        "share this article",
        "share this story",
        "popular",
        "most read",
        "trending",
        "latest news",
        "previous article",
        "next article",
        "tags",
    }
)

_BOILERPLATE = re.compile(
    r"""(?ix)^(?:
        (?:share|tweet|email|print|save|copy\ link|pin\ it|whatsapp|facebook|twitter|linkedin|reddit)
            (?:\s*(?:this|on\ \w+|article|story))?[\s:|·•]*
      | advertisement | sponsored(?:\ content)? | scroll\ to\ continue .*
      | click\ here\b.* | (?:sign\ up|subscribe)\b.{0,120} | follow\ us\b.{0,80}
      | your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.*
      | (?:we|this\ (?:site|website))\ uses?\ cookies\b.* | accept\ (?:all\ )?cookies?
      | .{0,60}\bnewsletter\b.{0,60} | all\ rights\ reserved.* | ©.* | copyright\ ©?\s*\d{4}.*
      | (?:name|email|website|comment)\s*\*? | post\ comment | submit
      | loading\.{0,3} | \d+\s+comments?
      | (?:more\ from|read\ more|read\ also|also\ read|see\ also|related)\b[^.!?]{0,60}:.{0,140}
      | listen\ to\ this\ (?:report|article|story)\b.{0,30}
      | (?:this|the\ rest\ of\ this|the\ full)\ (?:article|story|content)\ is\ (?:only\ )?
            (?:for|available\ (?:only\ )?to|exclusive\ to)\ (?:paying\ )?(?:subscribers|members)(?:\ only)?\W*
      | to\ (?:continue|keep)\ reading,?\ (?:please\ )?(?:subscribe|sign\ in|log\ in|register)\b.{0,60}
      | you(?:'ve|’ve|\ have)\ reached\ (?:your|the)\ (?:limit|maximum)\ of\ free\ (?:articles|stories)\b.{0,60}
      | already\ a\ (?:subscriber|member)\?.{0,40}
      | become\ a\ (?:member|subscriber)\ to\ (?:read|continue|access)\b.{0,60}
    )\s*$""",
)

_CAPTION = re.compile(
    r"""(?x)
      \b(?:PHOTO|PHOTOS|PHOTOGRAPH|IMAGE|PICTURE|CREDIT|FILE\ PHOTO|Photo|Photograph|Image|Credit)\s*:\s*\S
    | \((?:Courtesy|Photo|File\ photo|AP\ Photo|AFP|Reuters|Getty\ Images|Supplied|Handout)[^()]{0,80}\)\s*\.?\s*$
    | /\s*(?:Getty\ Images|AFP|Reuters|AP|EPA)\s*\)?\s*$
    """
)

_BYLINE = re.compile(
    r"^(?:By|BY|Written by|Words by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*"
    r"(?:\s*[,|]\s*[\w .'’-]{0,40})?$"
)

_CONTRIBUTOR = re.compile(
    r"(?i)^[\s—–-]*(?:(?:additional\s+)?reporting\s+by\b|writing\s+by\b|editing\s+by\b"
    r"|compiled\s+by\b|.{0,80}\bcontributed\s+(?:reporting|to\s+this\s+(?:article|report|story))\b"
    r"|(?:this|the)\s+(?:story|article|report)\s+(?:was\s+|is\s+)?(?:supplied|provided|distributed"
    r"|(?:first\s+|originally\s+)?published|republished)\s+(?:by|in)\b)"
)

_STAMP = re.compile(
    r"(?i)^(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified)\b\s*:?\s*(?:on\s+)?)?"
    r"(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|just\s+now|yesterday|today"
    r"|(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+|\s*$))?(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?)?)\s*$"
)
"""A date written in figures and a time ("12.03.2025 14:02", "2025-03-12", "14:02"), after a
label or not; a run of figures is not one ("0800 555 0199", a score "2 - 1")."""
_READING_TIME = re.compile(r"(?i)(?:^|[\s•·|,-])\d+\s*min(?:ute)?s?\s+read\s*$")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")


def is_tail_marker(line: str) -> bool:
    return line.strip(" :-–—|").lower() in TAIL_MARKERS


def is_stamp(line: str) -> bool:
    """A page's time stamp or reading time, which no date parser reads: "Updated 2 hours ago",
    "Published: 12.03.2025 14:02", "3 min read"."""
    if len(line) > 80 or not line.strip():
        return False
    return _STAMP.match(line) is not None or _READING_TIME.search(line) is not None


def is_boilerplate(line: str) -> bool:
    return len(line) < 400 and bool(_BOILERPLATE.match(line))


def is_caption(line: str) -> bool:
    """A photo caption or credit line ("... PHOTO: REUTERS", "... (Courtesy)")."""
    if ":" not in line and not line.endswith((")", ").")) and "/" not in line[-40:]:
        return False  # every caption pattern needs one of these; skip the regex scan
    return len(line.split()) <= 80 and bool(_CAPTION.search(line))


def is_byline(line: str) -> bool:
    return len(line.split()) <= 14 and bool(_BYLINE.match(line))


def byline_name(line: str) -> str:
    name = re.sub(r"^(?:By|BY|Written by|Words by)\s+", "", line)
    return re.split(r"\s*[,|]\s*", name)[0].strip()


def is_contributor_line(line: str) -> bool:
    return len(line.split()) <= 40 and bool(_CONTRIBUTOR.match(line))


def ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


def is_heading(line: str, max_words: int = 8) -> bool:
    """A subhead or section label: short, no closing punctuation, capitalised words."""
    words = line.split()
    if not words or len(words) > max_words or ends_sentence(line) or line.endswith((",", ";")):
        return False
    if line.isupper():
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= max(1, len(words) - 1) or len(words) <= 3


def is_section_label(line: str) -> bool:
    """An all-capitals one-to-three word label such as "WORLD" or "BUSINESS NEWS"."""
    return line.isupper() and len(line.split()) <= 3 and not ends_sentence(line)


def short_capitals(line: str) -> bool:
    """A line in capitals of at most four words: a masthead or a section label ("WORLD",
    "HONG KONG"), not a headline."""
    return line.isupper() and len(line.split()) <= 4


_NO_HEADLINE_OPENS = re.compile(r"[*•·▪►-]|\d{1,2}[.)]\s|\(.*\)$|\[.*\]$")
"""A list's bullet or number, or a note wholly in brackets ("(Jo Lee is a staff writer)"); a
wire's tag before a headline is no such note ("(LEAD) N. Korea fires missile", "[Update] ...")."""


def looks_like_title(line: str) -> bool:
    """A headline's shape: 3 to 25 words, no closing period; in capitals only from five words
    ("CITY COUNCIL APPROVES HARBOUR BRIDGE PLAN"), shorter ones being mastheads and labels.

    Not a line that leads into the next ("The Times said in an editorial:", "Bans exist in:")
    or breaks off (","), a note wholly in brackets ("(Jo Lee is a staff writer)"), a list's item
    ("* NASA to launch...", "2. Rates") or half a quotation ("“Speak of me as I am,").
    """
    words = line.split()
    text = line.strip()
    return (
        3 <= len(words) <= 25
        and not text.endswith((".", ":", ",", ";"))
        and not _NO_HEADLINE_OPENS.match(text)
        and quotes_closed(text)
        and not short_capitals(line)
    )


def is_body(line: str) -> bool:
    """Story text: at least a sentence's worth of words ending like a sentence."""
    return len(line.split()) >= 8 and ends_sentence(line)
