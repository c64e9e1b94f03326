"""Every built-in exercise walks to its end under `coach rehearse`.

Answers come from :class:`Answerer`, which reads what rehearse printed and
answers the way a cooperative couple would: it takes one break when offered,
says "there is more" and "partly" before "yes", tries each option of a
question in turn as the question comes back (so goto loops are taken once and
left), and never chooses to stop early, so the walk reaches the last step.
Any refused answer fails the test.
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from coach.cli import main
from coach.format import load_file
from coach.format.model import End

EXERCISES = Path(__file__).resolve().parents[2] / "coach" / "exercises"
FILES = sorted(EXERCISES.glob("*.yaml"))
TEMPLATE = Path(__file__).resolve().parents[2] / "coach" / "templates" / "new-exercise.yaml"

#: options a cooperative walk never picks, since they end the exercise early (a slip that
#: turns out to be something hidden is sent to the accountability statement)
STOPPING = re.compile(r"not today|not yet|stop|hidden", re.IGNORECASE)
HEADER = re.compile(r"^Round (\d+) of \d+, step (\d+) of \d+:")
OPTION = re.compile(r"^(\d+)\. (.*)$")
#: answers to a reflection, in order, for each reflect step reached
VERDICTS = ("4", "2", "1")
MAX_ANSWERS = 400


class Answerer:
    """An iterator of input lines that answers whatever rehearse printed last."""

    def __init__(self, out: io.StringIO) -> None:
        self.out = out
        self.read_to = 0
        self.place: tuple[int, int] = (0, 0)
        self.seen: Counter[object] = Counter()
        self.answers: list[str] = []
        self.ratings = 0
        self.took_break = False

    def __iter__(self) -> Answerer:
        return self

    def __next__(self) -> str:
        text = self.out.getvalue()
        lines = [line for line in text[self.read_to :].splitlines() if line.strip()]
        self.read_to = len(text)
        for line in lines:
            header = HEADER.match(line)
            if header:
                self.place = (int(header[1]), int(header[2]))
        if not lines or lines[-1] == "Try again.":
            raise AssertionError("an answer was refused:\n" + "\n".join(text.splitlines()[-15:]))
        if len(self.answers) >= MAX_ANSWERS:
            raise AssertionError(f"still going after {MAX_ANSWERS} answers")
        answer = self.answer(lines)
        self.answers.append(answer)
        return answer + "\n"

    def answer(self, lines: list[str]) -> str:
        last = lines[-1]
        if any(line.startswith("A break is offered") for line in lines) and not self.took_break:
            self.took_break = True
            return "/pause a a short break to breathe"
        if last == "Type a note (needed here), then press Enter.":
            return "A few words from me."
        if last == "Press Enter to go on, or type a note first.":
            return "" if len(self.answers) % 2 else "A short note."
        if last == "Press Enter to go on." or last.endswith("press Enter when you are ready."):
            return ""
        if last == "Type the answer and press Enter.":
            return "Something honest, said kindly."
        if last == "Type yes or no.":
            return "yes"
        if last.startswith("Type a whole number from"):
            self.ratings += 1
            return "8" if self.ratings == 1 else "3"  # the first one is high: offers a break
        if last == "Type a number or the words.":
            key = ("verdict", self.place)
            self.seen[key] += 1
            return VERDICTS[min(self.seen[key] - 1, len(VERDICTS) - 1)]
        if last == "Type a number or the option's words.":
            return self.option(lines)
        if "words or numbers, separated by commas" in last:
            return "" if last.startswith("The guess:") else "1, 2"
        if last.startswith("Type a number or the word;"):
            return "kept: on time, both weeks"
        raise AssertionError(f"no answer for: {last!r}")

    def option(self, lines: list[str]) -> str:
        options: list[str] = []
        for line in reversed(lines[:-1]):
            match = OPTION.match(line)
            if match is None:
                break
            options.insert(0, match[2])
        assert options, "options were expected"
        allowed = [i for i, o in enumerate(options) if not STOPPING.search(o)] or [0]
        key = ("options", self.place, tuple(options))
        choice = allowed[self.seen[key] % len(allowed)]
        self.seen[key] += 1
        return str(choice + 1)


def rehearse(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, Answerer]:
    out = io.StringIO()
    answers = Answerer(out)
    monkeypatch.setattr(sys, "stdin", answers)
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["rehearse", str(path), "--a", "Ann", "--b", "Ben"])
    return code, out.getvalue(), answers


@pytest.mark.parametrize("path", [*FILES, TEMPLATE], ids=lambda p: p.stem)
def test_walks_to_its_end(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exercise = load_file(path).exercise
    assert exercise is not None
    code, output, answers = rehearse(path, monkeypatch)
    assert code == 0, output[-2000:]
    # it ends at its last step, the closing words, not at an early way out
    last = exercise.steps[-1]
    assert isinstance(last, End) and last.text is not None
    assert last.text.source.splitlines()[0] in output
    assert f"Round {exercise.rounds} of {exercise.rounds}" in output or exercise.rounds == 1
    assert answers.took_break == any(s.ACTION == "rate" and s.pause_at for s in exercise.steps)


def test_a_walk_that_runs_out_of_answers_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # the walk can fail: with no input at all, rehearse stops and says so
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["rehearse", str(FILES[0]), "--a", "Ann", "--b", "Ben"]) != 0
