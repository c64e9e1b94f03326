"""Precision and recall of the escalation cues on the test corpus.

Reads ``tests/data/cue_corpus.yaml`` (or the files given) and prints, for the
cues in use (the built-in ``coach/data/cues.yaml`` unless a user's file
replaces it):

* ordinary sentences that fire any cue (false alarms; goal: at most 1 in 20);
* heated sentences that fire a cue (recall; goal: at least 4 in 5);
* danger sentences that fire a danger cue (goal: every one);
* precision: of the sentences that fire, how many are heated or danger, and of
  those that fire a danger cue, how many are danger sentences;
* the slowest cue on long, hostile notes (a check that nothing backtracks).

Run: ``python scripts/cue_corpus.py [--misses] [CORPUS ...]``.
tests/unit/test_cue_corpus.py asserts the same goals with :func:`measure`.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coach import resources

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "cue_corpus.yaml"
KINDS = ("ordinary", "heated", "danger")

#: long notes (many reading windows) built to make a careless pattern backtrack
_LONG = 12_000
HOSTILE = [
    "a" * _LONG,
    "you " * (_LONG // 4),
    "you're so " * (_LONG // 10),
    "I'll " * (_LONG // 5),
    "WORD " * (_LONG // 5),
    "!?" * (_LONG // 2),
    ". " * (_LONG // 2),
    "if you'd " + "x" * (_LONG - 9),
]


@dataclass
class Figures:
    total: dict[str, int] = field(default_factory=dict)
    #: sentences of each kind that fire any cue
    fired: dict[str, list[str]] = field(default_factory=dict)
    #: sentences of each kind that fire a danger cue
    danger: dict[str, list[str]] = field(default_factory=dict)
    #: sentences of each kind that fire nothing
    silent: dict[str, list[str]] = field(default_factory=dict)

    def rate(self, table: dict[str, list[str]], kind: str) -> float:
        return len(table[kind]) / self.total[kind] if self.total[kind] else 0.0

    @property
    def false_alarms(self) -> float:
        return self.rate(self.fired, "ordinary")

    @property
    def heated_recall(self) -> float:
        return self.rate(self.fired, "heated")

    @property
    def danger_recall(self) -> float:
        return self.rate(self.danger, "danger")

    @property
    def precision(self) -> float:
        right = len(self.fired["heated"]) + len(self.fired["danger"])
        fired = right + len(self.fired["ordinary"])
        return right / fired if fired else 1.0

    @property
    def danger_precision(self) -> float:
        fired = sum(len(v) for v in self.danger.values())
        return len(self.danger["danger"]) / fired if fired else 1.0


def load_corpus(paths: list[Path]) -> dict[str, list[str]]:
    corpus: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in KINDS:
            corpus[kind] += [str(s) for s in data.get(kind) or []]
    return corpus


def measure(corpus: dict[str, list[str]]) -> Figures:
    figures = Figures()
    for kind in KINDS:
        sentences = corpus[kind]
        found = {s: resources.find_cues(s) for s in sentences}
        figures.total[kind] = len(sentences)
        figures.fired[kind] = [s for s in sentences if found[s]]
        figures.danger[kind] = [s for s in sentences if any(m.danger for m in found[s])]
        figures.silent[kind] = [s for s in sentences if not found[s]]
    return figures


def slowest_cue(texts: list[str]) -> tuple[str, float]:
    """The cue that takes longest on any of ``texts``, and its time in seconds."""
    worst = ("", 0.0)
    for cue in resources.cues():
        for text in texts:
            start = time.perf_counter()
            cue.find(text)
            spent = time.perf_counter() - start
            if spent > worst[1]:
                worst = (cue.id, spent)
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[CORPUS])
    parser.add_argument("--misses", action="store_true", help="list every sentence that misses")
    args = parser.parse_args(argv)
    figures = measure(load_corpus(args.corpus))

    def line(label: str, part: int, whole: int, goal: str, met: bool) -> None:
        share = part / whole if whole else 0.0
        mark = "ok" if met else "MISSED"
        print(f"{label:<34} {part:>3} of {whole:<3} {share:6.1%}   goal {goal:<12} {mark}")

    t = figures.total
    line("ordinary sentences that fire", len(figures.fired["ordinary"]), t["ordinary"],
         "<= 5%", figures.false_alarms <= 1 / 20)
    line("heated sentences that fire", len(figures.fired["heated"]), t["heated"],
         ">= 80%", figures.heated_recall >= 4 / 5)
    line("danger sentences, danger cue", len(figures.danger["danger"]), t["danger"],
         "100%", figures.danger_recall == 1)
    print(f"precision (fired that should):     {figures.precision:6.1%}")
    print(f"danger cue precision:              {figures.danger_precision:6.1%}")
    cue, spent = slowest_cue(HOSTILE)
    note = f"{_LONG}-character hostile note"
    print(f"slowest cue on a {note}: {cue}, {spent * 1000:.1f} ms")
    if args.misses:
        for title, items in (
            ("ordinary, fired", figures.fired["ordinary"]),
            ("heated, silent", figures.silent["heated"]),
            ("danger, no danger cue", [s for s in load_corpus(args.corpus)["danger"]
                                       if s not in figures.danger["danger"]]),
            ("heated, fired a danger cue", figures.danger["heated"]),
        ):
            for sentence in items:
                found = ", ".join(m.cue for m in resources.find_cues(sentence)) or "nothing"
                print(f"  {title}: {sentence!r} -> {found}")
    met = figures.false_alarms <= 1 / 20 and figures.heated_recall >= 4 / 5
    return 0 if met and figures.danger_recall == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
