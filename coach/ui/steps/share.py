"""share: the speaker talks out loud; starters to lean on; a note box when the step has notes.

:class:`SpokenStep` is the shape shared by every step where one partner says
something out loud (share, validate): who, the prompt, starters, a note box.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult

from coach.engine import Done, View
from coach.ui.steps.base import StepWidget

NOTE_LABELS = {
    "optional": "A note, if you want one (only you two will see it)",
    "required": "A note (needed here): a few words to keep",
}


def note_label(view: View) -> str | None:
    return NOTE_LABELS.get(view.notes or "off")


class SpokenStep(StepWidget):
    #: who speaks (speaker or listener), what they do, whose starters, the button's words
    role: ClassVar[str] = "speaker"
    doing: ClassVar[str] = ""
    starter_kind: ClassVar[str] = "share"
    button: ClassVar[str] = "Done  ⏎"

    def compose(self) -> ComposeResult:
        view = self.view
        partner = view.speaker if self.role == "speaker" else view.listener
        yield self.for_whom(partner, self.doing)
        yield self.prompt()
        yield from self.starters(self.starter_kind)
        label = note_label(view)
        if label is not None:
            yield from self.note_box(label)
        yield self.error_line()
        yield self.go_on_button(self.button)

    def forward(self) -> None:
        self.answer(Done(self.note()))


class ShareStep(SpokenStep):
    doing = "holds the floor: speak out loud, in short pieces."
