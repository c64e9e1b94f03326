"""Random valid exercises, random answers (valid and not): the session never breaks.

- nothing escapes but the engine's own AnswerError;
- after every move the session has either ended or waits for an answer;
- saving to JSON and restoring at any point gives exactly the same future.
"""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coach.engine import (
    AnswerError,
    Choice,
    Done,
    Emotions,
    FakeClock,
    Fits,
    FreeText,
    InMemoryLedger,
    Number,
    Pick,
    Ready,
    Reviewed,
    Safe,
    Session,
    View,
)
from coach.engine.answers import OUTCOMES, VERDICTS, Answer
from coach.format.loader import load_text
from coach.format.model import Exercise
from tests.unit.engine_support import CORE

CONDITIONS = (
    "x == 1", "x < 2", "round == 2", "tries >= 2", 'emo == "hurt"', "r >= 5",
    'ans == "o1"', "not x == 0", "r_low < 3 or x > 0",
)
ACTIONS = ("say", "share", "reflect", "name_emotion", "validate", "ask", "rate", "pause",
           "commit", "review", "swap", "goto", "end")


@st.composite
def step_data(draw: st.DrawFn, index: int, count: int) -> dict[str, Any]:
    action = draw(st.sampled_from(ACTIONS))
    target = st.integers(0, count - 1).map(lambda j: f"s{j}")
    who = st.sampled_from(("speaker", "listener", "a", "b", "both"))
    body: Any
    match action:
        case "say":
            body = draw(st.sampled_from(
                ("Hello {a}", "x is {x}", "{emo} {r} {ans}", "Round {round}")))
        case "share":
            body = {"prompt": "{speaker}, share", "notes": draw(st.sampled_from(
                ("off", "optional", "required")))}
        case "reflect":
            body = {"max_tries": draw(st.integers(1, 3)), "confirm": draw(st.booleans())}
        case "name_emotion":
            body = {"vocabulary": draw(st.sampled_from(("core", ["hurt", "sad", "calm"]))),
                    "max": draw(st.integers(1, 3)), "save_as": "emo",
                    "guesser": draw(st.sampled_from(("listener", "speaker")))}
        case "validate":
            body = None
        case "ask":
            kind = draw(st.sampled_from(("text", "options", "both")))
            body = {"question": "Q {tries}", "save_as": "ans"}
            if kind == "both":
                body |= {"who": "both", "options": ["o1", "o2"]}
            elif kind == "options":
                options: list[Any] = []
                for k in range(draw(st.integers(1, 3))):
                    option: dict[str, Any] = {"label": f"o{k + 1}"}
                    if draw(st.booleans()):
                        option["goto"] = draw(target)
                    if draw(st.booleans()):
                        option["set"] = {"x": draw(st.integers(0, 2))}
                    options.append(option)
                body |= {"who": draw(who.filter(lambda w: w != "both")), "options": options}
            else:
                body["who"] = draw(who)
        case "rate":
            low = draw(st.integers(-2, 3))
            high = low + draw(st.integers(1, 10))
            body = {"question": "R", "who": draw(st.sampled_from(("both", "speaker", "listener"))),
                    "scale": [low, high], "save_as": "r",
                    "pause_at": draw(st.none() | st.integers(low, high))}
            body = {k: v for k, v in body.items() if v is not None}
        case "pause":
            body = {"length": draw(st.integers(1, 120)), "skippable": draw(st.booleans())}
        case "commit":
            body = {"who": draw(who), "review_in": draw(st.integers(1, 200))}
        case "review":
            body = {"which": draw(st.sampled_from(("due", "open", "all")))}
        case "swap":
            body = True
        case "goto":
            body = draw(target)
        case _:
            body = draw(st.sampled_from((True, "Bye {a}")))
    step: dict[str, Any] = {"id": f"s{index}", action: body}
    if draw(st.integers(0, 3)) == 0:
        step["when"] = draw(st.sampled_from(CONDITIONS))
    if draw(st.integers(0, 4)) == 0:
        step["time_limit"] = draw(st.integers(1, 300))
    return step


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    count = draw(st.integers(1, 7))
    data = {
        "id": "h", "title": "H", "summary": "S",
        "rounds": draw(st.integers(1, 3)),
        "first_speaker": draw(st.sampled_from(("ask", "a", "b", "random"))),
        "private_check": draw(st.booleans()),
        "pause": {"length": draw(st.integers(1, 600))},
        "vars": {"x": 0, "emo": "none", "r": 0, "r_low": 0, "ans": "none"},
        "steps": [draw(step_data(i, count)) for i in range(count)],
    }
    # JSON is YAML: the file goes through the real loader, so only valid exercises run
    result = load_text(json.dumps(data), file="h.yaml")
    assume(result.exercise is not None)
    assert result.exercise is not None
    return result.exercise


def likely_answer(view: View, data: st.DataObject) -> Answer:
    """An answer of the kind the view waits for (it may still be out of range)."""
    match view.expects:
        case "text":
            return FreeText(data.draw(st.sampled_from(("words", "", "  "))))
        case "choice":
            return Choice(data.draw(st.integers(-1, len(view.options))))
        case "number":
            low, high = view.scale or (0, 0)
            return Number(data.draw(st.integers(low - 1, high + 1)))
        case "emotions":
            words = st.sampled_from((*view.vocabulary, "nonsense"))
            return Emotions(tuple(data.draw(st.lists(words, min_size=0, max_size=4))))
        case "verdict":
            return Fits(data.draw(st.sampled_from(VERDICTS)))
        case "ready":
            return Ready(data.draw(st.sampled_from(("a", "b"))))
        case "safe":
            return Safe(data.draw(st.sampled_from((True, True, True, False))))
        case "partner":
            return Pick(data.draw(st.sampled_from(("a", "b"))))
        case "outcome":
            return Reviewed(data.draw(st.sampled_from(OUTCOMES)), data.draw(st.sampled_from(
                (None, "note"))))
    return Done(data.draw(st.sampled_from((None, None, "a note"))))


ANY_ANSWER = st.sampled_from([
    Done(), Done("n"), FreeText("t"), FreeText(""), Choice(0), Choice(7), Number(0),
    Number(99), Emotions(()), Emotions(("hurt",)), Fits("yes"), Fits("more"), Ready("a"),
    Ready("b"), Safe(True), Safe(False), Pick("b"), Reviewed("kept"), Fits("maybe"),  # type: ignore[arg-type]
    Ready("z"), Number(True),  # type: ignore[arg-type]
])


def draw_move(view: View, data: st.DataObject) -> tuple[str, Any]:
    kind = data.draw(st.sampled_from(
        ("answer",) * 8 + ("any", "undo", "break", "tick", "tick")))
    if kind == "answer":
        return kind, likely_answer(view, data)
    if kind == "any":
        return "answer", data.draw(ANY_ANSWER)
    if kind == "break":
        return kind, (data.draw(st.sampled_from(("a", "b"))), "reason")
    if kind == "tick":
        return kind, data.draw(st.sampled_from((1, 30, 61, 200)))
    return kind, None


def apply(session: Session, clock: FakeClock, move: tuple[str, Any]) -> str:
    """Play one move; the outcome is 'ok' or the refusal's message."""
    kind, value = move
    try:
        if kind == "answer":
            session.answer(value)
        elif kind == "undo":
            session.undo()
        elif kind == "break":
            session.take_break(*value)
        else:
            clock.advance(value)
    except AnswerError as exc:
        return f"refused: {exc.message}"
    return "ok"


def check_invariants(view: View) -> None:
    if view.phase == "ended":
        assert view.expects is None and view.ended_reason is not None
        return
    assert view.expects is not None, "a session that has not ended waits for an answer"
    assert view.actor in ("a", "b", "both")
    if view.expects == "choice" or view.expects == "partner":
        assert view.options
    if view.expects == "emotions":
        assert view.vocabulary and view.max_choices
    if view.expects == "number":
        assert view.scale is not None


def new_ledger() -> InMemoryLedger:
    ledger = InMemoryLedger()
    ledger.add("a", "Ann", "call", 0.0, 10.0, "x")
    ledger.add("b", "Ben", "walk", 0.0, 9e12, "x")
    return ledger


def start(ex: Exercise, clock: FakeClock, ledger: InMemoryLedger, seed: int) -> Session:
    return Session.start(ex, a="Ann", b="Ben", clock=clock, ledger=ledger,
                         rng=random.Random(seed), core_vocabulary=CORE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ex=exercises(), data=st.data(), seed=st.integers(0, 3))
def test_random_answers_never_break_a_session(ex: Exercise, data: st.DataObject, seed: int) -> None:
    clock = FakeClock()
    session = start(ex, clock, new_ledger(), seed)
    check_invariants(session.view())
    for _ in range(60):
        view = session.view()
        if view.phase == "ended" and data.draw(st.booleans()):
            break
        apply(session, clock, draw_move(view, data))
        check_invariants(session.view())
        json.dumps(session.to_json())  # always JSON


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ex=exercises(), data=st.data(), seed=st.integers(0, 3), cut=st.integers(0, 40))
def test_restoring_at_any_point_gives_the_same_future(
    ex: Exercise, data: st.DataObject, seed: int, cut: int
) -> None:
    clock, ledger = FakeClock(), new_ledger()
    session = start(ex, clock, ledger, seed)
    for _ in range(cut):
        apply(session, clock, draw_move(session.view(), data))
    saved = json.dumps(session.to_json())
    clock_b = FakeClock(wall=clock.now(), monotonic=clock.monotonic() + 12345)
    ledger_b = InMemoryLedger.from_json(json.loads(json.dumps(ledger.to_json())))
    restored = Session.from_json(ex, json.loads(saved), clock_b, ledger_b)
    assert restored.view() == session.view()
    for _ in range(30):
        move = draw_move(session.view(), data)
        assert apply(restored, clock_b, move) == apply(session, clock, move)
        assert restored.view() == session.view()
    assert restored.events == session.events
    assert ledger_b.to_json() == ledger.to_json()
