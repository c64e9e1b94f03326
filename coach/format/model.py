"""The exercise model: what a loaded file means, independent of YAML and of any screen.

Each field that a file may write carries its reader and its description in
``metadata`` (see :func:`coach.format.kinds.key`), so the loader and the JSON
Schema are both generated from these classes and never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar, Literal

from coach.format import kinds as k
from coach.format.conditions import Condition
from coach.format.placeholders import Template, parse_template

#: a value in `vars` or `set`; text is a template's source, filled in by the engine
Value = str | int | float
Who = Literal["speaker", "listener", "a", "b", "both"]
Notes = Literal["off", "optional", "required"]
Breathing = Literal["box", "4-7-8", "calm", "none"]

BREATHING = ("box", "4-7-8", "calm", "none")
NOTES = ("off", "optional", "required")
WHO = ("speaker", "listener", "a", "b", "both")
#: a commit may also be written together: one shared commitment, typed once by the speaker
CommitWho = Literal["speaker", "listener", "a", "b", "both", "together"]
COMMIT_WHO = (*WHO, "together")
EMPTY: Mapping = MappingProxyType({})


def _t(text: str) -> Template:
    return parse_template(text)


# --- nested records ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Option:
    """One answer of an `ask`: its label, and optionally where it leads and what it sets."""

    label: Template = k.key(k.Text(), "What the option says; saved as the answer when chosen.")
    goto: str | None = k.key(k.StepRef(), "The id of the step to go to when chosen.", None)
    set: Mapping[str, Value] = k.key(
        k.Assignments(), "Variables to set when chosen: a mapping of name to text or number.", EMPTY
    )

    #: the label as a number when it is written as a plain YAML number (`- 3`): the answer
    #: is then saved as that number, so `when: times >= 2` compares numbers
    number: int | float | None = None

    MAIN: ClassVar[str] = "label"


@dataclass(frozen=True, kw_only=True)
class PauseSettings:
    """Defaults for breaks in one exercise."""

    length: int = k.key(
        k.Duration(), "How long a break taken with the pause key lasts (default 20m).", 20 * 60
    )
    breathing: Breathing = k.key(
        k.Choice(BREATHING), "The breathing guide shown during breaks.", "box"
    )
    suggest_after: int | None = k.key(
        k.Duration(), "Default time_limit of every share and reflect step.", None
    )


@dataclass(frozen=True)
class FirstSpeakerQuestion:
    """`first_speaker: {ask: QUESTION}`: the answer (a or b) decides who starts."""

    question: Template


FirstSpeaker = Literal["ask", "a", "b", "random"] | FirstSpeakerQuestion


# --- steps -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Step:
    """What every step has. Subclasses add their action's fields."""

    ACTION: ClassVar[str] = ""
    #: the field a plain string stands for (`say: hello` -> text)
    MAIN: ClassVar[str | None] = None
    #: False for steps that pass without anyone answering (swap, goto, end)
    WAITS: ClassVar[bool] = True
    DOC: ClassVar[str] = ""

    id: str | None = k.key(
        k.Identifier(), "A name for goto; unique in the file.", None, common=True
    )
    when: Condition | None = k.key(
        k.ConditionKind(), "A condition; the step is skipped when it is false.", None, common=True
    )
    time_limit: int | None = k.key(
        k.Duration(),
        "When the step runs longer, the pause widget offers a break (it never forces one).",
        None,
        common=True,
    )
    #: position in the steps list, and where the step starts in the file
    index: int = 0
    line: int = 0
    column: int = 0


@dataclass(frozen=True, kw_only=True)
class Say(Step):
    ACTION = "say"
    MAIN = "text"
    DOC = "Text for both partners; continue when ready."
    text: Template = k.key(k.Text(markdown=True), "The text (Markdown).")


_STARTERS_DOC = "Sentence starters offered to the partner who speaks."
_NOTES_DOC = "Whether a note may be typed: off, optional (default) or required."


@dataclass(frozen=True, kw_only=True)
class Share(Step):
    ACTION = "share"
    MAIN = "prompt"
    DOC = "The speaker talks, out loud; may type a note."
    prompt: Template = k.key(
        k.Text(),
        "What the speaker is asked to share.",
        _t("{speaker}, share what is on your mind."),
    )
    starters: tuple[Template, ...] = k.key(k.TextList(), _STARTERS_DOC, ())
    notes: Notes = k.key(k.Choice(NOTES), _NOTES_DOC, "optional")


@dataclass(frozen=True, kw_only=True)
class Reflect(Step):
    ACTION = "reflect"
    MAIN = "prompt"
    DOC = (
        "The listener says back what they heard; the speaker answers yes, partly, no or "
        "there is more, and the listener tries again up to max_tries."
    )
    prompt: Template = k.key(
        k.Text(),
        "What the listener is asked to do.",
        _t("{listener}, say back what you heard {speaker} say, in your own words."),
    )
    starters: tuple[Template, ...] = k.key(k.TextList(), _STARTERS_DOC, ())
    notes: Notes = k.key(k.Choice(NOTES), _NOTES_DOC, "optional")
    confirm: bool = k.key(k.Boolean(), "Ask the speaker whether the reflection fits.", True)
    max_tries: int = k.key(k.Integer(minimum=1), "The total number of reflections.", 3)


@dataclass(frozen=True, kw_only=True)
class NameEmotion(Step):
    ACTION = "name_emotion"
    MAIN = "prompt"
    DOC = "The guesser picks up to max emotions; the other partner confirms, corrects or picks."
    prompt: Template = k.key(
        k.Text(),
        "What the guesser is asked.",
        _t("{listener}, what might {speaker} be feeling underneath?"),
    )
    guesser: Literal["listener", "speaker"] = k.key(
        k.Choice(("listener", "speaker")), "Who guesses: listener (default) or speaker.", "listener"
    )
    vocabulary: str | tuple[str, ...] = k.key(
        k.Vocabulary(), "core (the built-in feeling words) or a list of words.", "core"
    )
    max: int = k.key(k.Integer(minimum=1), "How many emotions may be picked.", 3)
    save_as: str = k.key(
        k.VariableName(), "The variable that keeps the confirmed words.", "emotion"
    )


@dataclass(frozen=True, kw_only=True)
class Validate(Step):
    ACTION = "validate"
    MAIN = "prompt"
    DOC = "The listener tells the speaker why the feeling makes sense."
    prompt: Template = k.key(
        k.Text(),
        "What the listener is asked to do.",
        _t("{listener}, tell {speaker} why this feeling makes sense."),
    )
    #: None means the default starter, filled with the most recently named emotion
    starters: tuple[Template, ...] | None = k.key(
        k.TextList(),
        'Sentence starters; by default "It makes sense that you feel … because …" '
        "with the most recently named emotion.",
        None,
    )


@dataclass(frozen=True, kw_only=True)
class Ask(Step):
    ACTION = "ask"
    MAIN = "question"
    DOC = "A question with options, or free text when there are none."
    question: Template = k.key(k.Text(), "The question.")
    who: Who = k.key(
        k.Choice(WHO),
        "Who answers: speaker (default), listener, a, b or both.",
        "speaker",
    )
    options: tuple[Option, ...] = k.key(
        k.Options(), "The answers to choose from: labels, or {label, goto, set}.", ()
    )
    save_as: str | None = k.key(
        k.VariableName(), "The variable that keeps the answer (NAME_a and NAME_b with both).", None
    )


@dataclass(frozen=True, kw_only=True)
class Rate(Step):
    ACTION = "rate"
    MAIN = "question"
    DOC = "Each asked partner picks a number on a scale."
    question: Template = k.key(k.Text(), "The question.")
    who: Literal["both", "speaker", "listener"] = k.key(
        k.Choice(("both", "speaker", "listener")),
        "Who rates: both (default), speaker or listener.",
        "both",
    )
    scale: tuple[int, int] = k.key(
        k.Scale(), "The lowest and highest number: [low, high].", (0, 10)
    )
    labels: Mapping[int, Template] = k.key(
        k.ScaleLabels(), "Words for some numbers of the scale: {number: text}.", EMPTY
    )
    save_as: str | None = k.key(
        k.VariableName(),
        "The variable that keeps the number (with both: NAME_a, NAME_b, NAME the higher, "
        "NAME_low the lower).",
        None,
    )
    pause_at: int | None = k.key(
        k.Integer(), "Any answer at or above this number offers a break.", None
    )


@dataclass(frozen=True, kw_only=True)
class Pause(Step):
    ACTION = "pause"
    MAIN = "length"
    DOC = "A timed break with a breathing guide; it ends when both partners are ready."
    length: int = k.key(k.Duration(), "How long the break lasts.", 60)
    #: None means the exercise's pause.breathing
    breathing: Breathing | None = k.key(
        k.Choice(BREATHING), "The breathing guide (default: the exercise's).", None
    )
    message: Template | None = k.key(k.Text(), "Text shown during the break.", None)
    skippable: bool = k.key(k.Boolean(), "Both partners may end the break early together.", True)


@dataclass(frozen=True, kw_only=True)
class Commit(Step):
    ACTION = "commit"
    MAIN = "prompt"
    DOC = "A commitment goes into the couple's ledger."
    prompt: Template = k.key(
        k.Text(),
        "What the partner is asked to commit to.",
        _t("{speaker}, what will you commit to?"),
    )
    who: CommitWho = k.key(
        k.Choice(COMMIT_WHO),
        "Who commits: speaker (default), listener, a, b, both (each writes their own) or "
        "together (one shared commitment, typed by the speaker and agreed by both).",
        "speaker",
    )
    review_in: int = k.key(k.Duration(), "When the commitment is due for review.", 7 * 86_400)


@dataclass(frozen=True, kw_only=True)
class Review(Step):
    ACTION = "review"
    MAIN = "prompt"
    DOC = "Walk through commitments: kept / partly / missed / renegotiate, with a note."
    prompt: Template = k.key(
        k.Text(), "What the partners are asked.", _t("Look back at what you committed to.")
    )
    which: Literal["due", "open", "all"] = k.key(
        k.Choice(("due", "open", "all")), "Which commitments: due (default), open or all.", "due"
    )


@dataclass(frozen=True, kw_only=True)
class Swap(Step):
    ACTION = "swap"
    WAITS = False
    DOC = "The floor passes to the other partner (swap: true)."


@dataclass(frozen=True, kw_only=True)
class Goto(Step):
    ACTION = "goto"
    WAITS = False
    DOC = "Jump to the step with that id."
    target: str = ""


@dataclass(frozen=True, kw_only=True)
class End(Step):
    ACTION = "end"
    WAITS = False
    DOC = "Finish the exercise, with an optional closing text (end: TEXT or end: true)."
    text: Template | None = None


STEP_TYPES: dict[str, type[Step]] = {
    cls.ACTION: cls
    for cls in (
        Say,
        Share,
        Reflect,
        NameEmotion,
        Validate,
        Ask,
        Rate,
        Pause,
        Commit,
        Review,
        Swap,
        Goto,
        End,
    )
}


# --- the exercise --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Exercise:
    version: int = k.key(k.Integer(minimum=1, maximum=1), "The format version; only 1 exists.", 1)
    id: str = k.key(k.Identifier(), "Lowercase letters, digits and -; default: the file name.", "")
    title: str = k.key(k.PlainText(), "The exercise's title.")
    summary: str = k.key(k.PlainText(), "One line about what the exercise does.")
    description: str = k.key(
        k.PlainText(), "Markdown shown before the start: when to use it and when not to.", ""
    )
    tags: tuple[str, ...] = k.key(
        k.PlainTextList(), "Words to find the exercise by; compared ignoring case.", ()
    )
    minutes: int | None = k.key(k.Integer(minimum=1), "Estimated length in minutes.", None)
    rounds: int = k.key(
        k.Integer(minimum=1), "Run the steps this many times, with roles swapped each time.", 1
    )
    first_speaker: FirstSpeaker = k.key(
        k.FirstSpeakerKind(),
        "Who speaks first: ask (default), a, b, random, or {ask: QUESTION}.",
        "ask",
    )
    #: None when the file does not say: then the tag hard decides
    private_check: bool | None = k.key(
        k.Boolean(),
        "Ask each partner privately, before the first step, whether they feel safe to go on "
        "(also implied by the tag hard; when written, this key wins over the tag).",
        None,
    )
    pause: PauseSettings = k.key(
        k.Record(PauseSettings), "Defaults for breaks in this exercise.", PauseSettings()
    )
    vars: Mapping[str, Value] = k.key(
        k.Assignments(),
        "Starting values for variables: a mapping of name to text or number.",
        EMPTY,
    )
    steps: tuple[Step, ...] = k.key(k.Steps(), "The steps, in order; at least one.")
    #: the file it came from, when it came from one
    path: Path | None = field(default=None, compare=False)

    @property
    def needs_private_check(self) -> bool:
        if self.private_check is not None:  # written in the file: it wins over the tag
            return self.private_check
        return self.has_tag("hard")

    def has_tag(self, tag: str) -> bool:
        """Whether the exercise has ``tag``; tags are compared ignoring case."""
        folded = tag.casefold()
        return any(t.casefold() == folded for t in self.tags)

    def step_by_id(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)
