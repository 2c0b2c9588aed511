from newsfold.summarize import Attributor, normalise_for_match, summarize_event
from newsfold.types import Article, Story


def art(ident, *paragraphs):
    return Article(id=ident, path=ident, paragraphs=paragraphs)


def test_normalise_for_match():
    assert normalise_for_match("Mr. Kim met U.S. envoys, “at last”.") == normalise_for_match("Kim met US envoys at last")


def test_attribution_exact_and_nearly_the_same():
    articles = {
        "a": art("a", "Floods cut the main rail line to the capital, Vessant, on Wednesday."),
        "b": art("b", "Floods cut the main rail line to the Calvennan capital, Vessant, on Wednesday."),
        "c": art("c", "Floods cut roads in the north on Wednesday, officials said."),
    }
    sentence = "Floods cut the main rail line to the capital, Vessant, on Wednesday."
    attributor = Attributor(articles, ["a", "b", "c"])
    assert attributor.sources(sentence, copies=["a", "b"]) == ("a", "b")
    assert attributor.sources(sentence) == ("a",)  # near matches only among the story's copies


def test_summary_respects_the_budget_prefers_shared_content_and_credits_copies():
    wire = art(
        "wire",
        "Floodwaters swept through Dunmarrow on Wednesday, killing 14 people and forcing 3,000 from their homes.",
        "The mayor thanked volunteers for their work at the shelters in the town hall.",
    )
    copy = art("copy", wire.paragraphs[0])
    local = art(
        "local",
        "Residents of Dunmarrow returned on Thursday to homes wrecked by the flood that killed 14 people.",
        "A bakery on Mill Lane reopened with bread baked in a borrowed oven across town.",
    )
    stories = [Story("s1", "wire", ("wire", "copy")), Story("s2", "local", ("local",))]
    summary = summarize_event(stories, {"wire": wire, "copy": copy, "local": local}, words=20)
    assert summary.words <= 20
    first = summary.sentences[0]
    assert first.text.startswith("Floodwaters swept") and first.sources == ("wire", "copy")


def test_empty_event_gives_empty_summary():
    story = Story("s", "a", ("a",))
    assert summarize_event([story], {"a": art("a", "Too short.")}, words=40).sentences == ()
