"""The escalation cues measured on the corpus: few false alarms, most heated speech, all danger.

The figures come from scripts/cue_corpus.py's own :func:`measure`, so what the
script prints and what is held here cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from coach import resources

ROOT = Path(__file__).resolve().parents[2]
CORPORA = sorted((ROOT / "tests" / "data").glob("cue_corpus*.yaml"))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cue_corpus", ROOT / "scripts" / "cue_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


script = _script()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resources.clear_cache()


def test_the_corpus_is_big_enough_and_holds_the_sentences_the_issue_names() -> None:
    corpus = script.load_corpus([script.CORPUS])
    assert len(corpus["ordinary"]) >= 60
    assert len(corpus["heated"]) >= 30
    assert len(corpus["danger"]) >= 10
    for sentence in ("I can't get over it.", "???", "You always make me laugh, even now.",
                     "We're done for tonight, let's pick this up on Thursday."):
        assert sentence in corpus["ordinary"]
    for sentence in ("You're being ridiculous.", "You're overreacting.", "Can't we just move on?",
                     "I already said sorry.", "You made me do it.", "Whatever."):
        assert sentence in corpus["heated"]
    every = [s for kind in script.KINDS for s in corpus[kind]]
    assert len(set(every)) == len(every), "a sentence is sorted twice"


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_at_most_one_ordinary_sentence_in_twenty_fires(path: Path) -> None:
    figures = script.measure(script.load_corpus([path]))
    assert figures.false_alarms <= 1 / 20, figures.fired["ordinary"]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_at_least_four_heated_sentences_in_five_fire(path: Path) -> None:
    figures = script.measure(script.load_corpus([path]))
    assert figures.heated_recall >= 4 / 5, figures.silent["heated"]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_every_danger_sentence_fires_a_danger_cue(path: Path) -> None:
    figures = script.measure(script.load_corpus([path]))
    corpus = script.load_corpus([path])
    assert figures.danger_recall == 1, sorted(set(corpus["danger"]) - set(figures.danger["danger"]))


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_crisis_help_is_not_shown_beside_ordinary_or_merely_heated_speech(path: Path) -> None:
    figures = script.measure(script.load_corpus([path]))
    assert figures.danger["ordinary"] == [] and figures.danger["heated"] == []


def test_danger_cues_are_found_even_with_nudges_off() -> None:
    corpus = script.load_corpus(CORPORA)
    for sentence in corpus["danger"]:
        found = resources.find_cues(sentence, heated=False)
        assert found and all(m.danger for m in found), sentence
    assert all(resources.find_cues(s, heated=False) == [] for s in corpus["heated"])


def test_the_script_reports_the_goals_met(capsys: pytest.CaptureFixture[str]) -> None:
    assert script.main([str(p) for p in CORPORA]) == 0
    out = capsys.readouterr().out
    assert "ordinary sentences that fire" in out and "MISSED" not in out
