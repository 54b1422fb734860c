from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.sources import article_id

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e6440d5d4de0186f.txt"
runner = CliRunner()


def test_extract_prints_a_readable_summary(nlp):
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "Who said what" in result.stdout
    assert "People:" in result.stdout and "Figures" in result.stdout
    assert "“he”)" in result.stdout  # "Darren Spencer (as “he”)": name and surface form


def test_claims_table_shows_the_speaker_as_the_article_named_them(nlp, tmp_path):
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["ingest", str(SEED), "--store", store]).exit_code == 0
    result = runner.invoke(app, ["claims", "--speaker", "Spencer", "--store", store,
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.split(",")[:4] == ["claim", "speaker", "speaker_name", "speaker_text"]
    assert any(",Darren Spencer,he," in line for line in lines), lines


def test_extract_json_for_one_file_is_one_object(nlp):
    result = runner.invoke(app, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["article"]["title"].startswith("Alstom")
    assert data["entities"] and data["claims"]


def test_extract_json_for_a_directory_is_one_object_per_line(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Mayor Ann Lee opened the new library in Leeds on Monday.")
    (tmp_path / "b.txt").write_text('"We are delighted," said coach Tom Reyes.')
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["article"]["key"] for line in lines] == [
        str((tmp_path / "a.txt").resolve()), str((tmp_path / "b.txt").resolve())]


def test_bad_inputs_are_reported_and_good_ones_still_processed(nlp, tmp_path):
    (tmp_path / "good.txt").write_text("The council approved the budget on Tuesday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "feed.jsonl").write_text('{"text": "Fine line."}\n[1, 2]\n')
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'binary.txt'}: binary file (contains NUL bytes), expected UTF-8 text",
        f"Error: {tmp_path / 'empty.txt'}: empty article (no text)",
        f"Error: {tmp_path / 'feed.jsonl'}:2: expected a JSON object with a string 'text' field",
    ]
    keys = [json.loads(line)["article"]["key"] for line in result.stdout.strip().split("\n")]
    assert keys == [f"text:{article_id('Fine line.')}", str((tmp_path / "good.txt").resolve())]


def test_text_over_the_model_limit_is_one_clear_line(nlp, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * (nlp.max_length // 5 + 10))
    result = runner.invoke(app, ["extract", str(huge)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {huge}: text is {len(huge.read_text()):,} characters, "
        f"over the model's limit of {nlp.max_length:,}"
    )


def test_missing_path_and_unknown_model(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file or directory"
    result = runner.invoke(app, ["extract", str(SEED), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "no_such_model_xyz" in result.stderr and "not installed" in result.stderr


def test_an_error_naming_a_file_with_a_newline_or_escape_is_one_line(nlp, tmp_path):
    odd = tmp_path / "line one\nline two\x1b[2J.txt"
    odd.write_text("")
    result = runner.invoke(app, ["extract", str(odd)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path}/line one\\nline two\\x1b[2J.txt: empty article (no text)"]


def test_brackets_in_an_article_are_shown_not_read_as_markup(nlp, tmp_path):
    path = tmp_path / "brackets.txt"
    path.write_text("Depot [/red] news\n\nKelford council said on Monday that it would cut 300 "
                    '[/dim] jobs at the depot. "We [/x] had no choice," said Ann Ross.\n')
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "Depot [/red] news" in result.stdout
    assert "300 [/dim] jobs" in result.stdout and "We [/x] had no choice" in result.stdout


def test_a_file_name_with_an_escape_reaches_no_terminal(nlp, tmp_path):
    odd = tmp_path / "clear\x1b[2J.txt"
    odd.write_text("Kelford council said on Monday that it would cut 300 jobs.\n")
    result = runner.invoke(app, ["extract", str(odd)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "clear\\x1b[2J.txt" in result.stdout
