"""Escalation nudges and danger cues, found in a note as it is typed.

Matching runs in a thread, once typing pauses (the patterns are also checked
safe when the cue file is read), so a note can never freeze the keyboard.
Heated cues show a gentle, dismissible line only when the setting
``nudges`` is on (off by default). Danger cues are always shown, with the
crisis lines beside them and a pointer to all the support lines (F2); that
line is crisis help, not a lecture: Esc does not dismiss it, and it stays as
long as the note says what matched. Nothing here blocks an answer, and
nothing typed leaves the machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer

from coach import resources, support_lines
from coach.settings import Settings
from coach.ui.text import literal
from coach.ui.widgets.notice_line import NoticeLine

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.resources import CueMatch

#: seconds after the last keystroke before the note is read for cues
CUE_PAUSE = 0.4
#: the kinds of support line shown beside a danger cue
DANGER_KINDS = ("emergency", "crisis")
#: under the crisis lines of a danger cue: where the rest are
MORE_SUPPORT = "More support lines: F2 (the note stays as it is)."


def danger_lines(settings: Settings) -> Content:
    """The crisis lines for the chosen country (or the locale's), one a line, or the
    general advice when coach has none for it."""
    country = support_lines.chosen_country(getattr(settings, "country", None), os.environ)
    info = resources.support_for(country)
    rows = [
        Content.assemble(literal(line.name).stylize("bold"), ": ",
                         literal(" · ".join(what for _, what in line.ways)))
        for group in info.groups if group.kind in DANGER_KINDS for line in group.lines
    ]
    if not rows:
        rows = [literal(advice) for advice in info.general[:2]]
    return Content("\n").join(rows)


def nudge_content(match: CueMatch, settings: Settings) -> Content:
    if not match.danger:
        return literal(match.hint)
    return Content.assemble(literal(match.hint), "\n\n", danger_lines(settings), "\n",
                            (MORE_SUPPORT, "dim"))


class CueWatch:
    """Belongs to a session screen: ``typed`` after each change to a note."""

    def __init__(
        self, screen: Screen[object], settings: Callable[[], Settings],
        matched: Callable[[], object] | None = None,
    ) -> None:
        self.screen = screen
        self.settings = settings
        #: called when a cue first matches on a step (what an offered break takes changes)
        self.on_match = matched
        self._timer: Timer | None = None
        self._text = ""
        #: cues already shown for this note (a dismissed line does not come back)
        self.shown: set[str] = set()
        #: whether any cue matched what was typed on this step (a break taken says so)
        self.matched = False
        #: the danger line on screen, and the cue it is for
        self.danger: NoticeLine | None = None
        self._danger_cue = ""
        #: counts steps, so a late match for the last step's note shows nothing on this one
        self._note = 0

    def reset(self) -> None:
        """A new step: a new note."""
        self._note += 1
        self.stop()
        self.shown = set()
        self.matched = False
        self.danger = None
        self._danger_cue = ""

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def typed(self, text: str) -> None:
        self._text = text
        self.stop()
        self._timer = self.screen.set_timer(CUE_PAUSE, self._start)

    def _start(self) -> None:
        self._timer = None
        text, heated, note = self._text, self.settings().nudges, self._note
        self.screen.run_worker(lambda: self._match(text, heated, note), thread=True,
                               exclusive=True, group="cue-watch", exit_on_error=False)

    def _match(self, text: str, heated: bool, note: int) -> None:
        found = resources.find_cues(text, heated=heated)
        # called with nothing found too: a danger line goes once the note no longer says it
        self.screen.app.call_from_thread(self._show, found, note)

    async def _show(self, found: list[CueMatch], note: int | None = None) -> None:
        if not self.screen.is_attached or note not in (None, self._note):
            return
        if found and not self.matched:
            self.matched = True
            if self.on_match is not None:
                self.on_match()
        # a danger cue first, then the first heated one: never a wall of hints
        firsts: dict[bool, CueMatch] = {}
        for match in found:
            firsts.setdefault(match.danger, match)
        await self._show_danger(firsts.get(True))
        if note not in (None, self._note):  # the step moved on while that line was placed
            return
        box = self.screen.query_one("#notices", Vertical)
        heated = firsts.get(False)
        if heated is not None and heated.cue not in self.shown:
            self.shown.add(heated.cue)  # a dismissed nudge does not come back on this note
            await box.mount(NoticeLine(nudge_content(heated, self.settings()), kind="cue"))

    async def _show_danger(self, match: CueMatch | None) -> None:
        """One danger line, for the first danger cue the note says now, right under the
        step with the note, in sight; none once the note says none (whoever wrote it may
        have chosen not to say it to their partner after all)."""
        line = self.danger if self.danger is not None and self.danger.is_attached else None
        if match is None:
            if line is not None:
                await line.remove()
                self.screen.refresh_bindings()
            self.danger, self._danger_cue = None, ""
            return
        content = nudge_content(match, self.settings())
        if line is None:
            self.danger = NoticeLine(content, kind="danger")
            await self.screen.query_one("#step-area", Vertical).mount(self.danger)
            self.danger.scroll_visible(animate=False)
        elif match.cue != self._danger_cue:
            line.show(content)
        self._danger_cue = match.cue
        self.screen.refresh_bindings()
