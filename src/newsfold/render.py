"""Write a Fold as JSON (the stable contract), plain text or Markdown."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import TextIO

from newsfold import __version__
from newsfold.types import Article, Event, Facts, Figure, Fold, Story, Summary

FORMATS = ("text", "json", "markdown")


def write(fold: Fold, stream: TextIO, fmt: str = "text") -> None:
    """Write ``fold`` to ``stream`` in one of FORMATS."""
    writer = {"text": write_text, "json": write_json, "markdown": write_markdown}[fmt]
    writer(fold, stream)


def article_record(article: Article, story: str | None) -> dict[str, object]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "words": article.words,
        "story": story,
        "text": article.text,
    }


def story_record(story: Story) -> dict[str, object]:
    return {
        "id": story.id,
        "canonical": story.canonical,
        "articles": list(story.articles),
        "similarity": dict(story.similarity),
        "containment": dict(story.containment),
    }


def event_record(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date.isoformat() if event.date else None,
        "stories": list(event.stories),
        "articles": list(event.articles),
        "headline": summary_record(event.headline),
        "summary": summary_record(event.summary),
        "brief": summary_record(event.brief),
        **(facts_record(event.facts) if event.facts is not None else {}),
    }


def facts_record(facts: Facts) -> dict[str, object]:
    """The event's entities, quotes, figures, timeline, agreement and sources (JSON contract)."""
    return {
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases), "mentions": dict(e.mentions)}
            for e in facts.entities
        ],
        "quotes": [
            {"speaker": q.speaker, "role": q.role, "text": q.text, "kind": q.kind, "articles": list(q.articles)}
            for q in facts.quotes
        ],
        "figures": [figure_record(f) for f in facts.figures],
        "timeline": [{"date": t.date, "text": t.text, "articles": list(t.articles)} for t in facts.timeline],
        "agreement": {
            "consensus": [{"text": c.text, "articles": list(c.articles)} for c in facts.agreement.consensus],
            "unique": [{"text": c.text, "articles": list(c.articles)} for c in facts.agreement.unique],
            "conflicts": [
                {"measures": c.measures, "kind": c.kind, "figures": [figure_record(f) for f in c.figures]}
                for c in facts.agreement.conflicts
            ],
        },
        "sources": [{"name": s.name, "articles": list(s.articles), "unique": list(s.unique)} for s in facts.sources],
    }


def figure_record(figure: Figure) -> dict[str, object]:
    value = int(figure.value) if figure.value == int(figure.value) else figure.value
    return {
        "value": value,
        "unit": figure.unit,
        "text": figure.text,
        "measures": figure.measures,
        "period": figure.period,
        "articles": list(figure.articles),
    }


def summary_record(summary: Summary) -> dict[str, object]:
    return {
        "text": summary.text,
        "sentences": [{"text": s.text, "sources": list(s.sources)} for s in summary.sentences],
    }


def _sections(fold: Fold) -> tuple[tuple[str, Iterator[dict[str, object]]], ...]:
    """The contract's sections, each a lazy sequence of records."""
    story_of = {a: s.id for s in fold.stories for a in s.articles}
    return (
        ("articles", (article_record(a, story_of.get(a.id)) for a in fold.articles)),
        ("stories", (story_record(s) for s in fold.stories)),
        ("events", (event_record(e) for e in fold.events)),
        ("rejected", ({"path": r.path, "line": r.line, "reason": r.reason} for r in fold.rejected)),
    )


def write_json(fold: Fold, stream: TextIO) -> None:
    """The JSON contract, written record by record so a large fold is never one big string."""
    stream.write('{"newsfold": ' + json.dumps(__version__))
    for name, records in _sections(fold):
        stream.write(f',\n "{name}": [')
        for index, record in enumerate(records):
            stream.write(("," if index else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        stream.write("]")
    stream.write("}\n")


def write_jsonl(fold: Fold, stream: TextIO) -> None:
    """The JSON contract as JSON Lines: one ``{"type": section, ...record}`` per line."""
    kinds = {"articles": "article", "stories": "story", "events": "event", "rejected": "rejected"}
    for name, records in _sections(fold):
        for record in records:
            stream.write(json.dumps({"type": kinds[name], **record}, ensure_ascii=False) + "\n")


def to_dict(fold: Fold) -> dict[str, object]:
    """The JSON contract as Python data (for callers that want it in memory)."""
    return {"newsfold": __version__, **{name: list(records) for name, records in _sections(fold)}}


def write_text(fold: Fold, stream: TextIO) -> None:
    _write_readable(fold, stream, markdown=False)


def write_markdown(fold: Fold, stream: TextIO) -> None:
    _write_readable(fold, stream, markdown=True)


def _write_readable(fold: Fold, stream: TextIO, *, markdown: bool) -> None:
    stream.write(f"# newsfold: {_overview(fold)}\n" if markdown else _overview(fold) + "\n")
    articles, stories = {a.id: a for a in fold.articles}, {s.id: s for s in fold.stories}
    for number, event in enumerate(fold.events, start=1):
        lines = _event_lines(articles, stories, event, number, markdown=markdown)
        stream.write("\n" + "\n".join(lines) + "\n")
    stream.writelines(_rejections(fold, markdown=markdown))


_MARKDOWN_MARK = re.compile(r"[\\`*\[\]<>|~]|_+|&(?=#?[0-9A-Za-z]+;)")
"""Characters Markdown may read as marks ("&" only where it opens an entity: "AT&T" stays)."""
_OPENING_MARK = re.compile(r"^(?:>|#+(?=\s|$)|[+-](?=\s|$)|[=-]+\s*$|\d{1,9}[.)](?=\s|$))")
"""What opens a quotation, heading, list or rule at the start of a line ("> ", "# ", "- ", "---", "1. ")."""


def markdown_text(text: str) -> str:
    """Text from an article as Markdown that reads as the same text: every character Markdown
    could take for emphasis, a link, code, HTML or a table escaped, as is one that would open a
    heading, quotation or list ("# ", "1. ") at the start. An article's title written as
    "<script>...</script>" or "[link](...)" stays words on the page."""
    text = _MARKDOWN_MARK.sub(_escaped_mark, text)
    return _OPENING_MARK.sub(_escaped_opening, text, count=1)


def _escaped_mark(match: re.Match[str]) -> str:
    """A mark escaped; underscores inside a word ("01_wire") cannot be emphasis, and stay."""
    mark, text = match.group(0), match.string
    start, end = match.span()
    if mark[0] == "_" and 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return mark
    return "".join("\\" + ch for ch in mark)


def _escaped_opening(match: re.Match[str]) -> str:
    mark = match.group(0)
    return mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark


def escaper(markdown: bool) -> Callable[[str], str]:
    """How text an article brings is written: escaped in Markdown (:func:`markdown_text`), as
    it is otherwise."""
    return markdown_text if markdown else _plain


def _plain(text: str) -> str:
    return text


def _overview(fold: Fold) -> str:
    outlets = {a.source for a in fold.articles if a.source}
    return (
        f"{_count(len(fold.events), 'event')} from {_count(len(fold.articles), 'article')} "
        f"({_count(len(fold.stories), 'story', 'stories')}, {_count(len(outlets), 'named outlet')}); "
        f"{_count(len(fold.rejected), 'input')} rejected"
    )


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _event_lines(
    articles: dict[str, Article], stories: dict[str, Story], event: Event, number: int, *, markdown: bool
) -> Iterator[str]:
    esc = escaper(markdown)
    marker = {a: k for k, a in enumerate(event.articles, start=1)}
    outlets = sorted({esc(articles[a].source) for a in event.articles if articles[a].source})
    date = event.date.isoformat() if event.date else "date unknown"
    facts = f"{date} · {_count(len(event.articles), 'article')} in {_count(len(event.stories), 'story', 'stories')}"
    if outlets:
        facts += " · " + ", ".join(outlets)
    indent = "" if markdown else "    "
    title = esc(event.title) if event.title else "(not summarised yet)"  # an add is still to summarise it
    yield f"## {number}. {title}" if markdown else f"[{number}] {title}"
    yield f"{indent}{'*' + facts + '*' if markdown else facts}"
    yield ""
    summary = _cited(event.summary, marker, esc)
    if summary:
        yield f"{indent}{summary}"
    elif event.title and event.brief.sentences:
        yield f"{indent}(no summary: no sentence fits the budget)"
    elif event.title:  # the brief's 200 words fit any candidate: there is none
        yield (
            f"{indent}(no summary: no sentence stands alone: 10 to 60 words, a statement that opens with a capital,"
            " no quotation without its speaker)"
        )
    else:
        yield f"{indent}(no summary yet: the next add summarises this event)"
    yield ""
    brief = _cited(event.brief, marker, esc)
    if brief and brief != summary:
        yield f"{indent}{'**Brief.** ' if markdown else 'Brief: '}{brief}"
        yield ""
    bullet = "- " if markdown else ""
    if event.facts is not None:
        yield from _facts_lines(event.facts, marker, indent, markdown=markdown)
    for k, story_id in enumerate(event.stories, start=1):
        story = stories[story_id]
        copies = f" ({_count(len(story.articles), 'article')})" if len(story.articles) > 1 else ""
        yield f"{indent}{bullet}Story {k}{copies}"
        for article_id in story.articles:
            yield f"{indent}  {bullet}[{marker[article_id]}] {_article_line(articles[article_id], story, esc)}"


SHOWN = 5
"""Items of each kind shown per event in text and Markdown (JSON has them all)."""


def _facts_lines(facts: Facts, marker: dict[str, int], indent: str, *, markdown: bool) -> Iterator[str]:
    esc = escaper(markdown)

    def cite(articles: tuple[str, ...]) -> str:
        return "[" + ", ".join(str(marker[a]) for a in articles if a in marker) + "]"

    def section(name: str, items: list[str]) -> Iterator[str]:
        if not items:
            return
        yield f"{indent}{'**' + name + '.**' if markdown else name + ':'}"
        for item in items[:SHOWN]:
            yield f"{indent}{'- ' if markdown else '  - '}{item}"
        if len(items) > SHOWN:
            yield f"{indent}{'- ' if markdown else '  - '}... and {len(items) - SHOWN} more"
        yield ""

    yield from section(
        "Who",
        [
            f"{esc(e.name)} ({e.type.lower()})" + (f", also {', '.join(map(esc, e.aliases))}" if e.aliases else "")
            for e in facts.entities
        ],
    )
    yield from section(
        "Quotes",
        [
            f"{esc(q.speaker) if q.speaker else 'unnamed'}{', ' + esc(q.role) if q.role else ''}: "
            f"{'“' + esc(q.text) + '”' if q.kind == 'direct' else esc(q.text)} {cite(q.articles)}"
            for q in facts.quotes
        ],
    )
    yield from section(
        "Figures",
        [
            f"{esc(f.text)}: {esc(f.measures)}{' (' + esc(f.period) + ')' if f.period else ''} {cite(f.articles)}"
            for f in facts.figures
        ],
    )
    yield from section("Timeline", [f"{t.date}: {esc(t.text)} {cite(t.articles)}" for t in facts.timeline])
    yield from section(
        "Figures that differ",
        [
            f"{esc(c.measures)} ({c.kind}): "
            + "; ".join(
                f"{esc(f.text)}{' ' + esc(f.period) if f.period else ''} {cite(f.articles)}" for f in c.figures[:SHOWN]
            )
            + (f"; ... and {len(c.figures) - SHOWN} more" if len(c.figures) > SHOWN else "")
            for c in facts.agreement.conflicts
        ],
    )
    yield from section("Sources agree", [f"{esc(c.text)} {cite(c.articles)}" for c in facts.agreement.consensus])
    yield from section(
        "Only one source",
        [
            f"{esc(s.name) if s.name else 'an unnamed outlet'} {cite(s.articles)}: {esc(u)}"
            for s in facts.sources
            for u in s.unique
        ],
    )


def _cited(summary: Summary, marker: dict[str, int], esc: Callable[[str], str]) -> str:
    """Sentences each followed by the numbers of the articles stating it: "... [1, 3]"."""
    return " ".join(f"{esc(s.text)} [{', '.join(str(marker[a]) for a in s.sources)}]" for s in summary.sentences)


def _article_line(article: Article, story: Story, esc: Callable[[str], str]) -> str:
    parts = [esc(article.id)]
    if article.source:
        parts.append(esc(article.source))
    if article.published:
        parts.append(article.published.isoformat())
    if article.id == story.canonical:
        note = "canonical" if len(story.articles) > 1 else ""
    else:
        note = f"copy, {story.containment.get(article.id, 0):.0%} of it in the canonical"
    line = " · ".join(parts)
    if article.title:
        line += f" — {esc(article.title)}"
    return f"{line} ({note})" if note else line


def _rejections(fold: Fold, *, markdown: bool) -> Iterator[str]:
    if not fold.rejected:
        return
    yield "\n## Rejected inputs\n\n" if markdown else "\nRejected inputs:\n"
    for r in fold.rejected:
        where = f"{r.path}:{r.line}" if r.line else r.path
        yield f"- {_code(where)}: {markdown_text(r.reason)}\n" if markdown else f"  {where}: {r.reason}\n"


def _code(text: str) -> str:
    """``text`` as a Markdown code span: fenced by more backticks than it holds in a row."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
