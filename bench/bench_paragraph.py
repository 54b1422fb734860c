"""Extraction time against paragraph length: one paragraph of growing size, no line breaks.

    python bench/bench_paragraph.py [--sizes 5000,10000,20000,40000,80000]

A paragraph is built by repeating a few news sentences (quotes with cues before and
after, reported speech, a pronoun speaker) until it reaches each size. Baseline: bare
spaCy (`spacy.load`, full pipeline) parsing the same text in the same run. Prints, per
size, parse and extract CPU seconds (`time.process_time`: wall time on a shared machine
says more about the neighbours), extract microseconds per character (flat when extraction
is linear) and the ratio of extraction to the bare parse.
"""

from __future__ import annotations

import argparse
import platform
import time

import spacy

from storygraph.extract import extract
from storygraph.model import Article
from storygraph.nlp import load_model, model_name

SENTENCES = (
    '"We will not let the depot close without a fight," said Maeve Tallis, the branch '
    "secretary. ",
    "The council said the proposals were still under review. ",
    'Ms Tallis added: "Every driver here has a family to feed." ',
    "According to the operator, 140 jobs are at risk. ",
    '"It is a sad day for Tarrowby," she said. ',
    "Ravelow Buses described the decision as \"regrettable but necessary\". ",
)


def paragraph(size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = SENTENCES[len(parts) % len(SENTENCES)]
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000,80000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    name = model_name()
    bare = spacy.load(name)
    nlp = load_model(name)
    bare("warm up")
    text = paragraph(500)
    extract(nlp(text), Article(id="warm", key="warm", text=text))  # loads the gazetteers
    print(f"model {name}, python {platform.python_version()}, {platform.machine()}")
    print(f"{'chars':>8} {'bare s':>8} {'parse s':>8} {'extract s':>10} {'µs/char':>8} "
          f"{'claims':>7} {'extract/bare':>12}")
    for size in sizes:
        text = paragraph(size)
        started = time.process_time()
        bare(text)
        bare_s = time.process_time() - started
        started = time.process_time()
        doc = nlp(text)
        parse_s = time.process_time() - started
        article = Article(id=str(size), key=str(size), text=text)
        started = time.process_time()
        result = extract(doc, article)
        extract_s = time.process_time() - started
        print(f"{len(text):>8} {bare_s:>8.2f} {parse_s:>8.2f} {extract_s:>10.2f} "
              f"{extract_s / len(text) * 1e6:>8.1f} {len(result.claims):>7} "
              f"{extract_s / bare_s:>12.2f}")


if __name__ == "__main__":
    main()
