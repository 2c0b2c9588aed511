"""The command line, in-process with CliRunner, plus smoke tests of the installed programs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsfold import __version__
from newsfold.cli import main

STORY = "LONDON (Reuters) - The port of Lindqvist closed on Friday after dockworkers walked out over pay.\n"


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_fold_without_paths_folds_the_bundled_sample_as_text():
    result = run("fold")
    assert result.exit_code == 0
    assert result.stdout.startswith("5 events from 17 articles")
    assert "[1] " in result.stdout and "Story 1" in result.stdout


def test_demo_is_the_sample_fold():
    assert run("demo", "--format", "json").stdout == run("fold", "--format", "json").stdout


def test_json_contract(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = run("fold", str(tmp_path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["newsfold"] == __version__
    assert list(data) == ["newsfold", "articles", "stories", "events", "rejected"]
    article = data["articles"][0]
    assert set(article) == {"id", "path", "title", "source", "published", "url", "words", "story", "text"}
    assert (article["id"], article["source"], article["story"]) == ("a", "Reuters", data["stories"][0]["id"])
    assert set(data["stories"][0]) >= {"id", "canonical", "articles", "similarity"}
    event = data["events"][0]
    assert set(event) >= {"id", "title", "date", "stories", "articles", "headline", "summary", "brief"}
    for product in ("headline", "summary", "brief"):
        assert event[product]["sentences"][0]["sources"] == ["a"]
        assert event[product]["text"] == " ".join(s["text"] for s in event[product]["sentences"])
    assert event["title"] == event["headline"]["text"]


def test_text_and_markdown_show_headline_summary_and_brief():
    markdown = run("fold", "--format", "markdown").stdout
    data = json.loads(run("fold", "--format", "json").stdout)
    for event in data["events"]:
        assert f"{event['headline']['text']}\n" in markdown
        assert event["summary"]["sentences"][0]["text"] in markdown
        if event["brief"]["text"] != event["summary"]["text"]:
            assert "**Brief.** " + event["brief"]["sentences"][0]["text"] in markdown


def test_markdown_and_out_file(tmp_path):
    out = tmp_path / "report.md"
    result = run("fold", "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# newsfold: 5 events") and "\n## 1. " in text


def test_words_sets_the_budget():
    data = json.loads(run("fold", "--format", "json", "--words", "25").stdout)
    assert all(len(e["summary"]["text"].split()) <= 25 for e in data["events"])


def test_rejections_are_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    result = run("fold", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rejected"] == [
        {"path": str(tmp_path / "empty.txt"), "line": None, "reason": "empty file"}
    ]
    assert "empty.txt: empty file" in result.stderr


def test_exit_1_when_nothing_could_be_folded(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("fold", str(tmp_path))
    assert result.exit_code == 1
    assert "no article could be folded" in result.stderr


def test_exit_2_on_usage_errors():
    assert run("fold", "--format", "pdf").exit_code == 2
    assert run("fold", "--words", "0").exit_code == 2
    assert run("nonsense").exit_code == 2


def test_stdin(tmp_path):
    result = run("fold", "-", "--format", "json", input=STORY)
    assert json.loads(result.stdout)["articles"][0]["id"] == "stdin"


def test_installed_console_script_and_module_run():
    scripts = Path(sys.executable).parent
    version = subprocess.run([scripts / "newsfold", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"newsfold, version {__version__}"
    folded = subprocess.run(
        [sys.executable, "-m", "newsfold", "fold", "--format", "json"], capture_output=True, text=True, check=True
    )
    assert len(json.loads(folded.stdout)["articles"]) == 17
