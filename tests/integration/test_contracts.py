"""Properties every fold must have, whatever the input."""

import io
import os
import subprocess
import sys

from newsfold.pipeline import fold, fold_articles
from newsfold.render import write_json

STORY = "LONDON (Reuters) - The port of Lindqvist closed on Friday after dockworkers walked out over pay.\n"


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(STORY)
    result = fold([str(tmp_path)])
    assert sorted(a.id for a in result.articles) == ["story", "story~2"]
    assert len(result.stories) == 1  # and they are copies of one story


def test_fold_is_deterministic(sample_dir):
    outputs = []
    for _ in range(2):
        buffer = io.StringIO()
        write_json(fold([str(sample_dir)]), buffer)
        outputs.append(buffer.getvalue())
    assert outputs[0] == outputs[1]


def test_fold_is_the_same_in_every_process(sample_dir):
    # Python salts string hashes per process, so set order differs between runs; the output
    # must not (the sample's flood brief once did: the solver's tie-break followed set order).
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "newsfold", "-q", "fold", str(sample_dir), "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and '"events"' in outputs[0]


def test_empty_input_folds_to_nothing():
    result = fold_articles([])
    assert (result.articles, result.stories, result.events, result.rejected) == ((), (), (), ())


def test_every_article_is_in_exactly_one_story_and_one_event(sample_fold):
    ids = sorted(a.id for a in sample_fold.articles)
    assert sorted(a for s in sample_fold.stories for a in s.articles) == ids
    assert sorted(a for e in sample_fold.events for a in e.articles) == ids
    story_ids = {s.id for s in sample_fold.stories}
    assert sorted(s for e in sample_fold.events for s in e.stories) == sorted(story_ids)


def test_fold_articles_makes_duplicate_ids_unique():
    from newsfold.types import Article

    flood = Article("x", "a", ("Floodwaters swept through Dunmarrow on Wednesday, killing fourteen people.",))
    strike = Article("x", "b", ("Dockworkers at Portmere walked off the job on Friday in a dispute over pay.",))
    result = fold_articles([flood, strike])
    assert sorted(a.id for a in result.articles) == ["x", "x~2"]
    assert len(result.stories) == 2
