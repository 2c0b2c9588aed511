from dataclasses import replace

import numpy as np
import pytest

import newsfold.summarize.event as event_module
from newsfold.config import SummarySettings
from newsfold.summarize import Attributor, best_cover, normalise_for_match, summarize_event
from newsfold.summarize.candidates import candidates
from newsfold.summarize.compress import compress
from newsfold.summarize.concepts import concept_weights, concepts, stem, support_threshold
from newsfold.summarize.headline import opening_clause
from newsfold.summarize.notes import dump_notes, load_notes, take_notes
from newsfold.tokens import ALNUM
from newsfold.types import Article, Story


def art(ident, *paragraphs, title=None):
    return Article(id=ident, path=ident, paragraphs=paragraphs, title=title)


def test_normalise_for_match():
    assert normalise_for_match("Mr. Kim met U.S. envoys, “at last”.") == normalise_for_match(
        "Kim met US envoys at last"
    )


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


def test_a_near_match_must_write_the_same_numbers_and_negations():
    # An update's new toll and a correction's "not" were cited for the sentence they change:
    # each is over 90% the same words (a helper's probe).
    sentence = "At least 14 people were killed after the Sallow River burst its banks at Dunmarrow overnight."
    articles = {
        "wire": art("wire", sentence),
        "update": art("update", sentence.replace("14", "23")),
        "reprint": art("reprint", sentence.replace("the Sallow", "the swollen Sallow")),
        "correction": art("correction", sentence.replace("were killed", "were not killed")),
    }
    attributor = Attributor(articles, list(articles))
    assert attributor.sources(sentence, copies=list(articles)) == ("wire", "reprint")
    # A compression that leaves out a parenthesis needs only the numbers it still shows.
    long = (
        "The opposition accuses Ms Marosh of letting Corvane Engineering, which holds a 30-year concession to"
        " construct and operate the Northern Motorway, miss deadline after deadline, and of approving extra"
        " payments that lifted its price to US$420 million (€388 million) from the US$305 million agreed in 2021."
    )
    short = long.replace(" (€388 million)", "")
    articles = {"update": art("update", long), "wire": art("wire", short.replace("US$", "$"))}
    attributor = Attributor(articles, ["update", "wire"])
    assert attributor.sources(long, copies=["update", "wire"], shown=short) == ("update", "wire")
    assert attributor.sources(long, copies=["update", "wire"]) == ("update",)


def test_a_near_match_must_not_write_another_word_for_one_of_the_sentence_s():
    # Copies saying "seven" for "five", "reject" for "accept" or "Thursday" for "Wednesday" were
    # credited with the sentence (over 90% the same words; a helper's probe). Another form of a
    # word, or another article, still says the same.
    sentence = (
        "Dock workers in Portmere voted to accept the port authority's offer on Wednesday, ending a strike"
        " that had closed the harbour for nine days, the union said."
    )
    articles = {
        "wire": art("wire", sentence),
        "seven": art("seven", sentence.replace("nine days", "seven days")),
        "reject": art("reject", sentence.replace("to accept", "to reject")),
        "thursday": art("thursday", sentence.replace("Wednesday", "Thursday")),
        "says": art("says", sentence.replace("the union said", "the union says")),
        "told": art("told", sentence.replace("the union said", "the union told reporters")),
        "an": art("an", sentence.replace("the port authority's offer", "a port authority's offer")),
    }
    attributor = Attributor(articles, list(articles))
    assert attributor.sources(sentence, copies=list(articles)) == ("wire", "says", "told", "an")


def test_attribution_finds_a_sentence_whose_words_an_article_spells_otherwise():
    # An initialism is spelled with dots or without, in any case, and may be the longest word.
    articles = {
        "dots": art("dots", "U.N.E.S.C.O. aid hit Ostel, Mr. Vey said."),
        "plain": art("plain", "UNESCO aid hit Ostel, Vey said."),
        "cased": art("cased", "UNESCO AID HIT OSTEL - VEY SAID!"),
        "other": art("other", "UNESCO aid hit Varn, Vey said."),
    }
    attributor = Attributor(articles, ["dots", "plain", "cased", "other"])
    assert attributor.sources("UNESCO aid hit Ostel, Vey said.") == ("dots", "plain", "cased")
    assert attributor.sources("Aid to U.N.E.S.C.O. hit Ostel.") == ()


def test_the_stemmer_in_use_gives_the_reference_porter_stems(sample_dir):
    # snowballstemmer hands out PyStemmer's C build when it is installed; its stems must be
    # the pure-Python Porter stemmer's, which ROUGE's stemming follows.
    import snowballstemmer
    from snowballstemmer.porter_stemmer import PorterStemmer

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(sample_dir.rglob("*.*"))]
    words = sorted({w for text in texts for w in ALNUM.findall(text.lower())})
    reference = PorterStemmer()
    assert type(snowballstemmer.stemmer("porter")).__module__ == "Stemmer"  # the C build is in use
    assert len(words) > 1000
    assert [stem(w) for w in words] == [reference.stemWord(w) for w in words]


def test_concepts_are_stemmed_word_pairs_without_two_stop_words():
    # "said on" and "on Monday" are pairs of stop words; the rest are kept, Porter-stemmed.
    assert concepts("Floods cut the rail line, police said on Monday.") == {
        "flood cut",
        "cut the",
        "the rail",
        "rail line",
        "line polic",
        "polic said",
    }


def test_concept_weight_is_story_support_plus_lead_bonus():
    one = art("1", "Floods cut the rail line on Monday morning.", "Later the rail line reopened for freight.")
    two = art("2", "Engineers said floods cut the rail line near Vessant.")
    three = art("3", "Crews repaired the road after floods cut it.")
    support = [frozenset().union(*map(concepts, a.paragraphs)) for a in (one, two, three)]
    leads = [concepts(one.paragraphs[0]), concepts(two.paragraphs[0]), set()]
    weights = concept_weights(support, leads, min_support=2, lead_bonus=0.5)
    # "floods cut" is in all three stories and two leads; "rail line" in two stories (twice in
    # one, counted once) and two leads; "the rail" likewise; "cut the" in two stories, and in
    # the leads of one and two; everything else is in one story only, below the support of 2.
    assert weights == {"flood cut": 4, "rail line": 3, "the rail": 3, "cut the": 3}


def test_notes_on_a_story_come_back_as_they_were_taken():
    article = art(
        "1",
        "The council voted on Tuesday to close the Vessant rail line (the oldest in the region) after the floods.",
        "Engineers said repairs to the Vessant rail line would cost more than the line earns in ten years.",
    )
    notes = take_notes(article, SummarySettings())
    first, second = notes.candidates
    assert first.text == "The council voted to close the Vessant rail line after the floods."
    # Compression made neighbours of words that were not: concepts the article itself lacks.
    assert set(notes.covers[0]) - set(notes.concepts) == {"vote to", "line after"}
    assert notes.leads == (tuple(sorted(concepts(first.source))), tuple(sorted(concepts(second.source))))
    assert load_notes(dump_notes(notes)) == notes
    assert notes.key != take_notes(article, SummarySettings(lead_sentences=1)).key


def test_the_candidates_of_a_large_event_are_the_first_sentences_of_each_story():
    canonicals = [FLOOD[s.canonical] for s in FLOOD_STORIES]
    notes = [take_notes(a, SummarySettings()) for a in canonicals]
    pool, covers, leads = event_module._pool(notes, 1)
    assert pool == candidates(canonicals, per_story=1)  # as read straight from the articles
    # "local"'s second sentence (the bakery) is left out; "wire"'s second points back ("He said").
    assert [c.story for c in pool] == [0, 1, 2] and len(event_module._pool(notes, None)[0]) == 4
    assert covers == [tuple(sorted(concepts(c.text))) for c in pool]
    assert leads == [set(concepts(c.source)) for c in pool]


def test_summaries_from_notes_taken_before_are_the_same():
    notes = {s.id: take_notes(FLOOD[s.canonical], SummarySettings()) for s in FLOOD_STORIES}
    kept = {story: load_notes(dump_notes(n)) for story, n in notes.items()}
    assert summarize_event(FLOOD_STORIES, FLOOD, notes=kept) == summarize_event(FLOOD_STORIES, FLOOD)


def test_support_threshold_relaxes_for_small_events():
    assert [support_threshold(n, 3) for n in (1, 2, 5, 6, 40)] == [1, 2, 2, 3, 3]


def test_exact_cover_beats_greedy_where_greedy_is_short_sighted():
    # Concept weights 3, 3, 3, 4, 4. A (cost 6) covers 0-3 = 13, the best gain per sqrt(cost);
    # after it nothing else fits a budget of 10. B + C (cost 5 + 5) cover 0-4 = 17.
    weights = np.array([3.0, 3.0, 3.0, 4.0, 4.0])
    covers = [[0, 1, 2, 3], [0, 1, 4], [2, 3]]
    costs = [6, 5, 5]
    assert best_cover(covers, weights, costs, 10, exact=False) == [0]
    assert best_cover(covers, weights, costs, 10) == [1, 2]
    # When one of the given sentences must be in, A is taken, and then nothing else fits.
    assert best_cover(covers, weights, costs, 10, one_of=[0]) == [0]
    assert best_cover(covers, weights, costs, 4) == []


def _every_gain_every_step(covers, weights, costs, budget, one_of=()):
    """The greedy choice as defined: all gains computed again after each pick."""
    fits = [k for k, cost in enumerate(costs) if cost <= budget and covers[k]]
    covered, chosen, left = set(), [], budget
    remaining = [k for k in fits if k in set(one_of)] or fits
    while remaining:
        gains = {k: sum(weights[c] for c in covers[k] if c not in covered) / costs[k] ** 0.5 for k in remaining}
        best = max(remaining, key=lambda k: (gains[k], -k))
        if gains[best] <= 0:
            break
        chosen.append(best)
        covered.update(covers[best])
        left -= costs[best]
        remaining = [k for k in fits if k not in chosen and costs[k] <= left]
    return sorted(chosen)


def test_the_lazy_greedy_cover_picks_what_computing_every_gain_picks():
    rng = np.random.default_rng(7)
    for trial in range(300):
        n, concepts = int(rng.integers(3, 40)), int(rng.integers(2, 30))
        weights = rng.integers(1, 4, concepts).astype(float)  # small integers: many ties
        covers = [sorted(set(rng.integers(0, concepts, int(rng.integers(0, 6))).tolist())) for _ in range(n)]
        costs = rng.integers(3, 30, n).tolist()
        budget = int(rng.integers(20, 120))
        one_of = rng.choice(n, int(rng.integers(0, 3)), replace=False).tolist()
        fits = [k for k, cost in enumerate(costs) if cost <= budget and covers[k]]
        if not fits or 2 * min(costs[k] for k in fits) > budget:
            continue  # a one-sentence budget is not a greedy choice
        expected = _every_gain_every_step(covers, weights, costs, budget, one_of)
        assert best_cover(covers, weights, costs, budget, one_of=one_of, exact=False) == expected, trial


def test_compression_only_deletes():
    assert compress("LONDON (AP) _ Police arrested the former dictator.") == "Police arrested the former dictator."
    assert compress("However, the minister (a former judge) said no.") == "The minister said no."
    assert compress("But officials disagreed.") == "Officials disagreed."
    assert compress("Andrew Marr (BBC) spoke.") == "Andrew Marr spoke."  # "And" only as a word
    assert compress("So, the talks ended.") == "The talks ended."
    # What an acronym stands for stays: without it, the reader does not know who (a helper's
    # reading of MultiLing: "ONEMI has reported no casualties").
    onemi = "ONEMI (Chile's National Emergencies Office) has reported no casualties."
    assert compress(onemi) == onemi
    assert compress("The World Health Organization (WHO) said the outbreak was over.") == (
        "The World Health Organization said the outbreak was over."
    )
    # A review: other asides after an acronym still go.
    assert compress("The group called on NATO (which it accused of bombing civilians) to halt the raids.") == (
        "The group called on NATO to halt the raids."
    )
    assert compress("Shares of IBM (up 3%) led the Dow higher.") == "Shares of IBM led the Dow higher."
    # Words that begin a phrase, not a connective: they stay ("So far" became "Far").
    for sentence in (
        "So far no agreement has been reached.",
        "Instead of flying, the minister took the train.",
        "However much the council spends, the wall will not hold.",
        "In addition to the wall, a pump house was lost.",
        "Also injured was a firefighter.",
    ):
        assert compress(sentence) == sentence


def test_compression_changes_no_letter_s_case_but_the_new_first_one():
    # A helper's reading of DUC 2003: "But eBay was just the pebble..." became "EBay was...",
    # and a list's "www.year2000.com _ The Year 2000..." a candidate "Www.year2000.com...".
    assert compress("But eBay was just the pebble that started the avalanche.") == (
        "eBay was just the pebble that started the avalanche."
    )
    assert compress("www.flood.example _ The council's page of river levels and warnings.") == (
        "www.flood.example _ The council's page of river levels and warnings."
    )
    (kept,) = candidates([art("a", "But eBay said on its web site that sales of cars had doubled in a year.")])
    assert kept.text == "eBay said on its web site that sales of cars had doubled in a year."
    assert candidates([art("b", "www.flood.example _ The council's page of river levels and warnings.")]) == []


@pytest.mark.parametrize(
    ("sentence", "compressed"),
    [
        ("Police said Saturday they have arrested Pinochet.", "Police said they have arrested Pinochet."),
        ("Mubarak flew here on Sunday to defuse tension.", "Mubarak flew here to defuse tension."),
        ("On Tuesday, the army moved in.", "The army moved in."),
        ("The ship sank late Monday night.", "The ship sank."),
        ("Police said late on Friday that 14 people had died.", "Police said that 14 people had died."),
        ("He arrived on Monday; talks began at once.", "He arrived; talks began at once."),
        ("Mubarak said Sunday: the talks will go on.", "Mubarak said: the talks will go on."),
        ("Late on Friday, rebels seized the airport.", "Rebels seized the airport."),
        # "yesterday" and "today" name a day from the article's date just as "Tuesday" does
        # (a helper's reading: MultiLing's "...the U.S. Army announced yesterday.").
        (
            "The verdict was reached by a jury, the army announced yesterday.",
            "The verdict was reached by a jury, the army announced.",
        ),
        ("Officials said yesterday morning that the dam held.", "Officials said that the dam held."),
        ("Yesterday, protesters tried to grab the torch.", "Protesters tried to grab the torch."),
        ("The talks ended today in Geneva without a deal.", "The talks ended in Geneva without a deal."),
    ],
)
def test_compression_drops_days_of_the_week_that_only_say_when(sentence, compressed):
    assert compress(sentence) == compressed
    assert compress(sentence, weekdays=False) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # The day is the subject, an object or a complement.
        "Monday was quiet in the capital.",
        "Officials said Monday was the last day to register.",
        "This Sunday marks the tenth anniversary of the attack.",
        "The deadline is on Monday.",
        "Officials spent Sunday counting ballots.",
        "Fighting continued throughout Monday in the north.",
        "The city will ration water starting Monday.",
        # Part of a list, a longer date or a name, or in a quotation.
        "They met from Monday to Friday, the report said.",
        "The quake struck late Sunday or early Monday.",
        "On Monday, Tuesday and Wednesday, storms hit the coast.",
        "Talks resume on Monday and Tuesday.",
        "He said Tuesday's vote was fair.",
        "It happened on Friday the 13th in March.",
        "The Good Friday agreement held.",
        "The Mail on Sunday reported the deal.",
        "He told Sunday Times reporters the deal was off.",
        "He said: ‘We will go on Monday.’",
        '"We meet Tuesday," he said on Monday.',
        "The vote, held Sunday, was close.",
        "The polls close at 8 p.m. Sunday.",
        # When something will happen, not when it did.
        "The river is expected to peak late on Thursday.",
        "The council will vote on Monday.",
        "The minister said she would decide on Friday.",
        "On Thursday, the assembly will debate the motion.",
        "The council won’t vote on Monday.",
        "Today is the fourth anniversary of the bombings.",
        "Today, the council will vote on the plan.",
        "The vote will be held today in the capital.",
    ],
)
def test_compression_keeps_days_of_the_week_that_are_part_of_the_sentence(sentence):
    assert compress(sentence) == sentence


FLOOD = {
    "wire": art(
        "wire",
        "Floodwaters swept through Dunmarrow on Wednesday, killing 14 people and forcing thousands from their homes.",
        "He said the town had never seen water so high.",
        title="Flood kills 14 in Dunmarrow",
    ),
    "copy": art(
        "copy",
        "Floodwaters swept through Dunmarrow on Wednesday, killing 14 people and forcing thousands from their homes.",
        title="Flood kills 14 in Dunmarrow",
    ),
    "local": art(
        "local",
        "Floodwaters swept through the old town of Dunmarrow overnight, residents of the river quarter said.",
        "A bakery on Mill Lane reopened with bread baked in a borrowed oven across town.",
    ),
    "radio": art(
        "radio",
        "The flood killing 14 people in Dunmarrow forced thousands from their homes, officials said on Thursday.",
    ),
}
FLOOD_STORIES = [
    Story("s1", "wire", ("wire", "copy")),
    Story("s2", "local", ("local",)),
    Story("s3", "radio", ("radio",)),
]


def test_event_summaries_fit_their_budgets_and_credit_every_copy():
    result = summarize_event(FLOOD_STORIES, FLOOD, SummarySettings(words=20, brief_words=40))
    assert result.summary.words <= 20 and result.brief.words <= 40
    first = result.summary.sentences[0]
    assert first.text.startswith("Floodwaters swept through Dunmarrow on Wednesday") and first.sources == (
        "wire",
        "copy",
    )
    # The headline is the largest story's title, credited to both copies that carry it.
    assert (result.headline.text, result.headline.sentences[0].sources) == (
        "Flood kills 14 in Dunmarrow",
        ("wire", "copy"),
    )
    # "He said ..." points back to a sentence the summary may not have: never used.
    assert not any(s.text.startswith("He said") for s in result.brief.sentences)


@pytest.mark.parametrize("exact_brief", [False, True])
def test_the_brief_is_chosen_greedily_unless_asked_for_the_exact_cover(monkeypatch, exact_brief):
    solver = {}

    def recording(covers, weights, costs, budget, **options):
        solver[budget] = options["exact"]
        return best_cover(covers, weights, costs, budget, **options)

    monkeypatch.setattr(event_module, "best_cover", recording)
    settings = SummarySettings(words=20, brief_words=40, exact_brief=exact_brief)
    summarize_event(FLOOD_STORIES, FLOOD, settings)
    assert solver == {20: True, 40: exact_brief}


def test_a_title_too_long_for_a_headline_gives_way_to_one_that_fits():
    long_title = (
        "Floodwaters sweep through the town of Dunmarrow on Wednesday killing fourteen, forcing many out of homes"
    )
    articles = dict(FLOOD)
    articles["wire"] = Article(id="wire", path="wire", paragraphs=FLOOD["wire"].paragraphs, title=long_title)
    articles["local"] = Article(id="local", path="local", paragraphs=FLOOD["local"].paragraphs, title="Town counts")
    headline = summarize_event(FLOOD_STORIES, articles).headline
    # The largest story's first title has 17 words; its copy's title fits and comes next.
    assert (headline.text, headline.sentences[0].sources) == ("Flood kills 14 in Dunmarrow", ("copy",))


def test_fill_closes_the_summary_with_the_start_of_one_more_sentence():
    approved = "The council approved the new harbour wall after a long debate on Tuesday night."
    work = "Work on the harbour wall will begin in the spring, the mayor said."
    articles = {f"a{k}": art(f"a{k}", approved, work) for k in range(3)}
    stories = [Story(f"s{k}", f"a{k}", (f"a{k}",)) for k in range(3)]
    whole = summarize_event(stories, articles, SummarySettings(words=15)).summary
    filled = summarize_event(stories, articles, SummarySettings(words=15, fill=True)).summary
    # Only the 11-word first sentence (its day dropped) fits 15 words; its 4 spare words are
    # filled by the start of the second ("Work on the harbour" adds "work on"), which runs on.
    assert [s.text for s in whole.sentences] == ["The council approved the new harbour wall after a long debate."]
    assert [s.text for s in filled.sentences] == [whole.sentences[0].text, work]


def test_byte_budget():
    result = summarize_event(FLOOD_STORIES, FLOOD, SummarySettings(max_bytes=120))
    assert 0 < len(result.summary.text.encode()) <= 120


def test_untitled_event_gets_a_short_central_headline():
    untitled = {k: Article(id=a.id, path=a.path, paragraphs=a.paragraphs) for k, a in FLOOD.items()}
    headline = summarize_event(FLOOD_STORIES, untitled).headline
    assert headline.words <= 15 and headline.sentences[0].sources


FERRY_LEDE = (
    "A passenger ferry carrying 40 people sank in a storm off Port Ellan late on Tuesday, and rescuers"
    " pulled 31 survivors from the sea before dark, the coast guard said."
)


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        # A review: names ending like a participle or an adverb open a main clause.
        (
            "United Nations Secretary-General Kofi Annan appealed for calm on Tuesday, after a week of clashes"
            " in the north left 40 people dead.",
            "United Nations Secretary-General Kofi Annan appealed for calm on Tuesday",
        ),
        (
            "Beijing ordered the closure of all schools in the capital, officials said on Monday night as the"
            " outbreak spread.",
            "Beijing ordered the closure of all schools in the capital",
        ),
        (
            "Urged on by the Clinton administration, Saudi officials met the Taliban leader in secret last month.",
            None,
        ),
        (
            "Saying the talks had failed, the minister left Geneva on Tuesday and flew home to Vessant with her aides.",
            None,
        ),
        # A clause broken off in what a "that" began.
        ("Police in the northern city of Kano said on Tuesday that the gunman, a student, had been arrested.", None),
        # Someone's words or a pronoun cannot head, however short.
        ("“The ferry sank in a storm off Port Ellan,” a coast guard officer said.", None),
        ("They saw the ferry sink in a storm off Port Ellan, the coast guard said.", None),
    ],
)
def test_an_opening_s_first_clause_heads_an_event_only_when_it_says_what_happened(sentence, clause):
    assert opening_clause(sentence, 15) == clause


@pytest.mark.parametrize(
    "first",
    [
        (FERRY_LEDE, "“The ferry sank in minutes off Port Ellan,” a coast guard officer said."),  # someone's words
        ("They saw the ferry sink in minutes off Port Ellan, the coast guard said.", FERRY_LEDE),  # pointing back
        ("They’re sure the ferry sank in minutes off Port Ellan, the coast guard said.", FERRY_LEDE),  # a review
        # A review: an opening that short was taken whole as the headline, unchecked.
        ("“The ferry sank in a storm off Port Ellan,” a coast guard officer said.", FERRY_LEDE),
        ("They saw the ferry sink in a storm off Port Ellan, the coast guard said.", FERRY_LEDE),
    ],
)
def test_an_untitled_headline_is_nobody_s_quotation_and_does_not_point_back(first):
    # DUC 2003 read "“Can we take the games away from Salt Lake City?” he said" as a headline
    # (the short sentence covering the most of what the stories share), and DUC 2004 "He
    # called himself the “Serb Adolf,” and his crimes were as chilling as his nickname".
    articles = {
        "a": art("a", *first),
        "b": art("b", FERRY_LEDE.replace("late on Tuesday", "on Tuesday night"), "The search off Port Ellan went on."),
        "c": art(
            "c",
            "Nine people were still missing after the ferry sank off Port Ellan in a storm, the coast guard said.",
            "Divers searched the sunken ferry off Port Ellan for the missing.",
        ),
    }
    stories = [Story(k, k, (k,)) for k in articles]
    headline = summarize_event(stories, articles).headline.text
    # Another story's opening clause (the quotation or the pronoun opened story a's)
    assert headline == "Nine people were still missing after the ferry sank off Port Ellan in a storm"


@pytest.mark.parametrize(
    ("lede", "headline"),
    [
        (
            "A passenger ferry sank in a storm off Port Ellan, and rescuers pulled 31 survivors from the sea"
            " before dark, the coast guard said.",
            "A passenger ferry sank in a storm off Port Ellan",
        ),
        # A phrase leading into the main clause is no headline; nor too few words to say what happened.
        ("In a storm off Port Ellan, a passenger ferry sank and rescuers pulled 31 survivors from the sea.", None),
        ("Unfortunately for the passengers, a ferry sank in a storm off Port Ellan and 9 are missing.", None),
        ("The ferry Marta, carrying 40 people, sank in a storm off Port Ellan and rescuers pulled 31 out.", None),
    ],
)
def test_an_untitled_headline_is_the_opening_s_first_clause_when_it_says_what_happened(lede, headline):
    # DUC 2003's untitled events were headed by a detail that fitted 15 words: "The study
    # appears in this month's issue of The American Journal of Psychiatry" (a helper's reading).
    detail = "Divers searched the sunken ferry off Port Ellan for the missing."
    articles = {
        "a": art("a", lede, detail),
        "b": art("b", lede.replace("31", "thirty-one"), "The search off Port Ellan went on through the night."),
        "c": art("c", "Nine people were still missing after the ferry sank off Port Ellan in a storm.", detail),
    }
    stories = [Story(k, k, (k,)) for k in articles]
    result = summarize_event(stories, articles)
    assert result.summary.sentences[0].text.startswith(lede.split(",")[0])
    central = "Nine people were still missing after the ferry sank off Port Ellan in a storm"  # fits 15 words
    assert result.headline.text == (headline or central)


@pytest.mark.parametrize("text", ["Too short.", ""])
def test_event_without_usable_sentences_gets_empty_summaries(text):
    story = Story("s", "a", ("a",))
    result = summarize_event([story], {"a": art("a", text) if text else art("a")})
    assert result.summary.sentences == () and result.brief.sentences == ()


def test_native_prints_during_the_solve_go_to_stderr(capfd):
    # HiGHS can print a debugging line to stdout even when silenced; stdout carries JSON.
    import os

    from newsfold.summarize.coverage import _stdout_to_stderr

    with _stdout_to_stderr():
        os.write(1, b"solver noise\n")
    os.write(1, b"data\n")
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("data\n", "solver noise\n")


def test_when_only_one_sentence_fits_the_best_single_one_is_taken():
    weights = np.array([3.0, 3.0, 3.0, 4.0, 4.0])
    covers = [[0, 1, 2, 3], [0, 1, 4], [2, 3]]
    # A budget of 6 holds one sentence at most: A (13) beats B (10) and C (7).
    assert best_cover(covers, weights, [6, 5, 5], 6) == [0]
    # Unless one of the others must be in.
    assert best_cover(covers, weights, [6, 5, 5], 6, one_of=[1, 2]) == [1]


def test_a_cover_never_repeats_itself_for_the_tie_breaking_bonus():
    weights = np.array([3.0, 3.0, 4.0])
    prefer = [1e-3, 5e-4, 1e-3 / 3, 1e-3 / 4]
    # Sentence 1 is sentence 0 again (the same wire sentence in another story); sentence 3
    # says nothing that 0 and 2 do not. The budget holds all four: only 0 and 2 are taken.
    covers = [[0, 1], [0, 1], [2], [1, 2]]
    assert best_cover(covers, weights, [5, 5, 5, 4], 19, prefer=prefer) == [0, 2]
    # Of the two copies, the preferred one (earlier in its story) is kept, whatever the order.
    assert best_cover(covers, weights, [5, 5, 5, 4], 19, prefer=[5e-4, 1e-3, 1e-4, 1e-4]) == [1, 2]
    # A required sentence stays even when the others say all it says.
    assert best_cover(covers, weights, [5, 5, 5, 4], 19, prefer=prefer, one_of=[3]) == [0, 3]


def test_repeated_sentences_enter_the_solver_once():
    from newsfold.summarize.coverage import _distinct

    covers = [[0, 1], [1, 0], [0, 1], [2], [0, 1]]
    costs = [5, 5, 5, 5, 6]
    prefer = [1e-4, 1e-3, 5e-4, 1e-3, 1e-3]
    # 0, 1 and 2 are one sentence (concepts in any order, same length): 1 is preferred. 4 has
    # the same concepts but is longer: another sentence.
    assert _distinct(covers, costs, [0, 1, 2, 3, 4], prefer, one_of=set()) == [1, 3, 4]
    # A required copy is kept beside the preferred one; of two required copies, the preferred.
    assert _distinct(covers, costs, [0, 1, 2, 3, 4], prefer, one_of={0}) == [0, 1, 3, 4]
    assert _distinct(covers, costs, [0, 1, 2, 3, 4], prefer, one_of={0, 2}) == [1, 2, 3, 4]


def test_sentences_inside_a_quotation_are_not_candidates():
    article = art(
        "a",
        "“Wine from this period almost never survives in the sea, so do not get excited,” the curator said. "
        "“What excites me is the hull. We know very little about how these coastal schooners were built, "
        "because nobody wrote it down. The old wreck can tell us a great deal more.” "
        "The museum will raise the ship's bell from the wreck by the end of this year.",
    )
    texts = [c.text for c in candidates([article])]
    assert texts == [
        "“Wine from this period almost never survives in the sea, so do not get excited,” the curator said.",
        "The museum will raise the ship's bell from the wreck by the end of this year.",
    ]


def test_a_quotation_that_does_not_say_whose_it_is_is_not_a_candidate():
    # DUC 2003's briefs had "“The Democrats are definitely still on the defensive, and it shows.”",
    # the second quotation of a paragraph whose first named its speaker: out of it, nobody's;
    # and "“We need to do much more research on this,” he said in an interview."
    article = art(
        "a",
        "“The hull is what excites me, not the wine in the hold,” the curator said. "
        "“Nobody wrote down how these coastal schooners were built, and the wreck can show us.”",
        '"The bell will be raised from the wreck by the end of this year, and then cleaned."',
        "“We will raise the bell by the end of this year,” she said, “and then the hull.”",
        "“We will need divers for a whole summer to lift the hull in one piece,” said the curator.",
        "“We will need divers for a whole summer to lift the hull in one piece,” she added.",
        "“Divers will need a whole summer to lift the hull in one piece,” said she.",
        # A review: single quotation marks, and "it" (a company, an agency) as the speaker.
        "‘We need to do much more research on how the old schooners were built,’ he said.",
        "‘The museum cannot afford to lift the whole hull in one summer.’",
        "“We are investigating how the wreck came to lie so close to the harbour,” it said.",
    )
    texts = [c.text for c in candidates([article])]
    assert texts == [
        "“The hull is what excites me, not the wine in the hold,” the curator said.",
        "“We will need divers for a whole summer to lift the hull in one piece,” said the curator.",
    ]


def test_a_sentence_introducing_text_the_summary_does_not_have_is_not_a_candidate():
    # DUC 2003's summary read "Following are excerpts from the decision..." (a helper's reading).
    article = art(
        "a",
        "A federal court ruled that the census may not use sampling to count the population.",
        "Following are excerpts from the decision issued by the three judges of the court on Monday.",
        "The following is the text of the statement the Census Bureau released after the ruling.",
        # A review: "The following day" introduces nothing.
        "The following day, the Commerce Department said it would appeal the ruling to the Supreme Court.",
    )
    assert [c.text for c in candidates([article])] == [
        "A federal court ruled that the census may not use sampling to count the population.",
        "The following day, the Commerce Department said it would appeal the ruling to the Supreme Court.",
    ]


def test_a_sentence_pointing_back_or_at_a_dateline_s_place_is_not_a_candidate():
    article = art(
        "a",
        "Divers have found the wreck of a schooner that sank off Cape Lorn in a storm in 1871.",
        "He's the third diver in ten years to look for the schooner in those waters, the museum said.",
        "They’re planning to raise the ship's bell from the wreck before the end of this year.",
        # A helper's reading of DUC 2003: "Egyptian President Hosni Mubarak flew here to try to
        # defuse..." after its dateline (DAMASCUS) was deleted; "here" names a place the reader
        # is not told.
        "The museum's director flew here on a small plane to see the finds for herself.",
        "Here is the bell, the director said, holding up a photograph of it for the cameras.",
        # A review: "here" in these says no place.
        "Museum staff said interest in old wrecks is here to stay after a summer of finds.",
        "The director said the museum could only grow from here as more finds arrive.",
        # "there" pointing at a place named before is such a word too; the "there" of "there were" is not.
        "Fishermen there said the wreck had torn their nets for as long as anyone could remember.",
        "The museum said there were plans to raise the bell from the wreck by the end of this year.",
    )
    assert [c.text for c in candidates([article])] == [
        "Divers have found the wreck of a schooner that sank off Cape Lorn in a storm in 1871.",
        "Here is the bell, the director said, holding up a photograph of it for the cameras.",
        "Museum staff said interest in old wrecks is here to stay after a summer of finds.",
        "The director said the museum could only grow from here as more finds arrive.",
        "The museum said there were plans to raise the bell from the wreck by the end of this year.",
    ]


def test_a_summary_and_a_brief_open_with_a_story_opening_that_states_the_event(sample_fold):
    # Two sample events had briefs opening "The motion, tabled by the opposition..." and "The
    # labor ministry said it had offered to send a mediator.": later sentences of a story.
    stories = {s.id: s for s in sample_fold.stories}
    articles = {a.id: a for a in sample_fold.articles}
    for event in sample_fold.events:
        openings = {
            c.text for s in event.stories for c in candidates([articles[stories[s].canonical]]) if c.position == 0
        }
        assert event.summary.sentences[0].text in openings
        assert event.brief.sentences[0].text in openings


def _flood_event(sample_fold):
    """The sample's flood event: its stories and articles (the wire report is carried by three outlets)."""
    stories = {s.id: s for s in sample_fold.stories}
    articles = {a.id: a for a in sample_fold.articles}
    event = next(e for e in sample_fold.events if "01_meridian-flood-wire" in e.articles)
    return [stories[s] for s in event.stories], {a: articles[a] for a in event.articles}


def test_the_summary_opens_with_the_lede_of_the_story_most_outlets_carried(sample_fold):
    # The flood summary read "Villages downstream of Dunmarrow were piling sandbags..." (a
    # radio story's opening, denser in the word pairs the stories share) rather than the wire
    # report three outlets ran: "At least 14 people were killed ...".
    stories, articles = _flood_event(sample_fold)
    wire = next(s for s in stories if "01_meridian-flood-wire" in s.articles)
    assert len({articles[a].source for a in wire.articles}) == 3
    first = summarize_event(stories, articles).summary.sentences[0]
    assert first.text.startswith("At least 14 people were killed and more than 3,000 forced from their homes")
    assert set(first.sources) == set(wire.articles)
    # Articles naming no outlet may come from three: the same.
    unnamed = {a: replace(article, source=None) for a, article in articles.items()}
    assert summarize_event(stories, unnamed).summary.sentences[0].text == first.text


def test_an_outlets_own_updates_of_a_story_are_one_outlet(sample_fold):
    # The three copies of the wire report as one outlet's updates: no story is carried more
    # widely than the others, and the densest opening is taken, as in DUC's AP updates.
    stories, articles = _flood_event(sample_fold)
    wire = next(s for s in stories if "01_meridian-flood-wire" in s.articles)
    one_outlet = {a: replace(x, source="Meridian Wire") if a in wire.articles else x for a, x in articles.items()}
    first = summarize_event(stories, one_outlet).summary.sentences[0]
    assert first.text.startswith("Villages downstream of Dunmarrow were piling sandbags")


def test_the_widest_storys_lede_gives_way_when_it_does_not_fit(sample_fold):
    # The wire report's opening is 39 words: within 30 another story's opening is taken.
    stories, articles = _flood_event(sample_fold)
    summary = summarize_event(stories, articles, SummarySettings(words=30)).summary
    assert summary.words <= 30
    assert summary.sentences[0].text.startswith("Villages downstream of Dunmarrow")


def test_a_widest_story_opening_that_shares_nothing_gives_way_to_another():
    # The story two outlets ran opens with a sentence no other story shares a word pair with:
    # it can add no concept, so another story's opening is the one the summary must hold (the
    # summary had held none).
    rain = "Heavy rain flooded the river valley and forced thousands of residents from their homes overnight."
    search = "Rescue teams searched the river valley for missing residents as the water kept rising on Tuesday."
    meeting = "Officials gathered quietly at a downtown hotel yesterday afternoon to discuss budget questions."
    radio = "A local radio presenter described scenes of confusion at the school gates as parents waited."
    crews = "Television crews filmed parents waiting at the school gates because several roads were closed."
    articles = {
        "a1": replace(art("a1", meeting, rain, search), source="Wire"),
        "a2": replace(art("a2", meeting, rain, search), source="Paper"),
        "b1": replace(art("b1", radio, search, rain), source="Radio"),
        "c1": replace(art("c1", crews, rain, search), source="TV"),
    }
    stories = [Story("s1", "a1", ("a1", "a2")), Story("s2", "b1", ("b1",)), Story("s3", "c1", ("c1",))]
    summary = summarize_event(stories, articles, SummarySettings(words=40)).summary
    assert summary.sentences[0].text in (radio, crews)
