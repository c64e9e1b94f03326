"""Settings: the theme, each partner's colour, motion, and the break defaults.

Every change applies at once and is saved straight away (in a worker) to the
config folder; Esc goes back. Loading and saving live in :mod:`coach.settings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Select, Static, Switch

from coach.settings import BREATHING, Settings, settings_path
from coach.ui.text import literal
from coach.ui.widgets.title_bar import TitleBar

#: partner colours that read well on light and dark themes alike
PALETTE = (
    ("sky", "#5fafd7"),
    ("clay", "#d7875f"),
    ("leaf", "#5faf5f"),
    ("lavender", "#af87d7"),
    ("rose", "#d75f87"),
    ("teal", "#00afaf"),
    ("amber", "#d7a700"),
    ("slate", "#8787af"),
)
BREAK_MINUTES = (5, 10, 15, 20, 25, 30, 45, 60)
BREATHING_WORDS = {
    "box": "box: in 4, hold 4, out 4, hold 4",
    "4-7-8": "4-7-8: in 4, hold 7, out 8",
    "calm": "calm: in 4, out 6",
    "none": "no breathing guide",
}


def colour_options(current: str) -> list[tuple[Content, str]]:
    colours = list(PALETTE)
    if current.lower() not in (hex_.lower() for _, hex_ in colours):
        colours.append((current, current))
    return [(_swatch(name, hex_), hex_) for name, hex_ in colours]


def _swatch(name: str, colour: str) -> Content:
    return Content.assemble(("██ ", colour), literal(name).stylize(colour))


def break_options(seconds: int) -> list[tuple[str, int]]:
    minutes = sorted({*(m * 60 for m in BREAK_MINUTES), seconds})
    return [(_duration(s), s) for s in minutes]


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} minutes" if not rest else f"{minutes} min {rest} s"


#: the country setting's value for "follow the locale" (None in the settings)
FROM_LOCALE = "locale"
PRIVATE_HINT = (
    "Private: sessions are kept in memory only, names are not remembered, and there is "
    "no history or resume. Same as starting coach with --private."
)


def country_options() -> list[tuple[str, str]]:
    """The language settings' country, each country in resources.yaml, general advice only."""
    from coach.ui.support import countries

    return [
        ("from this computer's language settings", FROM_LOCALE),
        *((f"{name} ({code})", code) for code, name in countries()),
        ("general advice only", ""),
    ]


def country_value(setting: str | None) -> str:
    return FROM_LOCALE if setting is None else setting.upper()


class SettingsScreen(Screen[None]):
    CSS_PATH = "settings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        settings: Settings = self.app.settings  # type: ignore[attr-defined]
        themes = sorted(self.app.available_themes.values(), key=lambda t: (not t.dark, t.name))
        yield TitleBar("Settings")
        with VerticalScroll(id="settings"):
            with Grid(id="fields"):
                yield Static("Theme", classes="label")
                theme_options = [(f"{t.name} ({'dark' if t.dark else 'light'})", t.name)
                                 for t in themes]
                yield self._choice("theme", theme_options)
                for partner in ("a", "b"):
                    yield Static(f"Partner {partner.upper()}'s colour", classes="label")
                    colour = getattr(settings, f"colour_{partner}")
                    yield self._choice(f"colour_{partner}", colour_options(colour))
                yield Static("Reduced motion", classes="label")
                yield Switch(settings.reduced_motion, id="reduced_motion")
                yield Static("Break length", classes="label")
                yield self._choice("break_seconds", break_options(settings.break_seconds))
                yield Static("Breathing guide", classes="label")
                yield self._choice("breathing", [(BREATHING_WORDS.get(b, b), b) for b in BREATHING])
                yield Static("Escalation nudges", classes="label")
                yield Switch(settings.nudges, id="nudges")
                yield Static("Support lines for", classes="label")
                yield Select(
                    country_options(),
                    value=country_value(settings.country),
                    allow_blank=False,
                    id="country",
                )
                yield Static("Private mode", classes="label")
                yield Switch(settings.private, id="private")
            yield Static(PRIVATE_HINT, id="private-hint")
            saved = (Content("Changes apply at once and are saved in ")
                     + literal(str(settings_path())))
            if getattr(self.app, "private_flag", False):
                saved = Content("coach runs --private: changes apply now and are not saved.")
            yield Static(saved, id="saved-in")
        yield Footer()

    def _choice(self, setting: str, options: Sequence[tuple[Any, Any]]) -> Select[Any]:
        """A drop-down for one setting, its id the setting's name, showing its value now."""
        value = getattr(self.app.settings, setting)  # type: ignore[attr-defined]
        return Select(options, value=value, allow_blank=False, id=setting)

    def on_mount(self) -> None:
        self.query_one("#theme", Select).focus()

    @on(Select.Changed)
    def select_changed(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK or event.select.id is None:
            return
        if event.select.id == "country":
            country = None if event.value == FROM_LOCALE else str(event.value)
            if self.app.settings.country != country:  # type: ignore[attr-defined]
                self.app.change_settings(country=country)  # type: ignore[attr-defined]
            return
        if getattr(self.app.settings, event.select.id) != event.value:  # type: ignore[attr-defined]
            self.app.change_settings(**{event.select.id: event.value})  # type: ignore[attr-defined]

    @on(Switch.Changed)
    def switch_changed(self, event: Switch.Changed) -> None:
        # each switch's id is the setting it turns on and off, as with the choices
        if event.switch.id is not None:
            self.app.change_settings(**{event.switch.id: event.value})  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss()
