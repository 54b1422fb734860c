"""A canned query's first rows found by its pager (storygraph.query.paging) are the rows the
whole query gives first: on a store of dated, undated and date-and-time articles in stories,
with claims dated by their own day, at every page size and offset."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storygraph.ingest import ArticleWriter
from storygraph.model import Extraction
from storygraph.query import QueryLimits, run_canned
from storygraph.query.paging import page_canned
from storygraph.store import GraphStore, open_store
from tests.fixtures_extraction import all_extractions

PAGED = ("entities-by-articles", "figures", "figures-tracker", "people-roles", "stories",
         "story-articles", "timeline", "who-said-what")
# An article's dates (none, a day, a day and time), and its claims' own day where they have one.
DATES = [None, "2024-02-01", "2024-03-12", "2024-03-12", "2024-03-20T09:30Z", "2024-01-15",
         "2024-05-02", None, "2024-03-12", "2024-04-30"]


def _copy(x: Extraction, n: int, published: str | None) -> Extraction:
    article = replace(x.article, id=f"{x.article.id}-{n}", key=f"{x.article.key}?n={n}",
                      published=published)
    # Every third copy says when its claims were made: a day before the others' dates.
    claims = tuple(replace(c, date="2023-12-0" + str(1 + n % 9) if n % 3 == 0 else None)
                   for c in x.claims)
    return replace(x, article=article, claims=claims)


@pytest.fixture(scope="module")
def store() -> GraphStore:
    with open_store(":memory:") as opened:
        writer = ArticleWriter(opened)
        for n, published in enumerate(DATES * 2):
            for x in all_extractions():
                writer.write(_copy(x, n, published))
        yield opened


@pytest.mark.parametrize("name", PAGED)
def test_a_page_is_the_whole_querys_rows_there(store: GraphStore, name: str) -> None:
    whole = run_canned(store, name).rows
    assert len(whole) >= 5
    paged = 0
    for offset in (0, 1, 5):
        for limit in sorted({*range(1, 9), *range(9, len(whole), 7), len(whole), len(whole) + 1}):
            found = page_canned(store, name, limit, offset)
            if found is None:  # no pager for this store or page: the query runs whole
                continue
            paged += 1
            rows, more = found
            assert rows.rows == whole[offset:offset + limit], (offset, limit)
            assert more or offset + limit >= len(whole)
    assert paged


def test_run_canned_under_a_row_limit_pages(store: GraphStore) -> None:
    whole = run_canned(store, "timeline").rows
    limited = run_canned(store, "timeline", limits=QueryLimits(max_rows=3))
    assert limited.rows == whole[:3] and limited.truncated
    assert limited.variables == run_canned(store, "timeline").variables


def test_queries_without_a_pager_run_whole(store: GraphStore) -> None:
    assert page_canned(store, "disputes", 5) is None
    assert page_canned(store, "timeline", 0) is None


def test_figures_paged_across_articles_of_one_day() -> None:
    """The figures pager binds only the first articles that hold a page's figures (by date,
    then article id): with most articles on one day, ids out of the order they were written
    in and several figures an article, every page is still the whole query's rows there."""
    days = ["2024-06-01"] * 7 + ["2024-05-30", None, "2024-06-02"]
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for n, published in enumerate(days):
            for x in all_extractions():
                copy = _copy(x, n, published)
                # ids that sort against the order of writing
                writer.write(replace(copy, article=replace(copy.article,
                                                           id=f"{x.article.id}-{9 - n}")))
        whole = run_canned(store, "figures").rows
        assert len(whole) >= 20
        paged = 0
        for offset in (0, 2, 7):
            for limit in range(1, len(whole) + 2):
                found = page_canned(store, "figures", limit, offset)
                if found is None:  # the undated article would come into it: run whole
                    continue
                paged += 1
                rows, more = found
                assert rows.rows == whole[offset:offset + limit], (offset, limit)
                assert more or offset + limit >= len(whole)
        assert paged >= 10
