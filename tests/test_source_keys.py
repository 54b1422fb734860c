"""The keys front matter and JSON Lines are read under: the published date by the names static
sites (Hugo, Jekyll) and JSON exports give it, a site's own keys read past without a word, a
key that looks misnamed one warning. Invented texts and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.errors import InputError
from storygraph.model import Article, Ignored
from storygraph.rdf.mapping import DATE_PUBLISHED
from storygraph.sources import read_jsonl, read_paths, read_text
from storygraph.store import open_store

runner = CliRunner()
TEXT = "The Varnell ferry resumed service to Ostrand on Monday."


def _read(path: Path) -> tuple[list[Article], list[str], list[str]]:
    """The articles, errors and warnings read from `path`, the last two as printed."""
    items = list(read_paths([path]))
    return ([i for i in items if isinstance(i, Article)],
            [str(i) for i in items if isinstance(i, InputError)],
            [str(i) for i in items if isinstance(i, Ignored)])


def _markdown(tmp_path: Path, front: str, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(f"---\n{front}\n---\n{TEXT}\n")
    return path


@pytest.mark.parametrize("key", ["date", "pubDate", "publishDate", "published_at",
                                 "datePublished", "published"])
def test_front_matter_reads_the_published_date_under_every_site_name(tmp_path, key):
    articles, errors, warnings = _read(_markdown(tmp_path, f"{key}: 2024-03-01"))
    assert [a.published for a in articles] == ["2024-03-01"]
    assert errors == warnings == []


def test_a_jekyll_date_with_a_spaced_offset_is_read(tmp_path):
    articles, errors, _ = _read(_markdown(tmp_path, "date: 2024-03-01 10:00:00 +0100"))
    assert [a.published for a in articles] == ["2024-03-01T10:00:00+01:00"] and errors == []


def test_published_comes_first_and_a_date_key_passed_over_is_one_warning(tmp_path):
    path = _markdown(tmp_path, "date: 2024-02-01\npublishDate: 2024-02-15\npublished: 2024-03-01")
    articles, _, warnings = _read(path)
    assert [a.published for a in articles] == ["2024-03-01"]
    assert warnings == [
        f"{path}: front matter key 'date' passed over: the published date is read from "
        "'published'",
        f"{path}: front matter key 'publishdate' passed over: the published date is read "
        "from 'published'"]
    # Hugo's order after `published`: publishDate before date.
    articles, _, _ = _read(_markdown(tmp_path, "date: 2024-02-01\npublishDate: 2024-02-15"))
    assert [a.published for a in articles] == ["2024-02-15"]


def test_one_day_under_two_names_is_no_warning(tmp_path):
    articles, _, warnings = _read(_markdown(tmp_path, "date: 2024-03-01\npublished: 2024-03-01"))
    assert [a.published for a in articles] == ["2024-03-01"] and warnings == []


def test_a_site_s_own_keys_are_read_past_without_a_word(tmp_path):
    front = "\n".join([
        "layout: post", "title: Ferry returns", "draft: false", "slug: ferry-returns",
        "weight: 10", "description: The ferry is back.", "permalink: /2024/03/ferry/",
        "categories: [transport]", "tags:", "  - ferries", "  - Ostrand", "params:",
        "  hero: ferry.png", "  credits:", "    - Pia Lund", "date: 2024-03-01"])
    articles, errors, warnings = _read(_markdown(tmp_path, front))
    assert errors == warnings == []
    assert [(a.title, a.published, a.text) for a in articles] == [
        ("Ferry returns", "2024-03-01", TEXT + "\n")]


def test_a_site_path_under_url_is_read_past_and_the_file_known_by_its_path(tmp_path):
    front = "url: /2024/03/ferry/\ndate: 2024-03-01"
    articles, errors, warnings = _read(_markdown(tmp_path, front))
    assert errors == warnings == []
    assert [(a.url, a.published) for a in articles] == [(None, "2024-03-01")]


def test_a_front_matter_url_that_is_neither_a_path_nor_http_is_refused(tmp_path):
    _, errors, _ = _read(_markdown(tmp_path, "url: javascript:alert(1)"))
    assert errors and "url is not an http(s) address" in errors[0]


def test_a_block_list_or_a_flow_list_byline_is_read(tmp_path):
    articles, _, _ = _read(_markdown(tmp_path, "authors:\n  - Pia Lund\n  - 'Oskar Vey'"))
    assert articles[0].authors == ("Pia Lund", "Oskar Vey")
    articles, _, _ = _read(_markdown(tmp_path, 'authors: ["Pia Lund", "Oskar Vey"]'))
    assert articles[0].authors == ("Pia Lund", "Oskar Vey")


def test_a_misnamed_front_matter_key_is_one_warning_naming_file_and_key(tmp_path):
    path = _markdown(tmp_path, "headline: Ferry returns\nlink: https://example.org/ferry\n"
                               "body: elsewhere")
    articles, errors, warnings = _read(path)
    assert len(articles) == 1 and errors == []
    assert articles[0].url is None and articles[0].title == TEXT
    assert warnings == [
        f"{path}: front matter key 'headline' ignored; did you mean 'title'?",
        f"{path}: front matter key 'link' ignored; did you mean 'url'?",
        f"{path}: front matter key 'body' ignored; the text is what follows the front matter"]


@pytest.mark.parametrize(("value", "problem"), [
    ("2024-02-30", "'2024-02-30' (its 'date') is not a real date"),
    ("March 1, 2024", "'March 1, 2024' (its 'date') is not ISO 8601 (expected YYYY-MM-DD)"),
])
def test_a_bad_date_under_a_site_name_is_one_error_naming_the_file(tmp_path, value, problem):
    path = _markdown(tmp_path, f"date: {value}")
    articles, errors, _ = _read(path)
    assert articles == [] and errors == [f"{path}: published date {problem}"]


def test_read_text_reads_the_site_date_too():
    assert read_text(f"---\npubDate: 2024-03-01\n---\n{TEXT}", origin="x").published == \
        "2024-03-01"


def _jsonl(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.mark.parametrize("key", ["date", "pubdate", "pubDate", "publishDate", "published_at",
                                 "datePublished"])
def test_a_json_line_reads_the_published_date_under_every_export_name(tmp_path, key):
    articles, errors, warnings = _read(_jsonl(tmp_path, {"text": TEXT, key: "2024-03-01"}))
    assert [a.published for a in articles] == ["2024-03-01"]
    assert errors == warnings == []


def test_in_a_json_line_published_wins_and_the_other_date_is_one_warning(tmp_path):
    path = _jsonl(tmp_path, {"text": TEXT, "published": "2024-03-01", "date": "2024-02-01"},
                  {"text": TEXT + " Again.", "published": "2024-03-02", "date": "2024-02-02"},
                  {"text": TEXT + " Once more.", "published": "2024-03-03",
                   "date": "2024-03-03"})
    articles, errors, warnings = _read(path)
    assert [a.published for a in articles] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert errors == [] and warnings == [
        f"{path}:1: key 'date' passed over, and on 1 more line: the published date is read "
        "from 'published'"]


@pytest.mark.parametrize(("value", "problem"), [
    ("2024-02-30", "published date '2024-02-30' (its 'date') is not a real date"),
    (1709251200, "'date' must be a string, not a number"),
])
def test_a_bad_json_date_under_another_name_is_one_error(tmp_path, value, problem):
    items = list(read_jsonl(json.dumps({"text": TEXT, "date": value}), origin="feed.jsonl"))
    assert [str(i) for i in items] == [f"feed.jsonl:1: {problem}"]


def test_the_same_date_names_are_read_in_front_matter_and_json_lines(tmp_path):
    """One table: a key read in one is read in the other."""
    from storygraph.sources.readers import PUBLISHED_KEYS
    for key in PUBLISHED_KEYS:
        front = read_text(f"---\n{key}: 2024-03-01\n---\n{TEXT}", origin="x")
        line = next(read_jsonl(json.dumps({"text": TEXT, key: "2024-03-01"}), origin="y"))
        assert isinstance(line, Article) and front.published == line.published == "2024-03-01"


def _stored_dates(store: Path) -> list[str]:
    with open_store(store, read_only=True) as stored:
        return sorted(q.object.value for q in stored.quads_for_pattern(
            None, DATE_PUBLISHED, None, None))


def test_the_cli_reads_a_site_date_and_refuses_a_bad_one_keeping_the_store(nlp, tmp_path):
    good = _markdown(tmp_path, "layout: post\ndate: 2024-03-01\nheadline: Ferry", "good.md")
    result = runner.invoke(app, ["extract", str(good), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["published"] == "2024-03-01"
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"Warning: {good}: front matter key 'headline' ignored; did you mean 'title'?"]

    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(good), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _stored_dates(store) == ["2024-03-01"]

    bad = _markdown(tmp_path, "date: 2024-02-30", "bad.md")
    for command in (["extract", str(bad)], ["ingest", str(bad), "--store", str(store)]):
        result = runner.invoke(app, command)
        assert result.exit_code != 0
        assert [line for line in result.stderr.splitlines() if str(bad) in line] == [
            f"Error: {bad}: published date '2024-02-30' (its 'date') is not a real date"]
    with open_store(store, read_only=True) as stored:
        assert len(stored.article_keys()) == 1
    assert _stored_dates(store) == ["2024-03-01"]


def test_a_json_line_s_date_reaches_the_store(nlp, tmp_path):
    feed = _jsonl(tmp_path, {"text": TEXT, "datePublished": "2024-03-01"})
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(feed), "--store", str(store)])
    assert result.exit_code == 0 and result.stderr.strip() == f"1 added · store {store}"
    assert _stored_dates(store) == ["2024-03-01"]


def test_a_new_date_for_the_same_file_and_text_rewrites_it_once(nlp, tmp_path):
    """The key and the text say which article it is (docs/store.md); the date is metadata:
    an edited date alone is `replaced` with the date the file has now, then `unchanged`."""
    post = _markdown(tmp_path, "date: 2024-03-01")
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(post), "--store", str(store)]).exit_code == 0
    _markdown(tmp_path, "date: 2024-03-05")
    result = runner.invoke(app, ["ingest", str(post), "--store", str(store)])
    assert result.exit_code == 0 and "1 replaced" in result.stderr
    assert _stored_dates(store) == ["2024-03-05"]
    result = runner.invoke(app, ["ingest", str(post), "--store", str(store)])
    assert result.exit_code == 0 and "1 unchanged" in result.stderr
