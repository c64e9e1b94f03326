"""The session: one exercise, two partners, a clock and a ledger, as a state machine.

A caller asks :meth:`Session.view` what now (:meth:`Session.check_time` while it
waits, so a time-limit offer is recorded when shown), answers with a value from
:mod:`coach.engine.answers`, and collects :meth:`Session.take_events` to store.
Everything about turns, rounds, loops, conditions, retries and break offers is
decided here, so it can be tested without a screen.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
from typing import Any

from coach.engine import actions, breaks
from coach.engine.answers import (
    ANSWER_TYPES,
    PARTNERS,
    Answer,
    Outcome,
    Partner,
    Pick,
    Ready,
    Safe,
    answer_to_json,
)
from coach.engine.clock import Clock
from coach.engine.errors import AnswerError, NamesError
from coach.engine.events import Event, EventKind
from coach.engine.ledger import Commitment, Ledger
from coach.engine.state import State, Timer
from coach.engine.text import text_lookup
from coach.engine.view import EMPTY, Rendered, View
from coach.format.model import (
    End,
    Exercise,
    FirstSpeakerQuestion,
    Goto,
    NameEmotion,
    Pause,
    Step,
    Swap,
    Value,
)
from coach.format.placeholders import Template, parse_template

#: a run of steps that pass without an answer longer than this is a loop
MAX_STEPS_WITHOUT_ANSWER = 1000
#: how many answers can be taken back, one after another
MAX_UNDO = 100
SESSION_FORMAT = "coach-session"

CHECK_TEXT = (
    "{%s}, this question is for you alone; {%s} will not see your answer. "
    "Do you feel safe enough to go on with this exercise now?"
)
#: shown to both when anyone said no at the private check: it must not say that anyone did
NOT_READY_TEXT = (
    "Let's leave this one for another day. A gentler exercise, or a break, might suit "
    "today better."
)
FIRST_TEXT = parse_template("Who speaks first, {a} or {b}?")

EXPECTS = {
    "done": "you to go on (with a note, if the step takes one)",
    "text": "typed text",
    "choice": "one of the options",
    "number": "a number on the scale",
    "emotions": "feeling words",
    "verdict": "yes, partly, no or there is more",
    "ready": "each of you to say ready",
    "safe": "a yes or no: do you feel safe to go on?",
    "partner": "who speaks first",
    "outcome": "kept, partly, missed or renegotiate",
}


def _rendered_to_json(rendered: Rendered) -> dict[str, Any]:
    return {"text": rendered.text, "parts": [[t, flag] for t, flag in rendered.parts]}


def _rendered_from_json(data: dict[str, Any] | None) -> Rendered:
    if data is None:
        return EMPTY
    return Rendered(data["text"], tuple((t, bool(flag)) for t, flag in data["parts"]))


def needs_core_vocabulary(exercise: Exercise) -> bool:
    """Whether a step names emotions from the core vocabulary, which the caller loads."""
    return any(isinstance(s, NameEmotion) and s.vocabulary == "core" for s in exercise.steps)


def check_names(a: str, b: str) -> dict[str, str]:
    """The two names without surrounding space; :class:`NamesError` when one is empty or
    both are the same ignoring case (who is who, and who speaks first, would be a guess)."""
    names = {"a": a.strip(), "b": b.strip()}
    if not names["a"] or not names["b"]:
        raise NamesError("each of you needs a name")
    if names["a"].casefold() == names["b"].casefold():
        raise NamesError(
            f'both names are "{names["a"]}": give each of you a different name (a nickname or '
            "an initial will do), so coach can tell you apart"
        )
    return names


class Session:
    """Create with :meth:`start`, or :meth:`from_json` to resume."""

    def __init__(
        self, exercise: Exercise, state: State, clock: Clock, ledger: Ledger
    ) -> None:
        self.exercise = exercise
        self.st = state
        self.clock = clock
        self.ledger = ledger
        self._events: list[Event] = []
        self._taken = 0
        #: each: {"state": JSON state before the answer, "ops": ledger inverses, "seq": n}
        self._undo: list[dict[str, Any]] = []
        #: ledger writes of the answer being taken, with how to undo them
        self._ops: list[list[str]] = []

    # --- starting, saving, restoring ------------------------------------------------

    @classmethod
    def start(
        cls,
        exercise: Exercise,
        *,
        a: str,
        b: str,
        clock: Clock,
        ledger: Ledger,
        first: Partner | None = None,
        rng: random.Random | None = None,
        core_vocabulary: Sequence[str] = (),
    ) -> Session:
        """Begin a session. ``first`` decides who speaks first, whatever the file says
        (a screen that asked already, or ``coach rehearse --first``); otherwise the file's
        ``first_speaker`` does, ``random`` drawing from ``rng``."""
        names = check_names(a, b)
        if first is not None and first not in PARTNERS:
            raise ValueError(f"first must be a or b, not {first!r}")
        if needs_core_vocabulary(exercise) and not core_vocabulary:
            raise ValueError("this exercise names emotions from the core vocabulary: "
                             "pass core_vocabulary")
        # vars are filled in when the steps begin, once the first speaker is known
        state = State(names=names, phase="private_check", core=list(core_vocabulary))
        session = cls(exercise, state, clock, ledger)
        session._emit("session_started", exercise=exercise.id, title=exercise.title,
                      names=dict(names), rounds=exercise.rounds)
        how = "given"
        if first is None:
            spec = exercise.first_speaker
            if spec in ("a", "b"):
                first, how = spec, "fixed"
            elif spec == "random":
                first, how = (rng or random.Random()).choice(PARTNERS), "random"
        if first is not None:
            state.first = first
            session._emit("first_speaker", partner=first, name=names[first], how=how)
        if exercise.needs_private_check:
            state.check = {"pos": 0, "any_no": False}
        else:
            session._after_check()
        return session

    def to_json(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-ready values (mid-step too)."""
        return {
            "format": SESSION_FORMAT,
            "exercise": self.exercise.id,
            "state": self.st.to_json(self.clock),
            "undo": copy.deepcopy(self._undo),
            "events": [e.to_json() for e in self._events],
            "taken": self._taken,
        }

    @classmethod
    def from_json(
        cls, exercise: Exercise, data: dict[str, Any], clock: Clock, ledger: Ledger
    ) -> Session:
        """Resume a session saved by :meth:`to_json`; ``ledger`` must be the one it wrote to."""
        if data.get("format") != SESSION_FORMAT:
            raise ValueError("this is not a saved coach session")
        if data.get("exercise") != exercise.id:
            raise ValueError(
                f'the session was saved for exercise "{data.get("exercise")}", not "{exercise.id}"'
            )
        session = cls(exercise, State.from_json(data["state"], clock), clock, ledger)
        session._undo = copy.deepcopy(data["undo"])
        session._events = [Event.from_json(e) for e in data["events"]]
        session._taken = int(data["taken"])
        return session

    def undo_entries(self) -> list[dict[str, Any]]:
        """The undo history as it stands, shared rather than copied: for a store that
        serialises it at once and keeps nothing (``to_json`` copies it, most of its cost)."""
        return self._undo

    # --- events ---------------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    def take_events(self) -> list[Event]:
        """The events since the last call, for a store to persist."""
        new = self._events[self._taken :]
        self._taken = len(self._events)
        return new

    def _emit(self, kind: EventKind, **data: Any) -> None:
        step = self.st.index if self.st.phase == "step" else None
        self._events.append(
            Event(len(self._events) + 1, kind, self.clock.now(), self.st.round, step, data)
        )

    # --- what now ---------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.st.phase == "ended"

    def step(self) -> Step | None:
        """The exercise step the session stands at, or None outside steps."""
        return self.exercise.steps[self.st.index] if self.st.phase == "step" else None

    def view(self) -> View:
        st = self.st
        base: dict[str, Any] = {
            "names": (("a", st.names["a"]), ("b", st.names["b"])),
            "speaker": st.speaker,
            "listener": st.listener,
            "round": st.round,
            "rounds": self.exercise.rounds,
            "step_count": len(self.exercise.steps),
            "can_undo": bool(self._undo) and st.brk is None,
            "notices": tuple(st.notices),
        }
        if st.phase == "step":
            base["step_index"] = st.index
        if st.phase == "ended" and st.brk is None:
            ended = st.ended or {}
            # an offer made by the last answer stands on the end screen: nothing follows it
            return View(phase="ended", action="ended", stage=ended.get("reason", "completed"),
                        expects=None, who=None, actor=None,
                        text=_rendered_from_json(ended.get("text")), offer_break=st.offer,
                        ended_reason=ended.get("reason"), error=ended.get("error"),
                        step_index=ended.get("step"), **base)
        if st.brk is not None:
            return View(phase="break", action="break", stage="break", expects="ready",
                        who="both", actor="both", breathing=self.exercise.pause.breathing,
                        skippable=True, **breaks.view_fields(st.brk, st.break_timer, self.clock),
                        **base)
        if st.phase == "private_check":
            assert st.check is not None
            partner = PARTNERS[st.check["pos"]]
            text = self.render(parse_template(CHECK_TEXT % (partner, self.other(partner))))
            return View(phase="private_check", action="private_check", stage="private_check",
                        expects="safe", who=partner, actor=partner, text=text, private=True,
                        options=(Rendered.plain("Yes"), Rendered.plain("No")), **base)
        if st.phase == "first_speaker":
            spec = self.exercise.first_speaker
            question = spec.question if isinstance(spec, FirstSpeakerQuestion) else FIRST_TEXT
            options = (self.render(parse_template("{a}")), self.render(parse_template("{b}")))
            return View(phase="first_speaker", action="first_speaker", stage="first_speaker",
                        expects="partner", who="both", actor="both",
                        text=self.render(question), options=options, **base)
        step = self.exercise.steps[st.index]
        fields = actions.HANDLERS[type(step)].view(self, step)
        elapsed = st.step_timer.elapsed(self.clock)
        over = self._over_time(step)
        offer = st.offer or ("time_limit" if over else None)
        if isinstance(step, Pause):  # a pause is a break already: nothing to offer
            offer = None
        return View(phase="step", action=step.ACTION, time_limit=step.time_limit,
                    elapsed=elapsed, over_time=over, offer_break=offer, **fields, **base)

    def check_time(self) -> View:
        """:meth:`view`, having made the time-limit offer if the step has just run past its
        ``time_limit``: a screen (or ``coach rehearse``) calls this while it waits, so the
        offer is recorded once, when it is shown. An offer nobody was shown is made when the
        answer arrives."""
        st = self.st
        step = self.step()
        if step is not None and st.brk is None and self._time_offer_due(step):
            st.time_offered = True
            self._emit("break_offered", reason="time_limit")
        return self.view()

    def _over_time(self, step: Step) -> bool:
        limit = step.time_limit
        return limit is not None and self.st.step_timer.elapsed(self.clock) >= limit

    def _time_offer_due(self, step: Step) -> bool:
        """The step ran past its time limit and no offer was made for it yet (a pause is a
        break already: it offers none)."""
        return not self.st.time_offered and not isinstance(step, Pause) and self._over_time(step)

    # --- answering ----------------------------------------------------------------------

    def answer(self, answer: Answer) -> View:
        """Take an answer for the current step. Raises :class:`AnswerError` (and changes
        nothing) when it does not fit."""
        st = self.st
        if not isinstance(answer, tuple(ANSWER_TYPES.values())):
            raise AnswerError("that is not an answer the session understands")
        if st.brk is not None:  # a break taken after the end, too
            if not isinstance(answer, Ready):
                raise AnswerError("you are on a break: each of you says ready to go on")
            self._break_ready(answer)
            return self.view()
        if st.phase == "ended":
            raise AnswerError("the session has ended")
        expects = self.view().expects
        if expects != answer.KIND:
            raise AnswerError(f"this step waits for {EXPECTS[str(expects)]}, "
                              f"not {EXPECTS[answer.KIND]}")
        # one snapshot serves both a refused answer and a later undo
        undo_state = st.to_json(self.clock)
        events_before = len(self._events)
        self._ops = []
        phase = st.phase
        try:
            st.offer = None
            st.notices = []
            if phase == "private_check":
                self._check_answer(answer)
            elif phase == "first_speaker":
                self._first_answer(answer)
            else:
                self._step_answer(answer)
        except Exception:
            # a refused answer (or a bug) must leave no half-taken answer behind
            self._rollback(undo_state, events_before)
            raise
        if phase != "private_check":  # a private answer is never taken back
            seq = self._events[events_before].seq if len(self._events) > events_before else 0
            self._undo.append({"state": undo_state, "ops": self._ops, "seq": seq})
            del self._undo[:-MAX_UNDO]
        self._ops = []
        return self.view()

    def _rollback(self, before: dict[str, Any], events_before: int) -> None:
        for op in reversed(self._ops):
            self._invert(op)
        self._ops = []
        self.st = State.from_json(before, self.clock)
        del self._events[events_before:]

    def _step_answer(self, answer: Answer) -> None:
        st = self.st
        step = self.exercise.steps[st.index]
        # the time limit is checked when the answer arrives too, not only while waiting
        overran = self._time_offer_due(step)
        move = actions.HANDLERS[type(step)].answer(self, step, answer)
        if overran:
            st.time_offered = True
            if isinstance(move, actions.Stay):  # still this step: its view shows the offer
                self._emit("break_offered", reason="time_limit")
            elif st.offer is None:  # made where the session goes next
                st.offer = "time_limit"
        if isinstance(move, actions.Next):
            self._go(self.st.index + 1)
        elif isinstance(move, actions.Jump):
            self._go(move.index)

    def undo(self) -> View:
        """Take back the last answer: the session stands where it stood before it."""
        if self.st.brk is not None:
            raise AnswerError("finish the break first; then you can take an answer back")
        if not self._undo:
            raise AnswerError("there is no answer to take back")
        entry = self._undo.pop()
        for op in reversed(entry["ops"]):
            self._invert(op)
        self.st = State.from_json(entry["state"], self.clock)
        self._emit("answer_undone", undone=entry["seq"])
        return self.view()

    def _invert(self, op: list[str]) -> None:
        kind, commitment_id = op
        if kind == "commit":
            self.ledger.remove(commitment_id)
        elif kind == "review":
            self.ledger.unreview(commitment_id)

    # --- breaks ------------------------------------------------------------------------

    def take_break(
        self, by: Partner, reason: str = "", length: int | None = None, *, cues: bool = False
    ) -> View:
        """Either partner stops the conversation, from any step, for ``length`` seconds:
        whole seconds from 1 minute (a breathing pause) to 24 hours; None means the
        exercise's ``pause.length`` (brought within that range). ``cues``: the flooding
        cues had matched what was typed just before. The break ends only when both say
        :class:`Ready` (early too, together); see :mod:`coach.engine.breaks`."""
        st = self.st
        partner = self.check_partner(by)
        # after the end too: a high rating on the last answer offers a break there
        if st.brk is not None:
            raise AnswerError("you are already on a break")
        if length is None:
            length = breaks.default_length(self.exercise.pause.length)
        length = breaks.check_length(length)
        offer = self.view().offer_break  # the break may answer an offer: say which
        st.step_timer.stop(self.clock)
        st.brk = breaks.new_break(partner, reason.strip(), length, offer, cues, self.clock,
                                  breaks.leading_pause_at(self.exercise, self._events, offer))
        st.break_timer = Timer.started(self.clock)
        st.offer = None
        self._emit("break_taken", by=partner, name=self.name(partner), reason=st.brk["reason"],
                   length=length, return_at=st.brk["return_at"], offer=offer, cues=cues)
        return self.view()

    def extend_break(self, seconds: int, by: Partner | None = None) -> View:
        """Add ``seconds`` (whole, at least a minute) to the break: to the time left (from
        now, once the time is up) and to the return time, up to 24 hours in all. ``by``
        is who asked, when a screen knows."""
        st = self.st
        if st.brk is None:
            raise AnswerError("there is no break to extend")
        if by is not None:
            by = self.check_partner(by)
        added = breaks.extend(st.brk, st.break_timer, self.clock, seconds)
        self._emit("break_extended", by=by, name=None if by is None else self.name(by),
                   added=added, return_at=st.brk["return_at"],
                   total=round(breaks.total(st.brk)))
        return self.view()

    def rate_break(self, by: Partner, value: int) -> View:
        """How stirred up ``by`` still is, from 0 to 10, before going on: optional, and may be
        said again. The view then suggests more time if anyone is at ``stirred_at`` or
        above; it never keeps anyone from saying ready."""
        st = self.st
        if st.brk is None:
            raise AnswerError("there is no break: saying how stirred up you are belongs to one")
        partner = self.check_partner(by)
        breaks.rate(st.brk, partner, value)
        self._emit("break_rated", partner=partner, name=self.name(partner), value=value,
                   more_time=breaks.more_time_suggested(st.brk))
        return self.view()

    def _break_ready(self, answer: Ready) -> None:
        st = self.st
        assert st.brk is not None
        partner = self.check_partner(answer.partner)
        if partner in st.brk["ready"]:
            raise AnswerError(f"{self.name(partner)} has already said ready")
        st.brk["ready"].append(partner)
        self._emit("break_ready", partner=partner, name=self.name(partner))
        if len(st.brk["ready"]) == 2:
            lasted = breaks.elapsed(st.brk, st.break_timer, self.clock)
            early = lasted < breaks.total(st.brk)
            st.brk = None
            st.break_timer = Timer()
            if st.phase == "step":
                st.step_timer.resume(self.clock)
            self._emit("break_ended", lasted=lasted, early=early)

    # --- before the first step ------------------------------------------------------------

    def _check_answer(self, answer: Answer) -> None:
        assert isinstance(answer, Safe) and self.st.check is not None
        if not isinstance(answer.ok, bool):
            raise AnswerError("answer yes or no")
        check = self.st.check
        # only whether anyone said no is kept, never who
        check["any_no"] = check["any_no"] or not answer.ok
        check["pos"] += 1
        # no event: the records keep nothing of the check, not even that it ran
        if check["pos"] < len(PARTNERS):
            return
        if check["any_no"]:
            self._end("not_ready", Rendered.plain(NOT_READY_TEXT))
        else:
            self._after_check()

    def _after_check(self) -> None:
        self.st.check = None
        if self.st.first is None:
            self.st.phase = "first_speaker"
        else:
            self._begin()

    def _first_answer(self, answer: Answer) -> None:
        assert isinstance(answer, Pick)
        partner = self.check_partner(answer.partner)
        self.st.first = partner
        self.answered("first_speaker", "both", answer, value=self.name(partner))
        self._emit("first_speaker", partner=partner, name=self.name(partner), how="asked")
        self._begin()

    def _begin(self) -> None:
        st = self.st
        st.phase = "step"
        st.round = 1
        st.speaker = st.first or "a"
        st.tries = 0
        # in file order: a value may use the names, the roles and the vars above it
        for name, value in self.exercise.vars.items():
            st.vars[name] = self.fill(value)
        self._emit("round_started", speaker=st.speaker, name=self.name(st.speaker))
        self._go(0)

    # --- moving through the steps ------------------------------------------------------------

    def _go(self, index: int) -> None:
        """Walk from ``index`` to the next step that waits for an answer, or to the end."""
        st = self.st
        steps = self.exercise.steps
        st.index = index
        passed = 0
        while True:
            if st.index >= len(steps):
                if st.round >= self.exercise.rounds:
                    self._end("completed", None)
                    return
                st.round += 1
                # odd rounds open with the first speaker, whatever swaps happened
                assert st.first is not None
                st.speaker = st.first if st.round % 2 else self.other(st.first)
                st.tries = 0
                st.index = 0
                self._emit("round_started", speaker=st.speaker, name=self.name(st.speaker))
            passed += 1
            if passed > MAX_STEPS_WITHOUT_ANSWER:
                self._end("stuck", None, error=(
                    f"stopped after {MAX_STEPS_WITHOUT_ANSWER:,} steps in a row without an "
                    f"answer (last at step {st.index + 1}): the exercise goes round a goto "
                    "loop whose steps that wait are all skipped (by a false when, or a "
                    "review with nothing due)"))
                return
            step = steps[st.index]
            if step.when is not None and not step.when.evaluate(self.value):
                self._emit("step_skipped", action=step.ACTION, condition=step.when.source)
                st.index += 1
                continue
            if isinstance(step, Swap):
                st.speaker = st.listener
                self._emit("floor_passed", speaker=st.speaker, name=self.name(st.speaker))
                st.index += 1
                continue
            if isinstance(step, Goto):
                self._emit("jumped", target=step.target)
                st.index = self.index_of(step.target)
                continue
            if isinstance(step, End):
                text = self.render(step.text) if step.text is not None else None
                self._end("end_step", text)
                return
            if self._enter(step):
                return
            st.index += 1

    def _enter(self, step: Step) -> bool:
        """Start ``step``; False when it has nothing to ask this time and was passed."""
        st = self.st
        st.sub = {}
        sub = actions.HANDLERS[type(step)].enter(self, step)
        if sub is None:
            return False
        st.sub = sub
        st.step_timer = Timer.started(self.clock)
        st.time_offered = False
        self._make_offer(step)
        view = self.view()
        self._emit("step_shown", action=step.ACTION, who=view.who, actor=view.actor,
                   text=view.text.text, speaker=st.speaker, listener=st.listener,
                   speaker_name=self.name(st.speaker), listener_name=self.name(st.listener))
        return True

    def _make_offer(self, step: Step | None) -> None:
        """Make the offer the last answer raised where the session now stands (``step``, or
        None at the end), unless that is a pause step: a break already, nothing to offer."""
        st = self.st
        if st.offer is None:
            return
        if isinstance(step, Pause):
            st.offer = None
            return
        self._emit("break_offered", reason=st.offer)

    def _end(self, reason: str, text: Rendered | None, error: str | None = None) -> None:
        st = self.st
        self._make_offer(None)
        at_step = st.index if reason == "end_step" else None
        st.phase = "ended"
        st.sub = {}
        st.step_timer.stop(self.clock)
        st.ended = {"reason": reason, "text": None if text is None else _rendered_to_json(text),
                    "error": error, "step": at_step}
        self._emit("session_ended", reason=reason, text=None if text is None else text.text,
                   error=error)

    # --- helpers for the action handlers --------------------------------------------------

    def value(self, name: str) -> object:
        """A variable's raw value (lists stay lists), or None when it is not set."""
        st = self.st
        if name in ("a", "b"):
            return st.names[name]
        if name == "speaker":
            return st.names[st.speaker]
        if name == "listener":
            return st.names[st.listener]
        if name == "round":
            return st.round
        if name == "tries":
            return st.tries
        return st.vars.get(name)

    def render(self, template: Template) -> Rendered:
        parts = template.render_parts(text_lookup(self.value))
        return Rendered("".join(t for t, _ in parts), parts)

    def fill(self, value: Value) -> Value:
        """A `vars` or `set` value with its placeholders filled in (numbers stay numbers)."""
        return self.render(parse_template(value)).text if isinstance(value, str) else value

    def render_all(self, templates: Sequence[Template]) -> tuple[Rendered, ...]:
        return tuple(self.render(t) for t in templates)

    def name(self, partner: str) -> str:
        """A partner's name; for ``both`` (an answer or commitment of the pair) both names."""
        if partner == "both":
            return f"{self.st.names['a']} and {self.st.names['b']}"
        return self.st.names[partner]

    def other(self, partner: str) -> str:
        return "b" if partner == "a" else "a"

    def role(self, who: str) -> str:
        """speaker, listener, a or b -> the partner it means now."""
        if who == "speaker":
            return self.st.speaker
        if who == "listener":
            return self.st.listener
        return who

    def turns(self, who: str) -> list[str]:
        """Who answers, in order: with both, the speaker first, then the listener."""
        if who == "both":
            return [self.st.speaker, self.st.listener]
        return [self.role(who)]

    def check_partner(self, partner: object) -> Partner:
        if partner not in PARTNERS:
            raise AnswerError("say which partner: a or b")
        return partner

    def index_of(self, step_id: str) -> int:
        step = self.exercise.step_by_id(step_id)
        assert step is not None, "the loader checks every goto target"
        return step.index

    def notify(self, step: Step, text: str) -> None:
        """``step`` passes without an answer and says ``text`` (shown with the next view)."""
        self.st.notices.append(text)
        self._emit("step_passed", action=step.ACTION, text=text)

    def offer(self, reason: str) -> None:
        """Offer a break after this answer: it is made (and recorded) where the session goes
        next, unless that is a pause step."""
        self.st.offer = reason

    def answered(self, stage: str, partner: str, answer: Answer, **detail: Any) -> None:
        name = self.name(partner)
        saved = detail.get("saved")
        if saved:  # JSON-ready copies: lists of words, numbers, text
            detail["saved"] = {k: copy.copy(v) for k, v in saved.items()}
        self._emit("answer_given", stage=stage, partner=partner, name=name,
                   answer=answer_to_json(answer), **detail)

    def commit(self, partner: str, text: str, review_in: int) -> Commitment:
        now = self.clock.now()
        item = self.ledger.add(partner, self.name(partner), text, now, now + review_in,  # type: ignore[arg-type]
                               self.exercise.id)
        self._ops.append(["commit", item.id])
        self._emit("commitment_made", id=item.id, partner=partner, name=self.name(partner),
                   text=text, due_at=item.due_at)
        return item

    def review(self, commitment_id: str, outcome: Outcome, note: str | None) -> None:
        self.ledger.review(commitment_id, outcome, note, self.clock.now())
        self._ops.append(["review", commitment_id])
        self._emit("commitment_reviewed", id=commitment_id, outcome=outcome, note=note)
