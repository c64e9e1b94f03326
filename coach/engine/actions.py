"""What each action does: how a step starts, what it shows, and how it takes an answer.

A handler never changes state before the answer is known to be valid, and the
session puts the state back on any :class:`AnswerError` anyway, so a refused
answer leaves no trace. Handlers touch the session only through the few
helpers documented on :class:`coach.engine.session.Session`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.engine.answers import (
    OUTCOMES,
    VERDICTS,
    Answer,
    Choice,
    Done,
    Emotions,
    Fits,
    FreeText,
    Number,
    Ready,
    Reviewed,
)
from coach.engine.errors import AnswerError
from coach.engine.text import format_seconds, join_words
from coach.engine.view import EMPTY, CommitmentView, Rendered
from coach.format.model import (
    Ask,
    Commit,
    NameEmotion,
    Pause,
    Rate,
    Reflect,
    Review,
    Say,
    Share,
    Step,
    Validate,
)
from coach.format.placeholders import parse_template

if TYPE_CHECKING:
    from coach.engine.session import Session


@dataclass(frozen=True)
class Stay:
    """The step goes on (another turn, another stage)."""


@dataclass(frozen=True)
class Next:
    """The step is over: go on to the following one."""


@dataclass(frozen=True)
class Jump:
    """The step is over: go to the step at ``index`` (an option's goto)."""

    index: int


Move = Stay | Next | Jump
STAY, NEXT = Stay(), Next()

# The engine's own wording; names go in through placeholders so a screen sees
# them flagged as partner-typed values.
CONFIRM_TEXT = parse_template(
    "{speaker}, does that fit what you meant? Yes, partly, no, or there is more."
)
CLARIFY_TEXT = parse_template(
    "{speaker}, say what was missing or different, so {listener} can try again."
)
ADD_TEXT = parse_template("{speaker}, say what more there is; {listener} will reflect that next.")
EMOTION_CONFIRM = "{%s}, is that how you feel? Keep these words, change them, or pick your own."

DEFAULT_COMMIT_PROMPT = Commit.__dataclass_fields__["prompt"].default
TOGETHER_PROMPT = parse_template(
    "What will you commit to together? {speaker}, type it in words you both can stand behind."
)
AGREE_TEXT = parse_template("{a} and {b}, do you both agree to this shared commitment?")
AGREE_OPTIONS = (Rendered.plain("Yes, we both agree"), Rendered.plain("Change the wording"))

VALIDATE_BEFORE = "It makes sense that you feel "
VALIDATE_AFTER = " because …"
#: the default starter's middle when no emotion has been named yet (a skipped name_emotion):
#: a starter with a gap in it reads as broken to a hurt partner
VALIDATE_UNNAMED = "this way"


def check_note(note: str | None, notes: str) -> str | None:
    """The note to keep, or an AnswerError when ``notes`` forbids or requires one."""
    text = None if note is None or not note.strip() else note
    if notes == "off" and text is not None:
        raise AnswerError("this step takes no typed note: just go on")
    if notes == "required" and text is None:
        raise AnswerError("this step needs a note: type a few words before going on")
    return text


def check_text(text: str, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise AnswerError(f"type {what} first")
    return text.strip()


class Handler:
    def enter(self, s: Session, step: Any) -> dict[str, Any] | None:
        """The step's starting progress (kept in ``state.sub``), or None when it has
        nothing to ask this time: it has called :meth:`Session.notify` and is passed."""
        return {}

    def view(self, s: Session, step: Any) -> dict[str, Any]:
        raise NotImplementedError

    def answer(self, s: Session, step: Any, answer: Answer) -> Move:
        raise NotImplementedError


class SayHandler(Handler):
    def view(self, s: Session, step: Say) -> dict[str, Any]:
        return {"stage": "say", "expects": "done", "who": "both", "actor": "both",
                "text": s.render(step.text), "notes": "off"}

    def answer(self, s: Session, step: Say, answer: Answer) -> Move:
        assert isinstance(answer, Done)
        check_note(answer.note, "off")
        s.answered("say", "both", answer)
        return NEXT


class ShareHandler(Handler):
    def view(self, s: Session, step: Share) -> dict[str, Any]:
        return {"stage": "share", "expects": "done", "who": "speaker", "actor": s.st.speaker,
                "text": s.render(step.prompt), "starters": s.render_all(step.starters),
                "notes": step.notes}

    def answer(self, s: Session, step: Share, answer: Answer) -> Move:
        assert isinstance(answer, Done)
        note = check_note(answer.note, step.notes)
        s.answered("share", s.st.speaker, answer, note=note)
        return NEXT


class ReflectHandler(Handler):
    """reflect (listener) -> confirm (speaker) -> yes | clarify/add -> reflect again."""

    def enter(self, s: Session, step: Reflect) -> dict[str, Any]:
        s.st.tries = 1
        return {"stage": "reflect"}

    def view(self, s: Session, step: Reflect) -> dict[str, Any]:
        stage = s.st.sub["stage"]
        # without confirmation there is one reflection, whatever max_tries says
        limit = step.max_tries if step.confirm else 1
        common = {"stage": stage, "tries": s.st.tries, "max_tries": limit}
        if stage == "reflect":
            return {**common, "expects": "done", "who": "listener", "actor": s.st.listener,
                    "text": s.render(step.prompt), "starters": s.render_all(step.starters),
                    "notes": step.notes}
        text = {"confirm": CONFIRM_TEXT, "clarify": CLARIFY_TEXT, "add": ADD_TEXT}[stage]
        expects = "verdict" if stage == "confirm" else "done"
        notes = None if stage == "confirm" else "optional"
        return {**common, "expects": expects, "who": "speaker", "actor": s.st.speaker,
                "text": s.render(text), "notes": notes}

    def answer(self, s: Session, step: Reflect, answer: Answer) -> Move:
        st = s.st
        stage = st.sub["stage"]
        if stage == "reflect":
            assert isinstance(answer, Done)
            note = check_note(answer.note, step.notes)
            if not step.confirm:
                s.answered("reflect", st.listener, answer, note=note, tries=st.tries,
                           result="reflected")
                return NEXT
            s.answered("reflect", st.listener, answer, note=note, tries=st.tries)
            st.sub = {"stage": "confirm"}
            return STAY
        if stage == "confirm":
            assert isinstance(answer, Fits)
            if answer.verdict not in VERDICTS:
                raise AnswerError("answer yes, partly, no, or more (there is more)")
            if answer.verdict == "yes":
                s.answered("confirm", st.speaker, answer, tries=st.tries, result="confirmed")
                return NEXT
            if answer.verdict == "more":
                s.answered("confirm", st.speaker, answer, tries=st.tries)
                st.sub = {"stage": "add"}
                return STAY
            if st.tries >= step.max_tries:
                s.answered("confirm", st.speaker, answer, tries=st.tries, result="not_confirmed")
                s.offer("not_confirmed")
                return NEXT
            s.answered("confirm", st.speaker, answer, tries=st.tries)
            st.tries += 1
            st.sub = {"stage": "clarify"}
            return STAY
        assert isinstance(answer, Done)
        note = check_note(answer.note, "optional")
        s.answered(stage, st.speaker, answer, note=note)
        if stage == "add":
            st.tries = 1  # a fresh reflection of the addition
        st.sub = {"stage": "reflect"}
        return STAY


class NameEmotionHandler(Handler):
    def guesser(self, s: Session, step: NameEmotion) -> str:
        return s.role(step.guesser)

    def words(self, s: Session, step: NameEmotion) -> tuple[str, ...]:
        return tuple(s.st.core) if step.vocabulary == "core" else tuple(step.vocabulary)

    def enter(self, s: Session, step: NameEmotion) -> dict[str, Any]:
        return {"stage": "guess", "guess": []}

    def view(self, s: Session, step: NameEmotion) -> dict[str, Any]:
        stage = s.st.sub["stage"]
        guesser = self.guesser(s, step)
        common = {"stage": stage, "expects": "emotions", "vocabulary": self.words(s, step),
                  "max_choices": step.max}
        if stage == "guess":
            return {**common, "who": step.guesser, "actor": guesser, "text": s.render(step.prompt)}
        other = s.other(guesser)
        who = "speaker" if step.guesser == "listener" else "listener"
        text = s.render(parse_template(EMOTION_CONFIRM % other))
        return {**common, "who": who, "actor": other, "text": text,
                "guess": tuple(s.st.sub["guess"])}

    def pick(self, s: Session, step: NameEmotion, answer: Answer) -> list[str]:
        assert isinstance(answer, Emotions)
        known = {w.casefold(): w for w in self.words(s, step)}
        picked: list[str] = []
        for raw in answer.words:
            if not isinstance(raw, str):
                raise AnswerError("feeling words are text")
            word = known.get(raw.strip().casefold())
            if word is None:
                raise AnswerError(f'"{raw}" is not one of the words offered here')
            if word not in picked:
                picked.append(word)
        if not picked:
            raise AnswerError("pick at least one word")
        if len(picked) > step.max:
            raise AnswerError("pick one word only" if step.max == 1
                              else f"pick at most {step.max} words")
        return picked

    def answer(self, s: Session, step: NameEmotion, answer: Answer) -> Move:
        st = s.st
        picked = self.pick(s, step, answer)
        guesser = self.guesser(s, step)
        if st.sub["stage"] == "guess":
            s.answered("guess", guesser, answer, words=picked)
            st.sub = {"stage": "confirm", "guess": picked}
            return STAY
        guess = st.sub["guess"]
        result = "confirmed" if sorted(picked) == sorted(guess) else "corrected"
        s.answered("confirm", s.other(guesser), answer, words=picked, guess=guess, result=result,
                   saved={step.save_as: picked})
        st.vars[step.save_as] = picked
        st.last_emotion = picked
        return NEXT


class ValidateHandler(Handler):
    def starters(self, s: Session, step: Validate) -> tuple[Rendered, ...]:
        if step.starters is not None:
            return s.render_all(step.starters)
        emotion = s.st.last_emotion
        middle = (join_words(emotion), True) if emotion else (VALIDATE_UNNAMED, False)
        parts = ((VALIDATE_BEFORE, False), middle, (VALIDATE_AFTER, False))
        return (Rendered("".join(p for p, _ in parts), parts),)

    def view(self, s: Session, step: Validate) -> dict[str, Any]:
        return {"stage": "validate", "expects": "done", "who": "listener", "actor": s.st.listener,
                "text": s.render(step.prompt), "starters": self.starters(s, step),
                "notes": "optional"}

    def answer(self, s: Session, step: Validate, answer: Answer) -> Move:
        assert isinstance(answer, Done)
        note = check_note(answer.note, "optional")
        s.answered("validate", s.st.listener, answer, note=note)
        return NEXT


class TurnsHandler(Handler):
    """Steps answered by one partner, or by each in turn with ``who: both``."""

    def enter(self, s: Session, step: Any) -> dict[str, Any]:
        return {"turns": s.turns(step.who), "turn": 0, "answers": {}}

    def actor(self, s: Session) -> str:
        sub = s.st.sub
        return sub["turns"][sub["turn"]]  # type: ignore[no-any-return]

    def answered_so_far(self, s: Session) -> tuple[str, ...]:
        sub = s.st.sub
        return tuple(sub["turns"][: sub["turn"]])

    def advance(self, s: Session) -> bool:
        """Pass the turn on; True when that was the last partner to answer."""
        sub = s.st.sub
        sub["turn"] += 1
        return sub["turn"] >= len(sub["turns"])  # type: ignore[no-any-return]


class AskHandler(TurnsHandler):
    def view(self, s: Session, step: Ask) -> dict[str, Any]:
        return {"stage": "ask", "expects": "choice" if step.options else "text", "who": step.who,
                "actor": self.actor(s), "text": s.render(step.question),
                "options": tuple(s.render(o.label) for o in step.options),
                "answered": self.answered_so_far(s)}

    def answer(self, s: Session, step: Ask, answer: Answer) -> Move:
        partner = self.actor(s)
        option = None
        if step.options:
            assert isinstance(answer, Choice)
            count = len(step.options)
            if isinstance(answer.index, bool) or not isinstance(answer.index, int) or not (
                0 <= answer.index < count
            ):
                raise AnswerError(f"choose one of the {count} options")
            option = step.options[answer.index]
            # an option written as a plain number saves that number (see Option.number)
            value: str | int | float = (
                option.number if option.number is not None else s.render(option.label).text
            )
        else:
            assert isinstance(answer, FreeText)
            value = check_text(answer.text, "an answer")
        if step.who == "both":
            answers = s.st.sub["answers"]
            answers[partner] = value
            if not self.advance(s):
                s.answered("ask", partner, answer, value=value)
                return STAY
            # both answers become variables together, after the second one
            saved = {}
            if step.save_as:
                saved = {f"{step.save_as}_{p}": v for p, v in sorted(answers.items())}
            s.st.vars.update(saved)
            s.answered("ask", partner, answer, value=value, saved=saved)
            return NEXT
        saved = {step.save_as: value} if step.save_as else {}
        s.st.vars.update(saved)
        if option is not None:  # set values are filled in now, the answer already saved
            filled = {name: s.fill(v) for name, v in option.set.items()}
            s.st.vars.update(filled)
            saved.update(filled)
        jump = None if option is None or option.goto is None else s.index_of(option.goto)
        s.answered("ask", partner, answer, value=value, saved=saved,
                   goto=option.goto if option is not None else None)
        return NEXT if jump is None else Jump(jump)


class RateHandler(TurnsHandler):
    def view(self, s: Session, step: Rate) -> dict[str, Any]:
        labels = tuple((n, s.render(t)) for n, t in sorted(step.labels.items()))
        return {"stage": "rate", "expects": "number", "who": step.who, "actor": self.actor(s),
                "text": s.render(step.question), "scale": step.scale, "scale_labels": labels,
                "answered": self.answered_so_far(s)}

    def answer(self, s: Session, step: Rate, answer: Answer) -> Move:
        assert isinstance(answer, Number)
        low, high = step.scale
        value = answer.value
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise AnswerError(f"pick a whole number from {low} to {high}")
        partner = self.actor(s)
        if step.who != "both":
            saved = {step.save_as: value} if step.save_as else {}
            s.st.vars.update(saved)
            s.answered("rate", partner, answer, value=value, saved=saved)
            self.check_pause_at(s, step, value)
            return NEXT
        # each number stays out of every view and variable until both have rated
        numbers = s.st.sub["answers"]
        numbers[partner] = value
        if not self.advance(s):
            s.answered("rate", partner, answer, value=value)
            return STAY
        high_value, low_value = max(numbers.values()), min(numbers.values())
        saved = {}
        if step.save_as:
            name = step.save_as
            saved = {f"{name}_a": numbers["a"], f"{name}_b": numbers["b"], name: high_value,
                     f"{name}_low": low_value}
        s.st.vars.update(saved)
        s.answered("rate", partner, answer, value=value, saved=saved)
        self.check_pause_at(s, step, high_value)
        return NEXT

    def check_pause_at(self, s: Session, step: Rate, value: int) -> None:
        if step.pause_at is not None and value >= step.pause_at:
            s.offer("high_rating")


class PauseHandler(Handler):
    def remaining(self, s: Session, step: Pause) -> float:
        return max(step.length - s.st.step_timer.elapsed(s.clock), 0.0)

    def enter(self, s: Session, step: Pause) -> dict[str, Any]:
        return {"ready": []}

    def view(self, s: Session, step: Pause) -> dict[str, Any]:
        text = s.render(step.message) if step.message is not None else EMPTY
        return {"stage": "pause", "expects": "ready", "who": "both", "actor": "both",
                "text": text, "length": step.length, "remaining": self.remaining(s, step),
                "breathing": step.breathing or s.exercise.pause.breathing,
                "skippable": step.skippable, "ready": tuple(s.st.sub["ready"])}

    def answer(self, s: Session, step: Pause, answer: Answer) -> Move:
        assert isinstance(answer, Ready)
        ready: list[str] = s.st.sub["ready"]
        partner = s.check_partner(answer.partner)
        if partner in ready:
            raise AnswerError(f"{s.name(partner)} has already said ready")
        left = self.remaining(s, step)
        if left > 0 and not step.skippable:
            raise AnswerError(
                f"this pause has {format_seconds(left)} left and cannot be cut short; "
                "it ends when the time is up and you are both ready"
            )
        ready.append(partner)
        s.answered("pause", partner, answer)
        return NEXT if len(ready) == 2 else STAY


class CommitHandler(TurnsHandler):
    """One commitment per partner who commits; with ``who: together`` one shared
    commitment: the speaker types it (stage commit), both agree to it or ask to change
    the wording (stage agree), and it goes into the ledger as the pair's (partner both)."""

    def enter(self, s: Session, step: Commit) -> dict[str, Any]:
        if step.who == "together":
            return {"stage": "commit", "turns": [s.st.speaker], "turn": 0, "answers": {}}
        return super().enter(s, step)

    def view(self, s: Session, step: Commit) -> dict[str, Any]:
        if s.st.sub.get("stage") == "agree":
            draft = s.st.sub["draft"]
            asked = s.render(AGREE_TEXT)
            quoted = ((' "', False), (draft, True), ('"', False))
            text = Rendered(asked.text + "".join(t for t, _ in quoted), asked.parts + quoted)
            return {"stage": "agree", "expects": "choice", "who": "together", "actor": "both",
                    "text": text, "options": AGREE_OPTIONS}
        prompt = step.prompt
        if step.who == "together" and prompt == DEFAULT_COMMIT_PROMPT:
            prompt = TOGETHER_PROMPT
        return {"stage": "commit", "expects": "text", "who": step.who, "actor": self.actor(s),
                "text": s.render(prompt), "answered": self.answered_so_far(s)}

    def answer(self, s: Session, step: Commit, answer: Answer) -> Move:
        if s.st.sub.get("stage") == "agree":
            return self.agree(s, step, answer)
        assert isinstance(answer, FreeText)
        text = check_text(answer.text, "the commitment")
        partner = self.actor(s)
        if step.who == "together":
            s.answered("draft", partner, answer, value=text)
            s.st.sub = {"stage": "agree", "draft": text}
            return STAY
        item = s.commit(partner, text, step.review_in)
        s.answered("commit", partner, answer, commitment=item.id, value=text)
        return NEXT if self.advance(s) else STAY

    def agree(self, s: Session, step: Commit, answer: Answer) -> Move:
        assert isinstance(answer, Choice)
        if isinstance(answer.index, bool) or answer.index not in (0, 1):
            raise AnswerError("choose 1 to agree together, or 2 to change the wording")
        draft = s.st.sub["draft"]
        if answer.index == 1:
            s.answered("agree", "both", answer, value=draft, result="rewrite")
            s.st.sub = self.enter(s, step)
            return STAY
        item = s.commit("both", draft, step.review_in)
        s.answered("agree", "both", answer, commitment=item.id, value=draft, result="agreed")
        return NEXT


NOTHING = {
    "due": "Nothing is due for review today.",
    "open": "No commitment is open.",
    "all": "There are no commitments yet.",
}


class ReviewHandler(Handler):
    def enter(self, s: Session, step: Review) -> dict[str, Any] | None:
        # a copy of what is reviewed, so the step reads the same after a restore
        items = [CommitmentView.snapshot(c) for c in s.ledger.select(step.which, s.clock.now())]
        if not items:  # the spec: it "says so and continues"
            s.notify(step, NOTHING[step.which])
            return None
        return {"items": items, "pos": 0}

    def view(self, s: Session, step: Review) -> dict[str, Any]:
        items, pos = s.st.sub["items"], s.st.sub["pos"]
        return {"stage": "review", "expects": "outcome", "who": "both", "actor": "both",
                "text": s.render(step.prompt), "commitment": CommitmentView(**items[pos]),
                "review_position": (pos + 1, len(items)), "notes": "optional"}

    def answer(self, s: Session, step: Review, answer: Answer) -> Move:
        items = s.st.sub["items"]
        assert isinstance(answer, Reviewed)
        if answer.outcome not in OUTCOMES:
            raise AnswerError("answer kept, partly, missed or renegotiate")
        note = check_note(answer.note, "optional")
        item = items[s.st.sub["pos"]]
        s.review(item["id"], answer.outcome, note)
        s.answered("review", "both", answer, commitment=item["id"], text=item["text"],
                   note=note)
        s.st.sub["pos"] += 1
        return NEXT if s.st.sub["pos"] >= len(items) else STAY


HANDLERS: dict[type[Step], Handler] = {
    Say: SayHandler(),
    Share: ShareHandler(),
    Reflect: ReflectHandler(),
    NameEmotion: NameEmotionHandler(),
    Validate: ValidateHandler(),
    Ask: AskHandler(),
    Rate: RateHandler(),
    Pause: PauseHandler(),
    Commit: CommitHandler(),
    Review: ReviewHandler(),
}

