"""The plain-text loop behind `coach rehearse`: show a view, read a line, answer.

Everything printed is plain text, one thought per line, so a screen reader
reads it in order; nothing here decides anything about the exercise: invalid
answers are refused by the engine and its message is printed as it is.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from coach.engine import (
    Answer,
    AnswerError,
    Choice,
    Done,
    Emotions,
    Event,
    FakeClock,
    Fits,
    FreeText,
    Number,
    Pick,
    Ready,
    Rendered,
    Reviewed,
    Safe,
    Session,
    View,
    transcript_lines,
)
from coach.engine.answers import OUTCOMES, PARTNERS, VERDICTS, Partner
from coach.engine.breaks import BELOW_GUIDANCE_TEXT
from coach.engine.text import format_seconds, join_words
from coach.format.durations import UNITS, DurationError, parse_duration

HELP = (
    "Commands: /undo takes back the last answer; /pause a or /pause b, then a length "
    "if you like (5m, 20m) and a reason, takes a break; /extend 5m adds time to a break; "
    "/help shows this again."
)
VERDICT_LABELS = ("yes", "partly", "no", "there is more")
OFFER_REASONS = {
    "time_limit": "the step before ran past its time limit",
    "not_confirmed": "the reflection was not confirmed",
    "high_rating": "a rating reached the point where this exercise suggests a pause",
}
TAKE_OFFER = "Type /pause a or /pause b to take one, or answer to go on."
WORDS_PER_LINE = 6
#: at most 18 digits: longer is no answer on any scale, and int() refuses past 4,300
WHOLE = re.compile(r"[0-9]{1,18}")
WHOLE_SIGNED = re.compile(r"[+-]?[0-9]{1,18}")


#: words that keep the guessed emotions, or say a partner is ready, besides an empty line
AGREE = frozenset({"yes", "y", "ok", "keep"})
READY = AGREE | {"ready"}


def plain(rendered: Rendered) -> str:
    """The text without Markdown's bold markers, which a screen reader would spell out.

    Only the exercise's own words are touched: what partners typed is shown as typed.
    """
    text = "".join(
        part if from_variable else part.replace("**", "").replace("__", "")
        for part, from_variable in rendered.parts
    )
    return text.strip()


def whole(text: str, signed: bool = False) -> int | None:
    """The whole number ``text`` spells in ASCII digits (a sign too when ``signed``),
    or None: "²", "1_0" or ten thousand digits are not an answer, nor a crash."""
    pattern = WHOLE_SIGNED if signed else WHOLE
    return int(text) if pattern.fullmatch(text) else None


def duration(text: str) -> int:
    """A length typed after /extend (5m, 1h30m, 300)."""
    try:
        return parse_duration(text)
    except DurationError as exc:
        raise Unparsed(f"say how much time to add, such as /extend 5m: {exc}") from None


def break_length(rest: str) -> tuple[int | None, str]:
    """What follows /pause a: a length first if its first word is one with units (5m,
    1h), then the reason; without one, the exercise's break length."""
    word, _, reason = rest.strip().partition(" ")
    if word[:1].isdigit() and word[-1:] in UNITS:
        try:
            return parse_duration(word), reason
        except DurationError:
            pass
    return None, rest.strip()


class InputEnded(Exception):
    """Standard input ran out before the exercise did."""


class TimedLines:
    """Lines read on a thread of their own, so the loop can wait for one with a time limit
    and notice meanwhile that a step ran past its ``time_limit`` (``--real-time``)."""

    _END = object()

    def __init__(self, lines: Iterable[str]) -> None:
        self._queue: queue.Queue[object] = queue.Queue()
        threading.Thread(target=self._pump, args=(iter(lines),), daemon=True).start()

    def _pump(self, lines: Iterator[str]) -> None:
        try:
            for line in lines:
                self._queue.put(line)
        except (OSError, ValueError):  # a lost terminal, or a stream closed under us
            pass
        self._queue.put(self._END)

    def get(self, timeout: float | None) -> str | None:
        """The next line; None when ``timeout`` seconds pass first. InputEnded at the end."""
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is self._END:
            self._queue.put(item)  # it stays ended
            raise InputEnded
        return str(item)


class Unparsed(ValueError):
    """A line that cannot be read as the answer the step waits for."""


class Rehearsal:
    def __init__(
        self,
        session: Session,
        lines: Iterable[str],
        out: TextIO,
        echo: bool = False,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.session = session
        #: with --real-time, lines that can be waited for with a time limit
        self.timed = lines if isinstance(lines, TimedLines) else None
        self.lines: Iterator[str] = iter(()) if isinstance(lines, TimedLines) else iter(lines)
        self.out = out
        self.echo = echo
        #: with --real-time: how to wait out a pause that cannot be cut short
        self.sleep = sleep
        #: why the run failed, for the command to print on standard error
        self.problem: str | None = None
        #: (place, turn) of the view last shown, so a refused answer does not repeat it
        self._shown: tuple[tuple[object, ...], tuple[object, ...]] | None = None
        #: how many of the session's events have been looked at for steps that took no line
        self._events_seen = 0
        #: the (step entry, reason) of each break offer printed, so each is printed once
        self._offered: set[tuple[object, str]] = set()
        #: the word lists printed in full already (the core list is long: printed once)
        self._vocabularies: set[tuple[str, ...]] = set()

    # --- output ---------------------------------------------------------------------

    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def read(self, view: View | None = None) -> str:
        if self.timed is not None:
            line = self.read_timed(view)
        else:
            try:
                line = next(self.lines)
            except (StopIteration, OSError):  # ended, or cannot be read (a lost terminal)
                raise InputEnded from None
        line = line.rstrip("\r\n")
        if self.echo:
            self.say(f"> {line}")
        return line

    def read_timed(self, view: View | None) -> str:
        """The next line; if the step runs past its time limit meanwhile, the break is
        offered then, as a screen would, and the wait goes on."""
        assert self.timed is not None
        left = None
        if view is not None and view.phase == "step" and view.time_limit is not None:
            left = view.time_limit - view.elapsed
        if left is not None and left > 0:
            line = self.timed.get(left)
            if line is not None:
                return line
            # another offer may stand on this step already: this one is said all the same
            self.offer(self.session.check_time(), "time_limit")
        line = self.timed.get(None)
        assert line is not None
        return line

    # --- the loop ---------------------------------------------------------------------

    def run(self) -> int:
        session = self.session
        exercise = session.exercise
        rounds = f", {exercise.rounds} rounds" if exercise.rounds > 1 else ""
        self.say(f"Rehearsing: {exercise.title} ({exercise.id}){rounds}.")
        if exercise.description.strip():  # the spec: shown before the start
            self.say(plain(Rendered.plain(exercise.description)))
            self.say()
        view = session.view()
        self.say(f"Partner a is {view.name('a')}; partner b is {view.name('b')}.")
        self.say(HELP)
        try:
            while True:
                view = session.check_time()
                if view.phase == "ended":
                    return self.finish(view)
                self.show(view)
                self.turn(view)
        except InputEnded:
            where = self.where(session.view())
            self.problem = (
                f"the input ended before the exercise did ({where}); give one line per answer"
            )
            return 1

    def finish(self, view: View) -> int:
        self.passed(view)
        self.say()
        if view.text.text:
            self.say(plain(view.text))
        if view.offer_break:  # raised by the last answer: the end screen offers it
            reason = self.offer_reason(view, view.offer_break)
            self.say(f"A break is offered because {reason}. Take some time "
                     "to settle before you go on with your day.")
        if view.ended_reason == "stuck":
            self.problem = view.error
        self.say()
        for line in transcript_lines(self.session.events):
            self.say(line)
        return 1 if view.ended_reason == "stuck" else 0

    def passed(self, view: View) -> None:
        """What happened since the last answer without one: rounds and swaps passing the
        floor, skipped steps, gotos, a review with nothing due, an end step. Each step that
        takes no answer line says so, for authors who pipe answers in."""
        events = self.session.events
        lines = [line for e in events[self._events_seen :] for line in passing_lines(e, view)]
        self._events_seen = len(events)
        if lines:
            self.say()
        for line in lines:
            self.say(line)

    def offer(self, view: View, reason: str | None = None) -> None:
        """A break offer (the view's, unless ``reason`` says), printed once where it is made."""
        reason = reason or view.offer_break
        key = (self.entry(view), reason or "")
        if reason is None or key in self._offered:
            return
        self._offered.add(key)
        self.say(f"A break is offered because {self.offer_reason(view, reason)}. {TAKE_OFFER}")

    def offer_reason(self, view: View, reason: str) -> str:
        if reason == "time_limit" and view.over_time:
            limit = format_seconds(view.time_limit or 0)
            return f"this step has run past its time limit ({limit})"
        return OFFER_REASONS.get(reason, reason)

    def where(self, view: View) -> str:
        if view.phase == "step":
            return f"round {view.round}, step {view.step_number}, {view.action}"
        return view.phase.replace("_", " ")

    def turn(self, view: View) -> None:
        line = self.read(view)
        if line.startswith("/"):
            self.command(line, view)
            return
        try:
            answer = self.parse(line, view)
            self.session.answer(answer)
        except (Unparsed, AnswerError) as exc:
            self.say(f"Not accepted: {exc}.")
            self.say("Try again.")

    def command(self, line: str, view: View) -> None:
        word, _, rest = line[1:].partition(" ")
        try:
            if word == "undo":
                self.session.undo()
                self.say("Taken back.")
                self._shown = None
            elif word in ("pause", "break"):
                who, _, rest = rest.strip().partition(" ")
                partner = self.partner(who, view)
                length, reason = break_length(rest)
                self.session.take_break(partner, reason, length)
            elif word == "extend":
                self.session.extend_break(duration(rest.strip()))
                self.say(f"Extended: back in {format_seconds(self.session.view().remaining)}.")
                self._shown = None
            elif word == "help":
                self.say(HELP)
            else:
                self.say(f"Unknown command /{word}. {HELP}")
        except (Unparsed, AnswerError) as exc:
            self.say(f"Not accepted: {exc}.")

    def partner(self, word: str, view: View) -> Partner:
        names = {name.casefold(): key for key, name in view.names}
        if word in PARTNERS:
            return word
        if word.casefold() in names:
            return names[word.casefold()]
        if not word and view.actor in ("a", "b"):
            return view.actor
        raise Unparsed("say who takes the break: /pause a or /pause b, then a reason")

    # --- showing a view -----------------------------------------------------------------

    def show(self, view: View) -> None:
        place = (view.phase, self.entry(view), view.stage, view.review_position, view.tries)
        turn = (view.actor, view.answered, view.ready)
        if (place, turn) == self._shown:
            return
        same_place = self._shown is not None and self._shown[0] == place
        self._shown = (place, turn)
        self.passed(view)
        if same_place:  # the next partner's turn in the same step: no need to repeat it all
            if view.phase == "step" and view.actor != "both":
                self.say(self.for_whom(view))
            self.offer(view)
            self.wait_out(view)
            self.instructions(view)
            return
        self.say()
        if view.phase == "private_check":
            self.say(f"Private question for {view.actor_name} only.")
        elif view.phase == "first_speaker":
            self.say("Before the first step.")
        elif view.phase == "break":
            by = view.name(view.break_by) if view.break_by else "one of you"
            reason = f": {view.break_reason}" if view.break_reason else ""
            self.say(f"Break, taken by {by}{reason}.")
        else:
            self.say(
                f"Round {view.round} of {view.rounds}, step {view.step_number} of "
                f"{view.step_count}: {view.action}. {self.for_whom(view)}"
            )
            if view.time_limit is not None and view.stage in (view.action, "reflect", "guess"):
                self.say(f"Time limit: {format_seconds(view.time_limit)}.")
        text = plain(view.text)
        if text:
            self.say(text)
        if view.length is not None:  # a break, or a pause step
            early = " You may end it early together." if view.skippable else ""
            self.say(f"Length {format_seconds(view.length)}; breathing: {view.breathing}.{early}")
        if view.extensions and view.break_total is not None:
            added = ", ".join(format_seconds(s) for s in view.extensions)
            self.say(f"Extended by {added}: {format_seconds(view.break_total)} in all.")
        if view.below_guidance:
            self.say(BELOW_GUIDANCE_TEXT)
        if view.stage == "reflect" and view.tries is not None:
            if view.max_tries == 1:  # confirm: false, or max_tries: 1
                self.say("One reflection.")
            else:
                self.say(f"Reflection {view.tries} of at most {view.max_tries}.")
        for starter in view.starters:
            self.say(f"Starter: {starter.text}")
        self.offer(view)
        self.wait_out(view)
        self.instructions(view)

    def entry(self, view: View) -> object:
        """What tells one showing of a step from the next: the event that entered it (a
        goto back to the same step enters it again), or before the steps the partner asked
        (each has a private question of their own)."""
        if view.phase == "private_check":
            return view.actor
        return next((e.seq for e in reversed(self.session.events) if e.kind == "step_shown"), 0)

    def for_whom(self, view: View) -> str:
        if view.actor == "both":
            return "For both of you."
        if view.who == "both" and view.actor in ("a", "b"):
            other = view.name("b" if view.actor == "a" else "a")
            if view.answered:
                return f"For {view.actor_name} now; {other} has answered."
            if view.action == "commit":  # commitments are made to each other, openly
                return f"For {view.actor_name} now, then {other}."
            return f"For {view.actor_name} now, then {other}; neither sees the other's answer."
        role = ", who holds the floor" if view.actor == view.speaker else ""
        if view.who == "together":  # one shared commitment: one partner types it for both
            return f"For {view.actor_name}{role}, to type once for both of you to agree to."
        return f"For {view.actor_name}{role}."

    def wait_out(self, view: View) -> None:
        """Pauses are not waited out in a rehearsal: the fake clock moves past them."""
        if view.remaining is None or view.remaining <= 0:
            return
        clock = self.session.clock
        if isinstance(clock, FakeClock):
            self.say(
                f"(Rehearsal: the clock moves on {format_seconds(view.remaining)}; "
                "a real session waits here.)"
            )
            clock.advance(view.remaining)
        elif self.sleep is not None and view.phase == "step" and not view.skippable:
            self.say(f"Waiting {format_seconds(view.remaining)} for the pause to end.")
            self.sleep(view.remaining)

    def instructions(self, view: View) -> None:
        match view.expects:
            case "done":
                if view.notes == "required":
                    self.say("Type a note (needed here), then press Enter.")
                elif view.notes == "optional":
                    self.say("Press Enter to go on, or type a note first.")
                else:
                    self.say("Press Enter to go on.")
            case "text":
                self.say("Type the answer and press Enter.")
            case "choice" | "partner":
                for number, option in enumerate(view.options, 1):
                    self.say(f"{number}. {option.text}")
                self.say("Type a number or the option's words.")
            case "number":
                low, high = view.scale or (0, 0)
                for number, label in view.scale_labels:
                    self.say(f"{number} means {label.text}.")
                self.say(f"Type a whole number from {low} to {high}.")
            case "emotions":
                self.emotion_list(view)
            case "verdict":
                for number, word in enumerate(VERDICT_LABELS, 1):
                    self.say(f"{number}. {word}")
                self.say("Type a number or the words.")
            case "ready":
                self.say(f"{view.name(self.next_ready(view))}, press Enter when you are ready.")
            case "safe":
                self.say("Type yes or no.")
            case "outcome":
                if view.commitment is not None and view.review_position is not None:
                    position, count = view.review_position
                    c = view.commitment
                    by = f"made together by {c.name}" if c.partner == "both" else f"by {c.name}"
                    self.say(f'Commitment {position} of {count}, {by}: "{c.text}"')
                for number, outcome in enumerate(OUTCOMES, 1):
                    self.say(f"{number}. {outcome}")
                self.say(
                    "Type a number or the word; a note may follow after a colon, "
                    "as in: kept: we did it twice."
                )

    def next_ready(self, view: View) -> Partner:
        """Rehearse asks for readiness one partner at a time, a first."""
        return next(p for p in PARTNERS if p not in view.ready)

    def emotion_list(self, view: View) -> None:
        if view.vocabulary in self._vocabularies:
            self.say(f"The {len(view.vocabulary)} feeling words are numbered as listed before.")
        else:
            self._vocabularies.add(view.vocabulary)
            words = [f"{n}. {w}" for n, w in enumerate(view.vocabulary, 1)]
            for start in range(0, len(words), WORDS_PER_LINE):
                self.say("; ".join(words[start : start + WORDS_PER_LINE]))
        count = view.max_choices or 1
        how = (
            "one word or its number"
            if count == 1
            else f"up to {count} words or numbers, separated by commas"
        )
        if view.stage == "confirm":
            self.say(
                f"The guess: {join_words(view.guess)}. Press Enter (or type yes) to keep it, "
                f"or type {how}."
            )
        else:
            self.say(f"Type {how}.")

    # --- reading an answer --------------------------------------------------------------

    def parse(self, line: str, view: View) -> Answer:
        text = line.strip()
        match view.expects:
            case "done":
                return Done(text or None)
            case "text":
                return FreeText(text)
            case "choice":
                return Choice(self.pick(text, [o.text for o in view.options], "option"))
            case "partner":
                if text.casefold() in ("a", "b"):
                    return Pick(text.casefold())  # type: ignore[arg-type]
                index = self.pick(text, [o.text for o in view.options], "partner")
                return Pick(("a", "b")[index])
            case "number":
                number = whole(text, signed=True)
                if number is None:
                    raise Unparsed(f'"{text}" is not a whole number')
                return Number(number)
            case "emotions":
                if view.stage == "confirm" and (
                    not text or (text.casefold() in AGREE and text not in view.vocabulary)
                ):
                    return Emotions(view.guess)
                return Emotions(self.words(text, view.vocabulary))
            case "verdict":
                index = self.pick(
                    text, list(VERDICT_LABELS), "answer", extra={"more": 3, "y": 0, "n": 2}
                )
                return Fits(VERDICTS[index])
            case "ready":
                if text and text.casefold() not in READY:
                    raise Unparsed('press Enter (or type "ready") when you are ready')
                return Ready(self.next_ready(view))
            case "safe":
                if text.casefold() in ("yes", "y"):
                    return Safe(True)
                if text.casefold() in ("no", "n"):
                    return Safe(False)
                raise Unparsed("type yes or no")
            case "outcome":
                word, _, note = text.partition(":")
                index = self.pick(word.strip(), list(OUTCOMES), "outcome")
                return Reviewed(OUTCOMES[index], note.strip() or None)
        raise Unparsed("this step takes no answer")

    def pick(
        self, text: str, labels: list[str], what: str, extra: dict[str, int] | None = None
    ) -> int:
        """An option's index from its number (1-based) or its words, ignoring case."""
        if not text:
            article = "an" if what[0] in "aeiou" else "a"
            raise Unparsed(f"type the number of {article} {what} or its words")
        number = whole(text)
        if number is not None:
            if 1 <= number <= len(labels):
                return number - 1
            raise Unparsed(f"type a number from 1 to {len(labels)}")
        folded = text.casefold()
        for index, label in enumerate(labels):
            if label.casefold() == folded:
                return index
        if extra and folded in extra:
            return extra[folded]
        raise Unparsed(f'"{text}" is not one of the {what}s: type its number or its words')

    def words(self, text: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for piece in text.split(","):
            piece = piece.strip()
            if not piece:
                continue
            number = whole(piece)
            if number is not None:
                if not 1 <= number <= len(vocabulary):
                    raise Unparsed(f"there is no word number {number}")
                out.append(vocabulary[number - 1])
            else:
                out.append(piece)
        return tuple(out)


NO_LINE = "(no answer line)"


def passing_lines(event: Event, view: View) -> list[str]:
    """The live line for an event that took no answer, or none. ``view`` is the view
    about to be shown (it says which step an ``end`` ended at)."""
    step = None if event.step is None else event.step + 1
    data = event.data
    match event.kind:
        case "round_started":
            return transcript_lines([event])
        case "floor_passed":
            return [f"Step {step}, swap {NO_LINE}: " + transcript_lines([event])[0]]
        case "step_skipped":
            return [f"Step {step}, {data['action']} {NO_LINE}: skipped, as its condition "
                    f"is false: {data['condition']}"]
        case "jumped":
            return [f"Step {step}, goto {NO_LINE}: on to \"{data['target']}\"."]
        case "step_passed":
            return [f"Step {step}, {data['action']} {NO_LINE}: {data['text']}"]
        case "session_ended" if data["reason"] == "end_step":
            return [f"Step {view.step_number}, end {NO_LINE}: the exercise ends here."]
    return []
