import newsfold


def test_all_is_sorted_and_names_newsfold_objects():
    assert newsfold.__all__ == sorted(newsfold.__all__)
    for name in newsfold.__all__:
        obj = getattr(newsfold, name)
        if name == "__version__":
            assert isinstance(obj, str) and obj.count(".") == 2
        else:
            assert obj.__module__.startswith("newsfold."), name


def test_each_stage_is_usable_alone(sample_dir):
    from newsfold.clean import clean_article
    from newsfold.dedup import find_stories
    from newsfold.ingest import read_inputs
    from newsfold.pipeline import group_events
    from newsfold.tokens import TokenHasher

    articles = [clean_article(raw) for raw in read_inputs([str(sample_dir)])]
    hasher = TokenHasher()
    tokens = [hasher(a.text) for a in articles]
    stories = find_stories(articles, tokens)
    groups = group_events(stories, articles, tokens, newsfold.Settings())
    assert sum(len(g) for g in groups) == len(stories) < len(articles)
