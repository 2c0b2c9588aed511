"""Who said what: direct quotes and reported speech, each with its speaker and role.

Rules over each paragraph, in the way news writes attributions:

- direct: the words inside quotation marks; the parts of a quote split around "she said"
  are one quote. The speaker is the name next to a verb of saying outside the quotation
  marks ("said Dario Fenn, director of ...", "Lukin said", "ministry spokesman Geng Shuang
  said"); a pronoun or a paragraph with no attribution continues the story's last speaker.
- reported: a sentence with no quotation marks of the form "NAME said (that) CLAUSE" or
  "CLAUSE, NAME said", where NAME is a person or organisation the recogniser found (or,
  without the recogniser, a capitalised name).

The role is what the sentence says the speaker is: an appositive after the name ("a
professor at Far Eastern Federal University in Vladivostok") or the title before it
("Dunmarrow Mayor").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsfold.extract.entities import key as key_of
from newsfold.extract.ner import Mention
from newsfold.sentences import split_sentences

SAY = (
    r"(?:said|says|say|told|tells|wrote|writes|added|adds|warned|explained|noted|argued|insisted|"
    r"acknowledged|stated|announced|declared|predicted|estimated|claimed|recalled|replied|"
    r"cautioned|urged|conceded|admitted|complained|stressed|promised|pledged|vowed|insists|warns)"
)
Mentions = Sequence[Mention] | None
"""The recogniser's names in a paragraph (None: no recogniser)."""
Quoted = tuple[int, int, str]
"""A quoted part: where it starts and ends in the paragraph, and its words."""
MIN_QUOTE_WORDS = 4
"""Quoted words shorter than this are terms or titles ("cheating"), not quotes."""

_QUOTED = re.compile(r"“([^”“]*)”|(?<![\w\d])\"([^\"]*)\"(?!\w)|``(.*?)''", re.S)
_OPEN_QUOTE = re.compile(r"^\s*[“\"]([^”\"]+)$", re.S)
"""A paragraph that opens a quotation and does not close it: the quote goes on in the next one."""
_WORD_OF_NAME = (
    r"(?:(?:Gov|Sen|Rep|Lt|Gen|Col|Sgt|Capt|Maj|Adm|Rev|Cmdr|Brig|Pvt|Pfc|Spc|Supt|Insp|[A-Z])\.(?=\s+[A-Z])"
    r"|[A-Z][\w’'\-]*)"
)
_NAME = rf"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?{_WORD_OF_NAME}(?:\s+(?:{_WORD_OF_NAME}|de|van|von|al|bin|da|di|le)){{0,5}}"
"""A name: capitalised words, a title's abbreviation or an initial among them ("Sen. Paul S.
Sarbanes", "Kansas Gov. Bill Graves"; the title is told from the person later)."""
_PRONOUN = r"(?:he|she|they|He|She|They)"
_ROLE = r"(?P<role>[a-z](?:[^,.;:]|,(?=\d)|\.(?=\S)){0,150}?)"
"""What a speaker is, after their name: lower-case, up to the next comma or stop (commas in numbers kept)."""
_ROLE2 = _ROLE.replace("?P<role>", "?P<role2>")
_AFTER = re.compile(rf"^\W*(?:,\s*)?{SAY}\s+(?P<name>{_NAME}|{_PRONOUN})(?:\s*,\s*{_ROLE}\s*(?:[,.;]|$))?")
_BEFORE_VERB = re.compile(
    rf"(?P<pre>(?:[a-z][\w’'\-]*\s+){{0,3}})(?P<name>{_NAME}|{_PRONOUN})(?:\s*,\s*{_ROLE}\s*,)?\s+{SAY}\b"
)
_REPORTED_FIRST = re.compile(
    rf"^(?:(?P<lead>[^,“\"]{{1,80}}),\s+)??"  # "Speaking to reporters after the ceremony, " / "Its director, "
    rf"(?P<pre>(?:[\w’'\-]+\s+){{0,5}}?)(?:[Tt]he\s+)?(?P<name>{_NAME})(?:\s+and\s+(?P<also>{_NAME}))?(?:\s*,\s*{_ROLE}\s*,|\s*,)?"
    rf"\s+(?:has\s+|had\s+|have\s+)?{SAY}"
    rf"(?:\s+(?:on|in|at|late|early|after|before|during)\s+[\w’'\s]{{1,30}}?(?=\s+that\b))?"
    rf"(?:(?:(?<=told)|(?<=tells))\s+(?:reporters|journalists|parliament|lawmakers|the\s+\w+|(?:[A-Z][\w&’'\-]*\s+)*[A-Z][\w&’'\-]*(?=\s+that\b)))?"
    rf"\s+(?:that\s+)?(?P<clause>[A-Za-z0-9“\"].+)$"
)
_REPORTED_MID = re.compile(
    rf"(?:,\s+|\bas\s+)(?P<pre>(?:[\w’'\-]+\s+){{0,4}}?)(?P<name>{_NAME})\s+{SAY}(?:\s+on\s+\w+)?\s+that\s+(?P<clause>[a-z].+)$"
)
_REPORTED_PRONOUN = re.compile(
    rf"^(?P<name>He|She)\s+{SAY}(?:\s+(?:on|in)\s+\w+)?\s+(?:that\s+)?(?P<clause>[A-Za-z0-9].+)$"
)
_REPORTED_LAST = re.compile(
    rf"^(?P<clause>[A-Z].+?),\s+(?:(?:said|says)\s+(?:the\s+)?(?P<name2>{_NAME})(?:\s*,\s*{_ROLE2})?"
    rf"|(?P<pre>(?:[\w’'\-]+\s+){{0,3}}?)(?:the\s+)?(?P<name>{_NAME})(?:\s*,\s*{_ROLE}\s*,)?\s+{SAY})"
    rf"(?:\s+(?:on|late|early)\s+\w+)?(?:\s+(?:as|after|before|when|while)\s+[^,]+)?\s*\.$"
)
_TRAILING_DOT = re.compile(r"[.,;:]\s*$")


@dataclass(frozen=True, slots=True)
class Found:
    """A quote as found in one passage, before speakers get their canonical names."""

    speaker: str | None
    role: str | None
    text: str
    kind: str


class QuoteReader:
    """Reads one story's paragraphs in order, remembering who spoke last."""

    def __init__(self) -> None:
        self.last: tuple[str, str | None] | None = None  # (speaker, role)
        self.known: set[str] = set()  # surnames of the people the story has named

    def read(self, paragraph: str, mentions: Sequence[Mention] | None) -> list[Found]:
        for m in mentions or ():
            if m.type == "PERSON":
                self.known.add(paragraph[m.start : m.end].split()[-1].lower())
        quoted = [
            (m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in _QUOTED.finditer(paragraph)
        ]
        if not quoted and (opened := _OPEN_QUOTE.match(paragraph)):
            quoted = [(opened.start(1) - 1, len(paragraph), opened.group(1))]
        quoted = [(s, e, " ".join(t.split())) for s, e, t in quoted if t and t.strip()]
        long = [q for q in quoted if len(q[2].split()) >= MIN_QUOTE_WORDS and not _a_title(q[2])]
        found = []
        for sentence in split_sentences(paragraph):
            inside = sum(len("".join(q).split()) for q in _QUOTED_TEXT.findall(sentence))
            if inside > 0.5 * len(sentence.split()):
                continue  # a sentence of quotation is direct speech, not reported
            reported = self._reported(sentence, mentions, paragraph)
            if reported:
                found.append(reported)
        if long:
            found.extend(self._direct(paragraph, quoted, group, mentions) for group in _groups(paragraph, long))
        return found

    def _direct(
        self,
        paragraph: str,
        quoted: list[Quoted],
        group: list[Quoted],
        mentions: Mentions,
    ) -> Found:
        """One quote (``group``: its quoted parts) with the speaker its own words name, else the paragraph's."""
        starts = [s for s, _, _ in quoted]
        ends = [e for _, e, _ in quoted]
        previous = max((e for e in ends if e <= group[0][0]), default=0)
        following = min((s for s in starts if s >= group[-1][1]), default=len(paragraph))
        speaker, role = self._own_attribution(
            paragraph[previous : group[0][0]], paragraph[group[-1][1] : following], mentions, paragraph
        )
        if speaker is None:
            frame = "".join(paragraph[a:b] + " ¶ " for a, b in zip([0, *ends], [*starts, len(paragraph)], strict=True))
            speaker, role = self._attribution(frame, mentions, paragraph)
            if speaker is None:
                people = {
                    paragraph[m.start : m.end] for m in mentions or () if m.type == "PERSON" and not _inside(m, quoted)
                }
                if len(people) == 1:  # 'Lavrov praised what he called "..."'
                    speaker, role = people.pop(), None
                elif len(re.findall(r"\w+", frame)) <= 3 and self.last:  # a paragraph that is all quote
                    speaker, role = self.last
        if speaker is not None:
            self.last = (speaker, role)
        return Found(speaker, role, _join(t for _, _, t in group), "direct")

    def _own_attribution(
        self, before: str, after: str, mentions: Mentions, paragraph: str
    ) -> tuple[str | None, str | None]:
        """The speaker named in the quote's own sentence: just after it ('," Fenn said.'), else
        just before it ('Quaile replied: "')."""
        after = next(iter(split_sentences(after)), "")  # not at "Dr." or "Paul S."
        match = _AFTER.match(after) or _BEFORE_VERB.search(after)
        if match:
            return self._speaker(
                match.group("name"), match.group("role"), match.groupdict().get("pre") or "", mentions, paragraph
            )
        before = (split_sentences(before) or [""])[-1]
        matches = list(_BEFORE_VERB.finditer(before))
        if matches:
            m = matches[-1]
            return self._speaker(m.group("name"), m.group("role"), m.group("pre"), mentions, paragraph)
        return None, None

    def _attribution(self, frame: str, mentions: Mentions, paragraph: str) -> tuple[str | None, str | None]:
        """The speaker named anywhere in ``frame`` (the paragraph with its quotes replaced by ¶)."""
        for part in frame.split("¶")[1:]:  # right after a quote: "..." said NAME, ROLE
            match = _AFTER.match(part)
            if match:
                return self._speaker(match.group("name"), match.group("role"), "", mentions, paragraph)
        match = _BEFORE_VERB.search(frame)
        if match:
            return self._speaker(match.group("name"), match.group("role"), match.group("pre"), mentions, paragraph)
        return None, None

    def _speaker(
        self, name: str, role: str | None, pre: str, mentions: Mentions, paragraph: str
    ) -> tuple[str | None, str | None]:
        if re.fullmatch(_PRONOUN, name):
            return self._antecedent(name, mentions, paragraph)
        person, title = _split_title(name, mentions, paragraph)
        if person is None:
            return None, None
        role = _clean_role(role) or title or _title_before(pre)
        return person, role

    def _antecedent(self, pronoun: str, mentions: Mentions, paragraph: str) -> tuple[str | None, str | None]:
        """Who "he" or "she" is: the last person named before it in the paragraph, else the last speaker."""
        at = re.search(rf"\b{pronoun}\s+{SAY}", paragraph)
        if at and mentions:
            quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(paragraph)]
            before = [
                m
                for m in mentions
                if m.type == "PERSON" and m.end <= at.start() and not any(s <= m.start < e for s, e in quoted)
            ]
            if before:
                person = paragraph[before[-1].start : before[-1].end]
                if self.last and key_of(self.last[0]) == key_of(person):
                    return self.last
                return person, None
        return self.last if self.last else (None, None)

    def _is_named(self, name: str, mentions: Mentions, paragraph: str) -> bool:
        return _is_named(name, mentions, paragraph, self.known)

    def _reported(self, sentence: str, mentions: Mentions, paragraph: str) -> Found | None:
        pronoun = _REPORTED_PRONOUN.match(sentence)
        if pronoun:
            speaker, role = self._antecedent(pronoun.group("name"), mentions, paragraph)
            clause = _TRAILING_DOT.sub("", pronoun.group("clause").strip())
            if speaker is None or len(clause.split()) < MIN_QUOTE_WORDS:
                return None
            self.last = (speaker, role)
            return Found(speaker, role, clause, "reported")
        for pattern in (_REPORTED_LAST, _REPORTED_FIRST, _REPORTED_MID):
            match = pattern.match(sentence) if pattern is not _REPORTED_MID else pattern.search(sentence)
            if not match:
                continue
            groups = match.groupdict()
            name = groups.get("name") or groups.get("name2")
            if name and groups.get("also") and len(name.split()) == 1:
                name = f"{name} and {groups['also']}"  # one name with "and" in it: "Dock and Harbour Workers' Union"
            if not name or not self._is_named(name, mentions, paragraph):
                continue
            person, title = _split_title(name, mentions, paragraph)
            if person is None:
                continue
            role = (
                _clean_role(groups.get("role") or groups.get("role2"))
                or title
                or _title_before(groups.get("pre") or "")
                or _title_before(groups.get("lead") or "")
            )
            clause = groups["clause"].strip()
            if len(clause.split()) < MIN_QUOTE_WORDS:
                continue
            clause = _TRAILING_DOT.sub("", clause)
            self.last = (person, role)
            return Found(person, role, clause, "reported")
        return None


_QUOTED_TEXT = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def _groups(paragraph: str, long: list[Quoted]) -> list[list[Quoted]]:
    """Quoted parts split only by an attribution ("..." she said, "...") form one quote."""
    groups = [[long[0]]]
    for previous, part in zip(long, long[1:], strict=False):
        gap = paragraph[previous[1] : part[0]]
        if _is_attribution(gap):
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _is_attribution(gap: str) -> bool:
    """Whether the words between two quoted parts only say who spoke: one clause with a verb of
    saying ('", said Dario Fenn, director of the agency. "'), not a second speaker's sentence."""
    core = gap.strip(" ,.;:")
    if not core:
        return True
    return len(core.split()) <= 30 and bool(re.search(SAY, core)) and not re.search(r"[.!?:]\s+\S", core)


def _inside(mention: Mention, quoted: list[Quoted]) -> bool:
    return any(s <= mention.start < e for s, e, _ in quoted)


def _join(parts: Iterable[str]) -> str:
    """One quote from its parts: "..., " she said, "..." -> "... . ..." (a comma before a new sentence becomes a stop)."""
    text = ""
    for part in parts:
        part = part.strip()
        if text:
            if part[:1].isupper() and text[-1] in ",;:":
                text = text[:-1] + "."
            elif part[:1].isupper() and text[-1] not in ".!?…":
                text += "."
            text += " "
        text += part
    return text.rstrip(",;: ")


_NOT_NAMES = frozenset(
    "officials analysts police experts residents witnesses critics sources observers diplomats he she they it "
    "this that these those there the a an some many most others authorities".split()
)


def _is_named(name: str, mentions: Sequence[Mention] | None, paragraph: str, known: set[str]) -> bool:
    """A speaker for reported speech: a person or organisation, not "Officials" or a place.

    A name the recogniser marks as a person or organisation qualifies; so does one of two or
    more words it does not call a place, and a single word that is the surname of a person
    already named in the story ("Fenn said ...").
    """
    words = name.split()
    if words[0].lower() in _NOT_NAMES:
        return False
    if mentions is None:
        return True
    at = paragraph.find(name)
    overlapping = [m for m in mentions if m.start < at + len(name) and m.end > at]
    if any(m.type in ("PERSON", "ORG") for m in overlapping):
        return True
    if any(m.type == "PLACE" for m in overlapping):
        return False
    return len(words) >= 2 or name.lower() in known


_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def _a_title(text: str) -> bool:
    """Whether quoted words are a work's title, not someone's words: every word but small ones
    capitalised, and no sentence's end inside ("Ripley's Believe It or Not!", "The
    Recognition and Management of Early Psychosis"; a helper found 36 such "quotes")."""
    words = text.rstrip(" .!?,").split()
    if len(words) > 12 or re.search(r"[.!?]\s", text):
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words if w[:1].isalpha())


def _split_title(name: str, mentions: Sequence[Mention] | None, paragraph: str) -> tuple[str | None, str | None]:
    """Separate a title written before a name ("Dunmarrow Mayor Hester Quaile")."""
    if name.split()[0].lower() in _NOT_NAMES:
        return None, None
    if mentions:
        at = paragraph.find(name)
        for m in mentions:  # a name the recogniser saw longer: "Dock" of "Dock and Harbour Workers' Union"
            if m.type in ("PERSON", "ORG") and m.start <= at and at + len(name) <= m.end and len(m.text) > len(name):
                return paragraph[m.start : m.end], None
        for m in sorted(mentions, key=lambda m: ("PERSON", "ORG", "PLACE").index(m.type)):
            if m.type in ("PERSON", "ORG", "PLACE") and at <= m.start and m.end <= at + len(name) + 2:
                person = paragraph[m.start : m.end]
                title = paragraph[at : m.start].strip() or None
                if title and title.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Prof"):
                    title = None
                return person, title
    return name, None


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = " ".join(role.split()).strip(" ,.;")
    if not role or len(role.split()) > 15 or role.lower() in ("the", "a", "an") or role.startswith("which "):
        return None
    if role.split()[-1].lower() in ("and", "but", "who", "that", "then", "also"):
        return None
    return role


TITLES = frozenset(
    """spokesman spokeswoman spokesperson minister director leader adviser advisor official analyst mayor
    president secretary chief head professor economist lawmaker chairman chairwoman chair executive
    commissioner governor expert researcher scientist hydrologist engineer manager representative
    negotiator organiser organizer founder owner captain commander general diplomat ambassador envoy
    attorney lawyer judge prosecutor inspector officer premier chancellor senator""".split()
)


def _title_before(pre: str) -> str | None:
    """Lower-case words before a name, when they end in a title ("ministry spokesman")."""
    words = pre.split()
    if not words or words[-1].lower() not in TITLES:
        return None
    while words and words[0].lower() in ("the", "a", "an", "and", "but", "said", "says"):
        words = words[1:]
    return " ".join(words) or None
