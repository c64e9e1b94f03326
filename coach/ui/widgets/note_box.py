"""A text box for notes and answers: long text wraps as it is typed, Enter sends it.

Enter never adds a line here: it posts :class:`NoteBox.Submitted`, and the step
goes on exactly as the screen's Enter does everywhere else. Pasted line breaks
are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from coach.ui.widgets.css import beside


class NoteBox(TextArea):
    DEFAULT_CSS = beside(__file__)

    @dataclass
    class Submitted(Message):
        box: NoteBox

    def __init__(self, placeholder: str = "", *, id: str | None = None, text: str = "") -> None:
        super().__init__(
            text,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            tab_behavior="focus",
            placeholder=placeholder,
            id=id,
        )
        # ctrl+z belongs to the session (take back an answer, asked first); dropping
        # the text box's own undo keeps the footer's keys in one order on every step
        self._bindings.key_to_bindings.pop("ctrl+z", None)

    def on_mount(self) -> None:
        # reduced motion: no blinking cursor either
        settings = getattr(self.app, "settings", None)
        if settings is not None and getattr(settings, "reduced_motion", False):
            self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # stop TextArea's own handler (a new line) as well as the bubbling
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        await super()._on_key(event)

    @property
    def note(self) -> str | None:
        """What was typed, or None when it is only spaces."""
        return self.text if self.text.strip() else None
