"""Extraction time against the number of distinct names in an article (issue 12 point 4).

    python bench/bench_names.py [--sizes 100,400,1600] [--shapes list,county,ships]

Articles many names long are news too: an honours list, a results page, a council's
members. Three shapes, every name invented (syllables joined, so all are distinct):

- list: "Firstname Surname, Town" lines under a short lead, one name a line;
- county: "X County" names, all in one sentence;
- ships: "MV X" ships in port, all in one sentence (a ship's word only once, at its start).

Baseline: bare spaCy (`spacy.load`, full pipeline, `nlp.pipe`) parsing the same texts in
the same run. Prints, per shape and size, bare parse, parse and extract CPU seconds
(`time.process_time`: wall time on a shared machine says more about the neighbours),
extract milliseconds per name (flat when extraction is linear in names), the growth of
extract time from the size before (4x names: 4x time is linear, 16x quadratic) and the
ratio of extraction to the bare parse.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import time

import spacy

from storygraph.extract import extract
from storygraph.model import Article
from storygraph.nlp import load_model, model_name

GIVEN = ("Alice", "Brian", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Isla",
         "James", "Karen", "Liam", "Maria", "Neil", "Olivia", "Peter", "Rachel", "Simon",
         "Tessa", "Victor")
ONSETS = ("B", "D", "G", "K", "M", "P", "T", "V", "Br", "Dr", "Gr", "Kr", "Tr", "St")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
CODAS = ("ld", "rn", "ck", "ll", "nt", "rk", "sh", "ft", "mb", "nd")
ENDINGS = ("by", "ton", "wick", "more", "field", "ham", "well", "stead")


def _words(n: int, endings: tuple[str, ...]) -> list[str]:
    """`n` invented words, all different: "Brealdby" shapes, never a real word list."""
    stems = [onset + vowel + coda
             for onset, vowel, coda in itertools.product(ONSETS, VOWELS, CODAS)]
    words = (stem + ending for ending, stem in itertools.product(endings, stems))
    return list(itertools.islice(dict.fromkeys(words), n))


def name_list(n: int) -> str:
    surnames = _words(n, ("er", "ley", "son", "ford", "ridge", "wood", "worth"))
    towns = _words(max(n // 8, 1), ENDINGS)
    lines = ["The county's honours list was published on Friday.", ""]
    lines += [f"{GIVEN[i % len(GIVEN)]} {surnames[i]}, {towns[i % len(towns)]}"
              for i in range(n)]
    return "\n".join(lines) + "\n"


def counties(n: int) -> str:
    names = [f"{w} County" for w in _words(n, ENDINGS)]
    return ("The state named the counties that will share the flood grant: "
            + ", ".join(names[:-1]) + f" and {names[-1]}.\n")


def ships(n: int) -> str:
    names = [f"MV {w}" for w in _words(n, ("a", "e", "o", "ia", "ina", "us"))]
    return ("Harbour officials listed every vessel in port this week: "
            + ", ".join(names[:-1]) + f" and {names[-1]}.\n")


SHAPES = {"list": name_list, "county": counties, "ships": ships}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1600")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")

    name = model_name()
    bare = spacy.load(name)
    nlp = load_model(name)
    warm = name_list(20)
    list(bare.pipe([warm]))
    extract(nlp(warm), Article(id="warm", key="warm", text=warm))  # loads the gazetteers
    print(f"model {name}, python {platform.python_version()}, {platform.machine()}")
    print(f"{'shape':>6} {'names':>6} {'chars':>7} {'bare s':>7} {'parse s':>8} "
          f"{'extract s':>9} {'ms/name':>8} {'growth':>7} {'entities':>8} {'extract/bare':>12}")
    for shape in shapes:
        before = None
        for size in sizes:
            text = SHAPES[shape](size)
            started = time.process_time()
            list(bare.pipe([text]))
            bare_s = time.process_time() - started
            started = time.process_time()
            doc = nlp(text)
            parse_s = time.process_time() - started
            article = Article(id=f"{shape}{size}", key=f"{shape}{size}", text=text)
            started = time.process_time()
            result = extract(doc, article)
            extract_s = time.process_time() - started
            growth = f"{extract_s / before:.1f}x" if before else "-"
            before = extract_s
            print(f"{shape:>6} {size:>6} {len(text):>7} {bare_s:>7.2f} {parse_s:>8.2f} "
                  f"{extract_s:>9.2f} {extract_s / size * 1000:>8.2f} {growth:>7} "
                  f"{len(result.entities):>8} {extract_s / bare_s:>12.2f}", flush=True)


if __name__ == "__main__":
    main()
