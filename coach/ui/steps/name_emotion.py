"""name_emotion: one partner guesses the feeling; the other keeps, changes or picks their own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from coach.engine import Emotions
from coach.engine.text import join_words
from coach.ui.steps.base import StepWidget
from coach.ui.text import literal
from coach.ui.widgets.emotion_picker import EmotionPicker, Group, core_groups
from coach.ui.widgets.partners import other


class NameEmotionStep(StepWidget):
    def groups(self) -> list[Group]:
        vocabulary = self.view.vocabulary
        if self.session is not None:
            step = self.session.step()
            if getattr(step, "vocabulary", None) != "core":
                return [(None, [(w, "") for w in vocabulary])]
        return core_groups(vocabulary)

    def compose(self) -> ComposeResult:
        view = self.view
        actor = view.actor or view.listener
        limit = view.max_choices or 1
        if view.stage == "guess":
            yield self.for_whom(actor, "guesses the feeling underneath.")
        else:
            guesser = other(actor)
            yield Static(Content.assemble(
                self.partner(guesser), " guessed: ", (join_words(view.guess), "bold")),
                classes="for-whom")
        yield self.prompt()
        yield Static("", id="picked", classes="hint")
        yield EmotionPicker(self.groups(), limit, picked=view.guess, id="picker")
        yield self.error_line()
        label = "Keep these words  ⏎" if view.stage == "confirm" else "These words  ⏎"
        yield self.go_on_button(label)

    def on_mount(self) -> None:
        self.show_picked()

    def show_picked(self) -> None:
        picker = self.query_one(EmotionPicker)
        words = join_words(picker.picked) if picker.picked else "nothing yet"
        limit = picker.limit
        line = Content.assemble(("Picked: ", "bold"), literal(words),
                                f"  ({len(picker.picked)} of {limit})")
        if picker.filter:
            line = Content.assemble(line, "   filter: ", (picker.filter, "bold"),
                                    ("  (backspace to widen)", "dim"))
        else:
            line = Content.assemble(line, ("   type to filter, space to pick", "dim"))
        self.query_one("#picked", Static).update(line)
        if self.view.stage == "confirm":
            same = sorted(picker.picked) == sorted(self.view.guess)
            self.query_one("#go-on").label = (  # type: ignore[attr-defined]
                "Keep these words  ⏎" if same else "These are mine  ⏎")

    def on_emotion_picker_changed(self, event: EmotionPicker.Changed) -> None:
        event.stop()
        self.clear_error()
        self.show_picked()

    def on_emotion_picker_refused(self, event: EmotionPicker.Refused) -> None:
        event.stop()
        self.show_error(event.message)

    def focus_first(self) -> None:
        self.query_one(EmotionPicker).focus()

    def forward(self) -> None:
        self.answer(Emotions(tuple(self.query_one(EmotionPicker).picked)))
