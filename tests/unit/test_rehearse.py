"""`coach rehearse`: a plain-text walk of an exercise, answers from standard input."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.cli import main
from coach.commands.rehearse_text import InputEnded, Rehearsal, TimedLines
from coach.engine import InMemoryLedger, Session
from coach.format.loader import load_text

WALK = """\
id: walk
title: A walk
summary: Every kind of answer once.
first_speaker: ask
rounds: 2
vars: {topic: the week}
steps:
  - say: Welcome, {a} and {b}.
  - share: "{speaker}, describe {topic}."
  - reflect: "{listener}, say it back."
  - name_emotion: {vocabulary: [hurt, sad, let down, calm], max: 2}
  - validate:
  - rate: {question: How calm?, save_as: calm, pause_at: 9}
  - ask:
      question: Go on?
      options: ["Yes", {label: "Stop here", goto: out}]
  - commit: {prompt: "{speaker}, one small thing?", review_in: 1d}
  - id: out
    say: "Done: {emotion}, calm {calm}."
"""

# one line per answer; round 2 stops at the ask
ANSWERS = [
    "Ben",            # who speaks first, by name
    "",               # say
    "the dishes",     # share, with a note
    "",               # reflect
    "2",              # partly
    "I meant the mornings",
    "",               # reflect again
    "yes",
    "1, let down",    # guess
    "",               # keep the guess
    "",               # validate
    "4", "6",         # rate, each partner
    "1",              # Yes
    "Walk after dinner",
    "",               # say
    # round 2
    "", "", "", "yes", "sad", "3", "", "2", "2", "Stop here", "",
]


def write(tmp_path: Path, text: str = WALK, name: str = "walk.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rehearse(
    args: list[str], lines: list[str], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    code = main(["rehearse", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_full_walk_ends_with_the_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    code, out, err = rehearse([str(path), "--a", "Ann", "--b", "Ben"], ANSWERS, monkeypatch,
                              capsys)
    assert code == 0, err
    assert err == ""
    # steps are shown with whose turn it is, text filled in
    assert "Round 1 of 2, step 2 of 9: share. For Ben, who holds the floor." in out
    assert "Ben, describe the week." in out
    assert "Round 2 of 2, step 2 of 9: share. For Ann, who holds the floor." in out
    transcript = out[out.index("Transcript: A walk"):].splitlines()
    for line in [
        "Partners: Ann and Ben.",
        "  Ben shared. Note: \"the dishes\"",
        "  Ben: partly.",
        "  Ben clarified. Note: \"I meant the mornings\"",
        "  Ann guessed: hurt and let down.",
        "  Ben confirmed: hurt and let down.",
        "  Ben: 4",
        "  Ann: 6",
        "  Ben committed: \"Walk after dinner\"",
        "Step 9, say: Done: hurt and let down, calm 6.",
        "  Ann named it: let down (the guess was sad).",
        "  Ann: Stop here (on to out)",
        "Step 9, say: Done: let down, calm 2.",
        "The exercise is complete.",
    ]:
        assert line in transcript, line


def test_the_same_input_gives_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    args = [str(path), "--a", "Ann", "--b", "Ben"]
    first = rehearse(args, ANSWERS, monkeypatch, capsys)
    second = rehearse(args, ANSWERS, monkeypatch, capsys)
    assert first == second and first[0] == 0


def test_running_out_of_input_exits_1_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    code, _, err = rehearse([str(path), "--b", "Ben"], ANSWERS[:5], monkeypatch, capsys)
    assert code == 1
    assert "input ended before the exercise did" in err
    assert "round 1, step 3, reflect" in err
    assert "Traceback" not in err


def test_an_invalid_answer_prints_why_and_asks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, textwrap.dedent("""\
        title: T
        summary: S
        first_speaker: a
        steps:
          - rate: {question: Q, who: speaker, scale: [1, 5]}
          - ask: {question: Pick, options: [red, blue]}
          - name_emotion: {vocabulary: [hurt, sad], max: 1}
    """))
    code, out, _ = rehearse([str(path)], ["9", "many", "3", "7", "green", "Blue", "hurt, sad",
                                          "9", "hurt", ""], monkeypatch, capsys)
    assert code == 0
    # the engine's own message for a number off the scale, then the answer is asked again
    assert "Not accepted: pick a whole number from 1 to 5." in out
    assert 'Not accepted: "many" is not a whole number.' in out
    assert "Not accepted: type a number from 1 to 2." in out
    assert "Not accepted: pick one word only." in out
    assert "Type one word or its number." in out and "1 words" not in out
    assert "Not accepted: there is no word number 9." in out
    assert out.count("Try again.") == 6
    assert "  Partner A: blue" in out


def test_an_invalid_exercise_prints_its_problems_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nsteps:\n  - goto: nowhere\n", "bad.yaml")
    code, out, err = rehearse([str(path)], [], monkeypatch, capsys)
    assert code == 1 and out == ""
    assert re.search(r"bad\.yaml:4:\d+: error: goto \"nowhere\"", err), err


def test_an_unknown_id_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = rehearse(["no-such-exercise"], [], monkeypatch, capsys)
    assert code == 1 and 'no exercise file or id "no-such-exercise"' in err


def test_an_id_is_found_in_an_exercises_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder, "id: mine\ntitle: Mine\nsummary: S\nsteps:\n  - say: Hi {a}\n", "x.yaml")
    code, out, _ = rehearse(["mine", "--exercises", str(folder), "--a", "Zoe", "--first", "b"],
                            [""], monkeypatch, capsys)
    assert code == 0 and "Hi Zoe" in out


def test_first_and_names_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nsteps:\n  - say: '{speaker} to {listener}'\n")
    code, out, _ = rehearse([str(path), "--a", "Ann", "--b", "Ben", "--first", "b"], [""],
                            monkeypatch, capsys)
    assert code == 0 and "Ben to Ann" in out and "Who speaks first" not in out


def test_random_first_speaker_is_seeded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: random\n"
                           "steps:\n  - say: '{speaker} first'\n")
    outs = {rehearse([str(path)], [""], monkeypatch, capsys)[1] for _ in range(3)}
    assert len(outs) == 1
    seeds = {rehearse([str(path), "--seed", str(s)], [""], monkeypatch, capsys)[1]
             for s in range(8)}
    assert len(seeds) == 2  # both partners get to start, depending on the seed


def test_undo_and_pause_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, textwrap.dedent("""\
        title: T
        summary: S
        first_speaker: a
        pause: {length: 10m}
        steps:
          - ask: {question: Q, options: [wrong, right]}
          - say: after
    """))
    lines = ["1", "/undo", "/pause b I need air", "", "", "2", "/pause", "/frobnicate", ""]
    code, out, _ = rehearse([str(path), "--a", "Ann", "--b", "Ben"], lines, monkeypatch, capsys)
    assert code == 0
    assert "Taken back." in out
    assert "Break, taken by Ben: I need air." in out
    assert "(Rehearsal: the clock moves on 10m; a real session waits here.)" in out
    assert "Ann, press Enter when you are ready." in out
    assert "Ben, press Enter when you are ready." in out
    assert "Ann asked for a break" not in out and "Ben asked for a break of 10m: I need air." in out
    assert "The break ended after 10m; both were ready." in out
    assert "Unknown command /frobnicate." in out
    assert "Not accepted: say who takes the break: /pause a or /pause b" in out
    assert "  Ann: right" in out and "  Ann: wrong" not in out


def test_a_pause_step_is_not_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                           "  - pause: {length: 5m, skippable: false}\n  - say: after\n")
    code, out, _ = rehearse([str(path)], ["", ""], monkeypatch, capsys)
    # the first Enter would be refused in a real session; here the clock moved on
    assert "clock moves on 5m" in out and "Not accepted" not in out
    assert code == 1  # the say after it still needs its line


class ManualClock:
    """A clock that is not the rehearsal's fake one: like --real-time, but moved by hand."""

    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    def now(self) -> float:
        return 1e9 + self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def test_real_time_waits_out_a_pause_that_cannot_be_cut_short() -> None:
    ex = load_text("title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                   "  - pause: {length: 90s, skippable: false}\n  - say: after\n").exercise
    assert ex is not None
    clock = ManualClock()
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=InMemoryLedger())
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    out = io.StringIO()
    code = Rehearsal(session, ["", "", ""], out, echo=True, sleep=sleep).run()
    assert code == 0 and slept == [90]
    assert "Waiting 1m30s for the pause to end." in out.getvalue()


def test_private_check_and_core_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.resources import emotion_words

    words = emotion_words()
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\ntags: [hard]\n"
                           "steps:\n  - name_emotion: {max: 1}\n  - say: '{emotion}'\n")
    code, out, _ = rehearse([str(path)], ["maybe", "yes", "y", "2", "", ""], monkeypatch, capsys)
    assert code == 0
    assert "Private question for Partner A only." in out
    assert "Not accepted: type yes or no." in out
    assert f"1. {words[0]}; 2. {words[1]}" in out
    assert f"Step 2, say: {words[1]}" in out


def test_one_partner_not_ready_ends_the_rehearsal_gently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nprivate_check: true\nsteps:\n  - say: x\n")
    code, out, _ = rehearse([str(path)], ["yes", "no"], monkeypatch, capsys)
    assert code == 0
    assert "Let's leave this one for another day. A gentler exercise, or a break" in out
    # nothing printed, transcript included, says that anyone said no
    assert not re.search(r"not ready|said no|one of you|Partner B said", out, re.IGNORECASE)


def test_review_in_rehearse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                           "  - review:\n  - commit: {who: both}\n  - review: {which: all}\n")
    lines = ["call", "walk", "kept: twice", "late", "4"]
    code, out, _ = rehearse([str(path)], lines, monkeypatch, capsys)
    assert code == 0
    # nothing due: it says so, before the next step, and needs no line of input
    assert ("\nStep 1, review (no answer line): Nothing is due for review today.\n\n"
            "Round 1 of 1, step 2") in out
    # a commitment is made openly, unlike a rating
    assert "step 2 of 3: commit. For Partner A now, then Partner B.\n" in out
    assert out.count("Not accepted") == 1
    assert 'Commitment 1 of 2, by Partner A: "call"' in out
    assert 'Not accepted: "late" is not one of the outcomes' in out
    assert '  Partner A and Partner B: kept for "call". Note: "twice"' in out
    assert '  Partner A and Partner B: renegotiate for "walk".' in out


def test_a_commitment_made_together_in_rehearse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: b\nsteps:\n"
                           "  - commit: {who: together}\n  - review: {which: all}\n")
    lines = ["Walk", "change the wording", "Walk twice", "1", "kept"]
    code, out, _ = rehearse([str(path), "--a", "Sam", "--b", "Alex"], lines, monkeypatch, capsys)
    assert code == 0, out
    # the speaker types it once, then both agree or ask to change the wording
    assert "commit. For Alex, who holds the floor, to type once for both of you to agree to." in out
    assert 'Sam and Alex, do you both agree to this shared commitment? "Walk"\n' in out
    assert "1. Yes, we both agree\n2. Change the wording\n" in out
    assert 'Commitment 1 of 1, made together by Sam and Alex: "Walk twice"' in out
    assert '  Sam and Alex committed together: "Walk twice"' in out
    assert '  Sam and Alex: kept for "Walk twice".' in out


def test_a_stuck_exercise_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    skipped = "".join(f"  - say: s{i}\n    when: x == 1\n" for i in range(1005))
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nvars: {x: 0}\nsteps:\n"
                           + skipped + "  - say: last\n")
    code, _, err = rehearse([str(path)], [], monkeypatch, capsys)
    assert code == 1 and "1,000 steps in a row without an answer" in err


def test_a_goto_loop_round_an_empty_review_stops_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                           "  - id: r\n    review: Look back\n  - goto: r\n")
    code, _, err = rehearse([str(path)], [], monkeypatch, capsys)
    assert code == 1 and "a review with nothing due" in err


def test_plain_output_for_screen_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    code, out, _ = rehearse([str(path), "--b", "Ben"], ANSWERS, monkeypatch, capsys)
    assert code == 0
    assert "\x1b" not in out  # no colour or cursor codes
    assert not re.search("[\u2500-\u259f]", out)  # no box drawing or blocks
    assert "**" not in out


def test_in_a_subprocess_with_garbage_input_there_is_never_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path)
    garbage = "\n".join(["/pause", "/pause z", "/undo", "\x00", "-1", "99999999999999999999",
                         "é", "a,b,,", "/", "Ben"] * 3)
    result = subprocess.run([sys.executable, "-m", "coach", "rehearse", str(path)],
                            input=garbage, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert "input ended before the exercise did" in result.stderr


def test_a_goto_back_to_the_same_step_shows_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, textwrap.dedent("""\
        title: T
        summary: S
        first_speaker: a
        steps:
          - id: q
            ask:
              question: Once more?
              options: [{label: again, goto: q}, stop]
    """))
    code, out, _ = rehearse([str(path)], ["again", "again", "stop"], monkeypatch, capsys)
    assert code == 0
    shown = out[: out.index("Transcript:")]
    # each time the step is reached it is shown in full, not just its prompt line
    assert shown.count("step 1 of 1: ask. For Partner A, who holds the floor.") == 3
    assert shown.count("Once more?") == 3


def test_the_private_check_asks_each_partner_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nprivate_check: true\nfirst_speaker: a\n"
                           "steps:\n  - say: x\n")
    code, out, _ = rehearse([str(path), "--a", "Ann", "--b", "Ben"], ["yes", "yes", ""],
                            monkeypatch, capsys)
    assert code == 0
    assert "Private question for Ann only." in out
    assert "Private question for Ben only." in out
    assert "Ben, this question is for you alone; Ann will not see your answer." in out


def test_a_closed_standard_input_is_input_that_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n  - say: x\n")
    monkeypatch.setattr(sys, "stdin", None)
    code = main(["rehearse", str(path)])
    _, err = capsys.readouterr()
    assert code == 1 and "input ended before the exercise did" in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:strict", ""])
def test_input_that_is_not_utf8_is_read_with_replacement_characters(
    tmp_path: Path, encoding: str
) -> None:
    import os

    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                           "  - ask: Word?\n    save_as: w\n  - say: 'got {w}'\n")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run([sys.executable, "-m", "coach", "rehearse", str(path)],
                            input=b"ok \xff\xfe done\r\n\n", capture_output=True, env=env,
                            timeout=60)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0
    assert "got ok \ufffd\ufffd done" in result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "odd", ["²", "¹", "1_0", "9" * 5000, "٣", "+-1", "1e3"],
    ids=["super2", "super1", "underscore", "5000-digits", "arabic3", "signs", "exponent"],
)
def test_digits_that_are_not_plain_ascii_numbers_are_refused_not_a_crash(
    odd: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, textwrap.dedent("""\
        title: T
        summary: S
        first_speaker: a
        steps:
          - ask: {question: Pick, options: [red, blue]}
          - rate: {question: Q, who: speaker, scale: [1, 5]}
          - name_emotion: {vocabulary: [hurt, sad], max: 1}
    """))
    code, out, err = rehearse([str(path)], [odd, "2", odd, "3", odd, "1", ""], monkeypatch,
                              capsys)
    assert code == 0, err
    assert out.count("Not accepted") == 3
    assert "  Partner A: blue" in out and "  Partner A: 3" in out


def test_a_terminal_that_cannot_show_some_characters_gets_a_stand_in(tmp_path: Path) -> None:
    import os

    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n  - validate:\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "coach", "rehearse", str(path), "--a", "Zoë"],
                            input=b"\n", capture_output=True, env=env, timeout=60)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0
    assert b"Starter: It makes sense that you feel this way because ?" in result.stdout


def test_a_pause_step_says_how_long_and_which_breathing_after_its_heading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\npause: {breathing: calm}\n"
                           "steps:\n  - pause: {length: 2m, message: Rest}\n")
    code, out, _ = rehearse([str(path)], ["", ""], monkeypatch, capsys)
    assert code == 0
    assert ("Round 1 of 1, step 1 of 1: pause. For both of you.\n"
            "Rest\n"
            "Length 2m; breathing: calm. You may end it early together.\n"
            "(Rehearsal: the clock moves on 2m; a real session waits here.)\n"
            "Partner A, press Enter when you are ready.") in out


def test_the_description_is_shown_before_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\n"
                           "description: |\n  Pick something **small**.\n\n  Take your time.\n"
                           "steps:\n  - say: x\n")
    code, out, _ = rehearse([str(path)], [""], monkeypatch, capsys)
    assert code == 0
    assert "Rehearsing: T (walk).\nPick something small.\n\nTake your time.\n\nPartner a" in out


def test_words_a_person_types_to_agree_or_be_ready_are_understood(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # piped answers written by people: "yes" keeps the guess, "ready" ends a break, "y" fits
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                           "  - share: Tell.\n  - reflect: Say it back.\n"
                           "  - name_emotion: {vocabulary: [hurt, tired], max: 1}\n"
                           "  - pause: 1m\n  - say: after\n")
    lines = ["note", "echo", "y", "hurt", "yes", "ready", "READY", ""]
    code, out, err = rehearse([str(path), "--a", "Ann", "--b", "Bo"], lines, monkeypatch, capsys)
    assert code == 0, err
    assert "Ann confirmed: hurt" in out
    assert "Ann is ready." in out and "Bo is ready." in out
    assert "Not accepted" not in out


def test_an_empty_line_where_a_choice_is_needed_says_what_to_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nsteps:\n"
                           "  - ask: {question: Pick, options: [red, blue]}\n")
    code, out, _ = rehearse([str(path), "--a", "Ann"], ["", "Ann", "", "red"], monkeypatch,
                            capsys)
    assert code == 0
    assert "Not accepted: type the number of a partner or its words." in out
    assert "Not accepted: type the number of an option or its words." in out


# --- issue 11: what the screen shows is said live -------------------------------------------

FLOOR = """\
title: T
summary: S
first_speaker: a
rounds: 2
steps:
  - when: round == 1
    say: Hello.
  - share: "{speaker}, go on."
  - swap: true
  - share: "{speaker}, and you?"
  - goto: last
  - say: never shown
  - id: last
    when: round == 2
    end: Goodbye.
"""


def test_the_floor_passing_and_each_round_are_said_live(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, FLOOR)
    code, out, err = rehearse([str(path), "--a", "Ann", "--b", "Ben"], [""] * 5, monkeypatch,
                              capsys)
    assert code == 0, err
    live = out[: out.index("Transcript:")]
    assert "Round 1: Ann holds the floor." in live
    assert "Round 2: Ben holds the floor." in live
    assert "Step 3, swap (no answer line): The floor passes to Ben." in live
    assert "Step 3, swap (no answer line): The floor passes to Ann." in live
    # said before the step it leads to, not after
    assert live.index("Round 2: Ben holds the floor.") < live.index("Round 2 of 2, step 2")


def test_each_step_that_takes_no_answer_line_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, FLOOR)
    # five lines: the say, and two shares in each round; nothing for swap, goto, end, skips
    code, out, err = rehearse([str(path)], [""] * 5, monkeypatch, capsys)
    assert code == 0, err
    live = out[: out.index("Transcript:")]
    assert live.count('Step 5, goto (no answer line): on to "last".') == 2
    assert "Step 7, end (no answer line): skipped, as its condition is false: round == 2" in live
    assert "Step 1, say (no answer line): skipped, as its condition is false: round == 1" in live
    assert "Step 7, end (no answer line): the exercise ends here." in live
    assert live.index("the exercise ends here") < live.index("Goodbye.")
    assert live.count("> ") == 5  # and every line read was an answer
    assert "never shown" not in live


def test_the_core_vocabulary_is_printed_once_per_exercise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.resources import emotion_words

    words = emotion_words()
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nrounds: 2\nsteps:\n"
                           "  - name_emotion: {max: 1}\n")
    code, out, err = rehearse([str(path)], ["1", "", "2", ""], monkeypatch, capsys)
    assert code == 0, err
    assert out.count(f"1. {words[0]}; 2. {words[1]}") == 1
    # each later emotion question still says how to answer, and where the numbers are
    assert out.count(f"The {len(words)} feeling words are numbered as listed before.") == 3


def walk(
    tmp_path: Path, lines: list[str], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], steps: str,
) -> tuple[int, str, str]:
    """Rehearse an exercise of ``steps`` (YAML list items), partner a first."""
    path = write(tmp_path, "title: T\nsummary: S\nfirst_speaker: a\nsteps:\n" + steps)
    return rehearse([str(path)], lines, monkeypatch, capsys)


def test_a_reflection_without_confirmation_is_one_reflection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = walk(tmp_path, ["", "", "", "no", "", "", "no"], monkeypatch, capsys,
                          "  - share: S\n  - reflect: {prompt: R, confirm: false}\n"
                          "  - reflect: {prompt: R2, max_tries: 2}\n")
    assert code == 0, err
    assert "One reflection." in out and "of at most 3" not in out
    assert "Reflection 1 of at most 2." in out and "Reflection 2 of at most 2." in out


def test_not_confirmed_after_one_try_is_said_in_the_singular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = walk(tmp_path, ["", "", "no", ""], monkeypatch, capsys,
                          "  - share: S\n  - reflect: {prompt: R, max_tries: 1}\n  - say: x\n")
    assert code == 0, err
    assert "Not confirmed after 1 try." in out and "1 tries" not in out


def test_a_break_offered_by_the_last_answer_is_shown_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = walk(tmp_path, ["9", "2"], monkeypatch, capsys,
                          "  - rate: {question: How stirred up?, pause_at: 7}\n")
    assert code == 0, err
    live, transcript = out.split("Transcript:")
    assert ("A break is offered because a rating reached the point where this exercise "
            "suggests a pause.") in live
    assert "  A break was offered.\nThe exercise is complete." in transcript


def test_a_goto_to_a_pause_is_not_offered_a_break_as_well(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = walk(tmp_path, ["9", "1", "", ""], monkeypatch, capsys,
                          "  - rate: {question: Q, save_as: q, pause_at: 7}\n"
                          "  - when: q >= 7\n    goto: rest\n  - end: true\n"
                          "  - id: rest\n    pause: 1m\n")
    assert code == 0, err
    assert "step 4 of 4: pause" in out and "A break is offered" not in out
    assert "A break was offered" not in out


@pytest.mark.parametrize(("a", "b"), [("Sam", "sam"), ("Sam ", " SAM")])
def test_rehearse_refuses_two_partners_with_the_same_name(
    a: str, b: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nsteps:\n  - say: x\n")
    code, out, err = rehearse([str(path), "--a", a, "--b", b], [""], monkeypatch, capsys)
    assert code == 1 and out == ""
    assert err == ('coach rehearse: --a and --b: both names are "Sam": give each of you a '
                   "different name (a nickname or an initial will do), so coach can tell you "
                   "apart\n")


def test_rehearse_refuses_an_empty_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "title: T\nsummary: S\nsteps:\n  - say: x\n")
    code, _, err = rehearse([str(path), "--b", "  "], [""], monkeypatch, capsys)
    assert code == 1 and err == "coach rehearse: --a and --b: each of you needs a name\n"


class SlowLines(TimedLines):
    """Typed lines with the time each takes to arrive, on a clock moved by hand: waiting
    with a time limit moves the clock by that much, instead of sleeping."""

    def __init__(self, clock: ManualClock, lines: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.pending = list(lines)

    def get(self, timeout: float | None) -> str | None:
        if not self.pending:
            raise InputEnded
        delay, line = self.pending[0]
        if timeout is not None and delay > timeout:
            self.clock.advance(timeout)
            self.pending[0] = (delay - timeout, line)
            return None
        self.clock.advance(delay)
        self.pending.pop(0)
        return line


def test_real_time_offers_the_break_while_waiting_once_the_time_limit_passes() -> None:
    ex = load_text("title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                   "  - share: Tell me.\n    time_limit: 2m\n  - say: after\n").exercise
    assert ex is not None
    clock = ManualClock()
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=InMemoryLedger())
    out = io.StringIO()
    lines = SlowLines(clock, [(150, "a long note"), (1, "")])
    code = Rehearsal(session, lines, out, echo=True, sleep=lambda s: None).run()
    assert code == 0
    text = out.getvalue()
    offer = ("A break is offered because this step has run past its time limit (2m). "
             "Type /pause a or /pause b to take one, or answer to go on.\n")
    # said while the line was awaited, before it arrived; and once only
    assert offer + "> a long note" in text
    assert text.count("A break is offered") == 1
    assert text.count("  A break was offered.") == 1


def test_timed_lines_wait_for_a_line_and_end_with_the_input() -> None:
    lines = TimedLines(iter(["one\n"]))
    assert lines.get(None) == "one\n"
    with pytest.raises(InputEnded):
        lines.get(None)
    with pytest.raises(InputEnded):
        lines.get(0)  # it stays ended


def test_an_overrun_noticed_when_the_answer_arrives_is_offered_on_the_next_step() -> None:
    ex = load_text("title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                   "  - share: Tell me.\n    time_limit: 2m\n  - say: after\n").exercise
    assert ex is not None
    clock = ManualClock()
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=InMemoryLedger())

    def typed() -> Iterator[str]:  # a read that blocks past the limit, as --real-time may
        clock.advance(150)
        yield "a long note"
        yield ""

    out = io.StringIO()
    assert Rehearsal(session, typed(), out, echo=True, sleep=lambda s: None).run() == 0
    after = out.getvalue().split("> a long note", 1)[1]
    assert ("after\nA break is offered because the step before ran past its time limit. "
            "Type /pause a or /pause b to take one, or answer to go on.") in after


def test_a_time_limit_passing_on_a_step_already_offered_a_break_is_still_said() -> None:
    ex = load_text("title: T\nsummary: S\nfirst_speaker: a\nsteps:\n"
                   "  - rate: {question: Q, who: speaker, pause_at: 5}\n"
                   "  - share: Tell me.\n    time_limit: 1m\n  - say: after\n").exercise
    assert ex is not None
    clock = ManualClock()
    session = Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=InMemoryLedger())
    out = io.StringIO()
    lines = SlowLines(clock, [(0, "8"), (90, ""), (0, "")])
    assert Rehearsal(session, lines, out, echo=True, sleep=lambda s: None).run() == 0
    text = out.getvalue()
    assert "A break is offered because a rating reached the point" in text
    assert "A break is offered because this step has run past its time limit (1m)." in text
