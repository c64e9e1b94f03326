"""The emotion picker: feeling words in their families; type to filter, space to pick.

The core vocabulary comes grouped by family, each word with its gentler ("a
little") and stronger ("very") forms beside it; an exercise's own list is one
group. Up to ``limit`` words can be picked; the step sends them with Enter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from coach.ui.widgets.choice_list import ChoiceList
from coach.ui.widgets.css import beside

#: (word, how it relates to its entry: "a little afraid", "very afraid" or "")
Word = tuple[str, str]
#: (family heading or None, words)
Group = tuple[str | None, Sequence[Word]]


def core_groups(vocabulary: Sequence[str]) -> list[Group]:
    """The vocabulary grouped by the core file's families; words it lacks go last."""
    try:
        from coach.resources import emotion_families

        families = emotion_families()
    except Exception:  # a broken data file still leaves the words to pick from
        families = ()
    offered = set(vocabulary)
    placed: set[str] = set()
    groups: list[Group] = []
    for family in families:
        words: list[Word] = []
        for entry in family.words:
            for form, note in ((entry.gentle, f"a little {entry.word}"), (entry.word, ""),
                               (entry.strong, f"very {entry.word}")):
                if form is not None and form in offered and form not in placed:
                    words.append((form, note))
                    placed.add(form)
        if words:
            groups.append((family.family, words))
    rest = [(w, "") for w in vocabulary if w not in placed]
    if rest:
        groups.append((None if not groups else "other", rest))
    return groups


class EmotionPicker(ChoiceList):
    DEFAULT_CSS = beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "pick", key_display="space"),
        Binding("backspace", "unfilter", "clear filter", show=False),
    ]

    @dataclass
    class Changed(Message):
        picker: EmotionPicker

    @dataclass
    class Refused(Message):
        message: str

    def __init__(self, groups: Sequence[Group], limit: int, picked: Sequence[str] = (),
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups = list(groups)
        self.limit = limit
        self.picked: list[str] = list(picked)
        self.filter = ""
        self._words: dict[str, str] = {}

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        needle = self.filter.casefold()
        options: list[Option] = []
        self._words = {}
        for heading, words in self.groups:
            shown = [(w, note) for w, note in words if needle in w.casefold()]
            if not shown:
                continue
            if heading is not None:
                options.append(Option(Content.styled(f"── {heading} ", "dim italic"),
                                      disabled=True))
            for word, note in shown:
                option_id = f"w{len(self._words)}"
                self._words[option_id] = word
                mark = "✓ " if word in self.picked else "  "
                prompt = Content.assemble(mark, (word, "bold" if word in self.picked else ""))
                if note:
                    prompt = Content.assemble(prompt, "  ", (f"({note})", "dim italic"))
                options.append(Option(prompt, id=option_id))
        self.set_options(options)
        ids = [o.id for o in options]
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = ids.index(keep) if keep in ids else first

    def watch_highlighted(self, old: int | None, highlighted: int | None) -> None:
        # a family heading is never the cursor: pass over it the way the cursor moves
        if (
            highlighted is not None
            and highlighted < self.option_count
            and self.get_option_at_index(highlighted).disabled
        ):
            up = old is not None and highlighted < old
            below = range(highlighted + 1, self.option_count)
            above = range(highlighted - 1, -1, -1)
            for index in (*above, *below) if up else (*below, *above):
                if not self.get_option_at_index(index).disabled:
                    self.highlighted = index
                    return
        super().watch_highlighted(highlighted)

    def word_at_cursor(self) -> str | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else self._words.get(option.id)

    def toggle(self, word: str) -> None:
        if word in self.picked:
            self.picked.remove(word)
        elif len(self.picked) >= self.limit:
            self.post_message(self.Refused(
                "one word only: space on it again to take it away first" if self.limit == 1
                else f"at most {self.limit} words: take one away first"))
            return
        else:
            self.picked.append(word)
        self.rebuild()
        self.post_message(self.Changed(self))

    def action_toggle(self) -> None:
        word = self.word_at_cursor()
        if word is not None:
            self.toggle(word)

    def action_select(self) -> None:
        """A click picks (or unpicks) the word."""
        self.action_toggle()

    def action_unfilter(self) -> None:
        if self.filter:
            self.filter = self.filter[:-1]
            self.rebuild()
            self.post_message(self.Changed(self))

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            self.filter += event.character
            self.rebuild()
            self.post_message(self.Changed(self))
