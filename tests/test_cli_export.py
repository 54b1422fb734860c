"""`storygraph export` with every format and filter, and `storygraph chart`, on an on-disk store."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from storygraph.cli import EXPORT_FORMATS, app
from storygraph.export.run import EXPORT_FORMATS as LIBRARY_FORMATS
from storygraph.rdf.namespace import entity_iri
from storygraph.resolve import canonical_id
from storygraph.store import open_store
from tests.fixtures_extraction import all_extractions

runner = CliRunner()
EXTRACTIONS = all_extractions()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("export") / "store"
    from storygraph.ingest import ArticleWriter

    with open_store(path) as s:
        writer = ArticleWriter(s, resolve=False)
        for extraction in EXTRACTIONS:
            writer.write(extraction)
    return str(path)


def entities_of(*indexes: int) -> set[str]:
    return {entity_iri(canonical_id(e)) for i in indexes for e in EXTRACTIONS[i].entities}


def test_cli_formats_match_the_library() -> None:
    assert set(EXPORT_FORMATS) == set(LIBRARY_FORMATS)


@pytest.mark.parametrize("fmt,suffix", [("graphml", "graphml"), ("gexf", "gexf"),
                                        ("cytoscape", "json"), ("html", "html"),
                                        ("trig", "trig"), ("nquads", "nq"),
                                        ("turtle", "ttl"), ("jsonld", "jsonld")])
def test_every_format_writes(store: str, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"story.{suffix}"
    result = run("export", out, "--format", fmt, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {out} (")
    assert out.stat().st_size > 0


def test_filters_on_graph_exports(store: str, tmp_path: Path) -> None:
    out = tmp_path / "late.graphml"
    result = run("export", out, "--since", "2024-03-13", "--store", store)
    assert result.exit_code == 0, result.output
    assert set(nx.read_graphml(out).nodes) == entities_of(2)
    out = tmp_path / "shah.json"
    result = run("export", out, "-f", "cytoscape", "--entity", "Priya Shah", "--hops", "0",
                 "--store", store)
    assert result.exit_code == 0, result.output
    nodes = json.loads(out.read_text())["elements"]["nodes"]
    assert [n["data"]["label"] for n in nodes] == ["Priya Shah"]


def test_filters_on_rdf_exports(store: str, tmp_path: Path) -> None:
    out = tmp_path / "early.nq"
    result = run("export", out, "-f", "nquads", "--until", "2024-03-12", "--store", store)
    assert result.exit_code == 0, result.output
    graphs = {q.graph_name.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert len(graphs) == 2  # the sentencing's graph and the entity records


def test_filter_errors_are_one_line(store: str, tmp_path: Path) -> None:
    result = run("export", tmp_path / "x.graphml", "--since", "March", "--store", store)
    assert result.exit_code == 1
    assert result.stderr == "Error: --since 'March' is not a date (YYYY-MM-DD)\n"
    result = run("export", tmp_path / "x.graphml", "--entity", "Nobody", "--store", store)
    assert result.exit_code == 1
    assert result.stderr == "Error: no entity matching 'Nobody' in the articles selected\n"
    for empty in ("", "  "):  # not one arbitrary entity's network
        result = run("export", tmp_path / "x.graphml", "--entity", empty, "--store", store)
        assert result.exit_code == 1
        assert result.stderr == "Error: --entity is empty: give an entity's name or alias\n"
        assert not (tmp_path / "x.graphml").exists()


def test_an_export_that_fails_half_way_keeps_the_older_file(store: str, tmp_path: Path,
                                                             monkeypatch) -> None:
    import errno

    import storygraph.export.run

    out = tmp_path / "story.trig"
    out.write_text("yesterday's export\n")

    def disk_full_half_way(graph, path, **options):
        Path(path).write_text("@prefix schema: <https://schema.org/> .\n<a:")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storygraph.export.run, "export", disk_full_half_way)
    result = run("export", out, "--format", "trig", "--store", store)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write (No space left on device)\n"
    assert out.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["story.trig"]
    monkeypatch.undo()
    assert run("export", tmp_path, "--store", store).stderr == (
        f"Error: {tmp_path}: cannot write (Is a directory)\n")


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_chart_png_and_svg_one_point_per_figure(store: str, tmp_path: Path) -> None:
    # The fixtures state three figures with a value, all in the sentencing article.
    png, svg = tmp_path / "f.png", tmp_path / "f.svg"
    for out in (png, svg):
        result = run("chart", "figures", out, "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stderr == f"wrote {out} (3 figures)\n"
    width, height = _png_size(png)
    assert width > 400 and height > 300
    root = ET.parse(svg).getroot()
    ids = sorted(e.get("id") for e in root.iter() if (e.get("id") or "").startswith("figure-"))
    assert ids == ["figure-0", "figure-1", "figure-2"]
    result = run("chart", "figures", tmp_path / "none.svg", "--since", "2024-03-13",
                 "--store", store)
    assert result.stderr.endswith("(0 figures)\n")
    result = run("chart", "figures", tmp_path / "f.gif", "--store", store)
    assert result.exit_code == 1
    assert "written as .png or .svg" in result.stderr


def _page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="storygraph-data">')
    start = text.index(">", start) + 1
    return json.loads(text[start:text.index("</script>", start)])


def test_filters_on_the_explorer_page(store: str, tmp_path: Path) -> None:
    out = tmp_path / "late.html"
    result = run("export", out, "-f", "html", "--since", "2024-03-13", "--store", store)
    assert result.exit_code == 0, result.output
    data = _page_data(out)
    assert [a["title"] for a in data["articles"]] == ['Court hears of "SELECT" scheme']
    assert "Victor Hale" in data["articles"][0]["story"]  # the story it belongs to
    assert {n["data"]["id"] for n in data["graph"]["elements"]["nodes"]} == entities_of(2)
    assert [c["text"] for c in data["claims"]] == [EXTRACTIONS[2].claims[0].text]
    assert data["figures"] == [] and data["events"] == []
    # Article text is inside the JSON block only as escaped JSON: no raw angle brackets.
    block = out.read_text(encoding="utf-8").split('id="storygraph-data">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block


def test_story_filter_on_the_command_line(store: str, tmp_path: Path) -> None:
    # The three fixture articles tell one story (about Victor Hale and the court).
    out = tmp_path / "hale.gexf"
    result = run("export", out, "-f", "gexf", "--story", "hale", "--store", store)
    assert result.exit_code == 0, result.output
    assert set(nx.read_gexf(out, version="1.3").nodes) == entities_of(0, 1, 2)
    result = run("chart", "figures", tmp_path / "hale.svg", "--story", "hale", "--store", store)
    assert result.stderr.endswith("(3 figures)\n")
    result = run("export", tmp_path / "x.html", "-f", "html", "--story", "zzz", "--store", store)
    assert result.exit_code == 1
    assert result.stderr == "Error: no story matches 'zzz' (see `storygraph stories`)\n"
