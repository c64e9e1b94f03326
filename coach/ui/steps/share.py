"""share: the speaker talks out loud; starters to lean on; a note box when the step has notes."""

from __future__ import annotations

from textual.app import ComposeResult

from coach.engine import Done, View
from coach.ui.steps.base import StepWidget

NOTE_LABELS = {
    "optional": "A note, if you want one (only you two will see it)",
    "required": "A note (needed here): a few words to keep",
}


def note_label(view: View) -> str | None:
    return NOTE_LABELS.get(view.notes or "off")


class ShareStep(StepWidget):
    def compose(self) -> ComposeResult:
        yield self.for_whom(self.view.speaker, "holds the floor: speak out loud, in short pieces.")
        yield self.prompt()
        yield from self.starters("share")
        label = note_label(self.view)
        if label is not None:
            yield from self.note_box(label)
        yield self.error_line()
        yield self.go_on_button("Done  ⏎")

    def forward(self) -> None:
        self.answer(Done(self.note()))
