"""Figures over time as a picture (PNG or SVG, by the file's suffix), drawn with matplotlib.

One point per stated figure that has a number: x is its article, in story order
(dated articles by publication date, undated ones after them, each labelled with
its date or "undated" and its source), y is the value on a log scale (a story's
figures run from a handful of jobs to millions of pounds), colour is the unit.
Figures from one article are spread a little sideways so none hides another.
Each point is an SVG group with the id `figure-N`, so tools (and tests) can find them;
past MAX_POINT_GROUPS points (a whole large store), the points of a unit are one
group `unit-N`, since an artist per point costs matplotlib seconds per thousand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from storygraph.errors import StorygraphError
from storygraph.export.filters import Selection
from storygraph.rdf.sparql import values_block
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore

CHART_FORMATS = (".png", ".svg")
MAX_LABELLED_ARTICLES = 30
MAX_ANNOTATED_POINTS = 60
MAX_POINT_GROUPS = 500  # past this many points, one SVG group per unit, not per point
UNIT_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442")


def figure_points(store: GraphStore, selection: Selection | None = None
                  ) -> list[dict[str, Any]]:
    """The figures with a positive value, in story order, with their article's place on x."""
    scope = ""
    if selection is not None and selection.articles is not None:
        scope = values_block(["article"], [[NamedNode(a)] for a in sorted(selection.articles)])
    rows = store.select(f"""
        SELECT ?figure ?article ?value ?unit ?text ?begin WHERE {{ {scope}
          GRAPH ?article {{
            ?figure a schema:QuantitativeValue ; schema:value ?value ; nif:anchorOf ?text ;
                    nif:beginIndex ?begin .
            OPTIONAL {{ ?figure schema:unitText ?unit }}
          }} }}""")
    # The articles' own fields apart: OPTIONALs on ?article beside the figure's made
    # Oxigraph read every article's fields for every figure.
    about = {r["article"]: r for r in store.select(f"""
        SELECT ?article ?published ?source ?title WHERE {{ {scope}
          GRAPH ?article {{
            ?article a schema:NewsArticle .
            OPTIONAL {{ ?article schema:datePublished ?published }}
            OPTIONAL {{ ?article sg:source ?source }}
            OPTIONAL {{ ?article schema:headline ?title }}
          }} }}""")}
    for row in rows:
        row.update(about.get(row["article"], {"published": None, "source": None, "title": None}))
    rows = [r for r in rows if isinstance(r["value"], (int, float)) and r["value"] > 0]
    rows.sort(key=lambda r: (r["published"] is None, str(r["published"] or ""),
                             str(r["article"]), r["begin"]))
    order: dict[Any, int] = {}
    for row in rows:
        order.setdefault(row["article"], len(order))
    return [{"value": float(r["value"]), "unit": r["unit"] or "number", "text": r["text"],
             "x": order[r["article"]], "date": str(r["published"])[:10] if r["published"]
             else None, "source": r["source"], "title": r["title"]} for r in rows]


def write_figures_chart(store: GraphStore, path: str | os.PathLike[str], *,
                        selection: Selection | None = None, title: str = "Figures over time"
                        ) -> int:
    """Draw the chart to `path` (.png or .svg); returns the number of points drawn."""
    suffix = Path(path).suffix.lower()
    if suffix not in CHART_FORMATS:
        raise StorygraphError(f"{path}: the chart is written as .png or .svg, not {suffix!r}")
    import matplotlib

    matplotlib.use("Agg")  # no display here, and none needed for a file
    import matplotlib.pyplot as plt

    points = figure_points(store, selection)
    # Text from articles is drawn as plain text, never as mathtext ("$2m ... $3m").
    with plt.rc_context({"text.parse_math": False, "svg.fonttype": "none",
                         "svg.hashsalt": "storygraph"}):
        articles = max((p["x"] for p in points), default=-1) + 1
        # Past a few dozen articles, per-article labels and notes become ink: drop them.
        detailed = articles <= MAX_LABELLED_ARTICLES
        fig, ax = plt.subplots(figsize=(min(max(6.0, 1.6 * articles + 2), 16.0), 4.5),
                               dpi=120)
        units = list(dict.fromkeys(p["unit"] for p in points))
        per_article: dict[int, list[dict[str, Any]]] = {}
        for point in points:
            per_article.setdefault(point["x"], []).append(point)
        for group in per_article.values():
            for k, point in enumerate(group):
                offset = (k / (len(group) - 1) - 0.5) * 0.5 if len(group) > 1 else 0.0
                point["at"] = point["x"] + offset
        if len(points) <= MAX_POINT_GROUPS:
            for i, point in enumerate(points):
                ax.plot([point["at"]], [point["value"]], "o", markersize=8,
                        color=UNIT_COLOURS[units.index(point["unit"]) % len(UNIT_COLOURS)],
                        gid=f"figure-{i}", label=point["unit"])
                if detailed and len(points) <= MAX_ANNOTATED_POINTS:
                    ax.annotate(point["text"][:40], (point["at"], point["value"]),
                                textcoords="offset points", xytext=(6, 4), fontsize=7)
        else:  # one artist a unit: one a point costs seconds per thousand points
            for n, unit in enumerate(units):
                xs = [p["at"] for p in points if p["unit"] == unit]
                ax.plot(xs, [p["value"] for p in points if p["unit"] == unit], "o",
                        markersize=5, color=UNIT_COLOURS[n % len(UNIT_COLOURS)],
                        gid=f"unit-{n}", label=unit)
        if points:
            from matplotlib.ticker import FuncFormatter, NullFormatter

            ax.set_yscale("log")
            # Plain numbers: the default log labels are mathtext, which is switched off.
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.10g}"))
            ax.yaxis.set_minor_formatter(NullFormatter())
            low, high = min(p["value"] for p in points), max(p["value"] for p in points)
            ax.set_ylim(low / 3, high * 3)
            labels = {}
            for point in points:
                source = (point["source"] or "")[:20]
                labels[point["x"]] = f"{point['date'] or 'undated'}\n{source}"
            if detailed:
                ax.set_xticks(sorted(labels), [labels[x] for x in sorted(labels)], fontsize=8)
            else:
                ax.set_xlabel(f"{articles} articles in date order (undated last)")
            ax.set_xlim(-0.6, articles - 0.4)
            handles, names = ax.get_legend_handles_labels()
            unique = dict(zip(names, handles, strict=True))
            ax.legend(list(unique.values())[:12], list(unique.keys())[:12], fontsize=8,
                      title="unit", loc="upper right")
        else:
            ax.text(0.5, 0.5, "no figures with a number", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_xticks([])
        ax.set_title(title)
        ax.set_ylabel("value (log scale)")
        ax.grid(True, axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(os.fspath(path), format=suffix[1:])
        plt.close(fig)
    return len(points)
