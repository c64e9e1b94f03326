"""What a screen shows: an immutable picture of where the session stands.

A view is built fresh by :meth:`Session.view`; it holds plain values only, so
a UI (or ``coach rehearse``) never needs the exercise model or the state.
Text that came from variables (often typed by a partner) is flagged in
``parts`` so it can be shown literally, never read as markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from coach.engine.answers import Owner, Partner

Phase = Literal["private_check", "first_speaker", "step", "break", "ended"]
Actor = Literal["a", "b", "both"]


@dataclass(frozen=True)
class Rendered:
    """Text with placeholders filled in; ``parts`` flags each piece that came from a variable."""

    text: str
    parts: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def plain(cls, text: str) -> Rendered:
        return cls(text, ((text, False),) if text else ())

    def __str__(self) -> str:
        return self.text


EMPTY = Rendered("")


@dataclass(frozen=True)
class CommitmentView:
    id: str
    #: a, b, or both for a commitment made together
    partner: Owner
    #: the owner's name, or both names ("Ann and Ben") for a commitment made together
    name: str
    text: str
    made_at: float
    due_at: float

    @classmethod
    def snapshot(cls, commitment: Any) -> dict[str, Any]:
        """What a review step keeps of a ledger commitment: these fields, as plain JSON."""
        return asdict(cls(**{f.name: getattr(commitment, f.name) for f in fields(cls)}))


@dataclass(frozen=True)
class View:
    #: private_check and first_speaker come before the first step; break is a pause
    #: taken from any step; ended is the end
    phase: Phase
    #: the step's action (say, share, ...), or the phase name outside steps
    action: str
    #: where in a step with several turns: reflect, confirm, clarify, add (reflect);
    #: guess, confirm (name_emotion); commit, agree (commit with who: together);
    #: otherwise the action
    stage: str
    #: the kind of answer awaited (see coach.engine.answers: done, text, choice, number,
    #: emotions, verdict, ready, safe, partner, outcome), None once ended
    expects: str | None
    #: the step's role word: speaker, listener, a, b, both, or together (a shared commit)
    who: str | None
    #: the partner who answers now: a, b, or both (together)
    actor: Actor | None
    names: tuple[tuple[Partner, str], ...]
    speaker: Partner
    listener: Partner
    text: Rendered = EMPTY
    starters: tuple[Rendered, ...] = ()
    #: off, optional or required: whether a note is typed with Done
    notes: str | None = None
    options: tuple[Rendered, ...] = ()
    scale: tuple[int, int] | None = None
    scale_labels: tuple[tuple[int, Rendered], ...] = ()
    #: name_emotion: the words to pick from, how many at most, and the guess to confirm
    vocabulary: tuple[str, ...] = ()
    max_choices: int | None = None
    guess: tuple[str, ...] = ()
    #: reflect: the current try (tries) and the limit
    tries: int | None = None
    max_tries: int | None = None
    #: with who: both, the partners who have answered already (never what they answered)
    answered: tuple[Partner, ...] = ()
    #: the step's time limit, how long it has run, and whether the limit has passed
    time_limit: int | None = None
    elapsed: float = 0.0
    over_time: bool = False
    #: pause steps and breaks: length, time left (never below 0), guide, who is ready
    length: int | None = None
    remaining: float | None = None
    breathing: str | None = None
    skippable: bool = False
    ready: tuple[Partner, ...] = ()
    #: a break (see coach.engine.breaks): when it started and the agreed return time (wall
    #: time, seconds since the epoch), the seconds each extension added, and the seconds
    #: from the start to the return time (``length`` plus extensions)
    break_started_at: float | None = None
    return_at: float | None = None
    extensions: tuple[int, ...] = ()
    break_total: int | None = None
    #: the offer open when the break was taken (time_limit, not_confirmed, high_rating),
    #: and whether flooding cues had matched what was typed
    break_offer: str | None = None
    break_cues: bool = False
    #: the break followed a high rating or cues and is shorter than the 20-minute guidance:
    #: allowed, and the screen says the guidance (breaks.BELOW_GUIDANCE_TEXT)
    below_guidance: bool = False
    #: the return time has come (the break still waits for both to be ready), and by how
    #: many seconds it has passed
    time_up: bool = False
    overtime: float = 0.0
    #: a break of 20 minutes or more with time left: ending it now goes against the
    #: guidance, so a screen asks "are you sure?" first (the engine ends it all the same)
    confirm_early_end: bool = False
    #: who has said how stirred up they still are (0 to 10; never the number), the number
    #: at which more time is suggested, and whether anyone's rating reached it
    break_rated: tuple[Partner, ...] = ()
    stirred_at: int | None = None
    more_time_suggested: bool = False
    #: a break taken from a step: by whom and why
    break_by: Partner | None = None
    break_reason: str | None = None
    #: why a break is offered now: time_limit, not_confirmed, high_rating (never forced).
    #: An offer raised by an answer shows on the next view, the ended one included, never
    #: on a pause step; a time limit shows live (see Session.check_time)
    offer_break: str | None = None
    #: review: the commitment under review, and its position (1-based) and count
    commitment: CommitmentView | None = None
    review_position: tuple[int, int] | None = None
    #: what steps passed since the last answer said (a review with nothing due)
    notices: tuple[str, ...] = ()
    #: private_check: only the actor should see this screen
    private: bool = False
    round: int = 1
    rounds: int = 1
    #: the step's index (0-based) in the exercise, None outside steps; once ended by an
    #: end step, that step's index
    step_index: int | None = None
    step_count: int = 0
    can_undo: bool = False
    #: ended: completed, end_step, not_ready or stuck; and a message when stuck
    ended_reason: str | None = None
    error: str | None = None

    def name(self, partner: Partner) -> str:
        return dict(self.names)[partner]

    @property
    def actor_name(self) -> str | None:
        if self.actor in ("a", "b"):
            return self.name(self.actor)
        return None

    @property
    def step_number(self) -> int | None:
        return None if self.step_index is None else self.step_index + 1

    @property
    def waiting(self) -> bool:
        return self.expects is not None
