"""End to end on the bundled sample: the exact stories and events it was designed to have.

The expected values come from tests/fixtures/sample_truth.json, written by hand from the
corpus design, not from newsfold's output.
"""

from __future__ import annotations

from newsfold.summarize import normalise_for_match


def designed_stories(truth):
    return {frozenset(story) for event in truth["events"] for story in event["stories"]}


def designed_events(truth):
    return {frozenset(a for story in event["stories"] for a in story) for event in truth["events"]}


def test_every_article_is_read_and_none_rejected(sample_fold, sample_truth):
    assert sorted(a.id for a in sample_fold.articles) == sorted(sample_truth["articles"])
    assert sample_fold.rejected == ()


def test_copies_form_exactly_the_designed_stories(sample_fold, sample_truth):
    assert {frozenset(s.articles) for s in sample_fold.stories} == designed_stories(sample_truth)


def test_canonical_article_is_the_most_complete_copy(sample_fold):
    words = {a.id: a.words for a in sample_fold.articles}
    for story in sample_fold.stories:
        assert words[story.canonical] == max(words[a] for a in story.articles)


def test_stories_group_into_exactly_the_designed_events(sample_fold, sample_truth):
    assert {frozenset(e.articles) for e in sample_fold.events} == designed_events(sample_truth)


def test_cleaning_keeps_the_story_and_drops_the_page_furniture(sample_fold, sample_truth):
    for article in sample_fold.articles:
        expected = sample_truth["articles"][article.id]
        text = " ".join(article.text.split())
        for sentence in expected["keep"]:
            assert " ".join(sentence.split()) in text, (article.id, sentence)
        for furniture in expected["boilerplate"]:
            assert " ".join(furniture.split()) not in text, (article.id, furniture)


def test_publication_dates_match_the_design(sample_fold, sample_truth):
    found = {a.id: a.published.isoformat() if a.published else None for a in sample_fold.articles}
    assert found == {k: v["published"] for k, v in sample_truth["articles"].items()}


# Outlets the sample's pages never state as their publisher (no masthead, footer, dateline
# credit or "reported ..."): 11 names its outlet only inside a photographer's credit.
UNSTATED_OUTLET = {"11_northgate-vote"}


def test_sources_are_the_outlets_the_pages_state(sample_fold, sample_truth):
    for article in sample_fold.articles:
        expected = None if article.id in UNSTATED_OUTLET else sample_truth["articles"][article.id]["source"]
        assert article.source == expected, article.id


def test_summaries_fit_the_budget_and_every_sentence_is_in_every_article_it_cites(sample_fold):
    texts = {a.id: normalise_for_match(a.text).split() for a in sample_fold.articles}
    for event in sample_fold.events:
        assert 0 < event.summary.words <= 40
        assert event.summary.words <= event.brief.words <= 200
        assert len(event.headline.sentences) == 1 and event.headline.words <= 15
        for sentence in event.summary.sentences + event.brief.sentences:
            assert set(sentence.sources) <= set(event.articles)
            words = normalise_for_match(sentence.text).split()
            for source in sentence.sources:
                assert _nearly_within(words, texts[source]), (sentence.text, source)


def _nearly_within(words, text, slack=2):
    """The sentence's words appear in order within a window of the text, allowing a couple
    of inserted or changed words (a syndicated copy's light edits)."""
    from difflib import SequenceMatcher

    for start in range(len(text) - len(words) + 1):
        window = text[start : start + len(words) + slack]
        matched = sum(b.size for b in SequenceMatcher(None, words, window, autojunk=False).get_matching_blocks())
        if matched >= len(words) - slack:
            return True
    return False


def test_a_sentence_every_copy_carries_credits_them_all(sample_fold):
    """Completeness of attribution: an article of the event holding a summary sentence word
    for word is among its sources; the flood wire's reprints are credited beside it."""
    texts = {a.id: f" {normalise_for_match(a.text)} " for a in sample_fold.articles}
    credited_together = False
    for event in sample_fold.events:
        for sentence in event.summary.sentences + event.brief.sentences:
            needle = f" {normalise_for_match(sentence.text)} "
            holders = {a for a in event.articles if needle in texts[a]}
            assert holders <= set(sentence.sources), sentence.text
            credited_together |= {"01_meridian-flood-wire", "16a_herald-flood-reprint"} <= set(sentence.sources)
    assert credited_together
