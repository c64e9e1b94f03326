"""The resources screen in the app: a broken user file is named with its place and the
built-in lines are shown instead; the country chosen in settings picks the lines."""

from __future__ import annotations

import textwrap

import pytest
from textual.widgets import Select

from coach import paths, resources
from coach.engine import FakeClock
from coach.settings import Settings
from coach.ui.app import CoachApp
from coach.ui.screens.resources import ResourcesScreen
from coach.ui.screens.settings import SettingsScreen
from tests.ui.harness import screen_text
from tests.ui.looking_back_support import settled
from tests.unit.test_support_lines import GOOD


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resources.clear_cache()


def user_file(text: str) -> str:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / resources.RESOURCES
    path.write_text(textwrap.dedent(text), "utf-8")
    return str(path)


def lines_text(app: CoachApp) -> str:
    screen = app.screen
    assert isinstance(screen, ResourcesScreen), screen
    return " ".join(str(w.render()) for w in screen.query("Static"))


@pytest.mark.parametrize(
    ("broken", "place", "message"),
    [
        (GOOD.replace("countries:", "countries: [", 1), None, ""),  # not YAML at all
        (GOOD.replace("        source: https://www.samaritans.org/\n", ""), ":7:9", "source"),
        (GOOD.replace("        checked: 2026-11-28\n", ""), ":7:9", "checked"),
    ],
)
async def test_a_broken_user_file_is_named_on_the_screen_and_coach_s_own_lines_shown(
    broken: str, place: str | None, message: str
) -> None:
    path = user_file(broken)
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True, country="US"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("f2")
        await settled(app, pilot)
        text = lines_text(app)
        assert "Your resources file could not be used, so coach's own is shown" in text
        assert path + (place or ":") in text
        assert message in text
        assert "988" in text  # the shipped US crisis line, not the user's GB-only file


async def test_the_country_chosen_in_settings_changes_the_lines_shown() -> None:
    app = CoachApp(clock=FakeClock(), settings=Settings(reduced_motion=True, country="GB"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("f2")
        await settled(app, pilot)
        text = lines_text(app)
        assert "Samaritans" in text and "In United Kingdom" in text
        await pilot.press("escape", "s")
        await settled(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#country", Select).value = "US"
        await settled(app, pilot)
        assert app.settings.country == "US"
        await pilot.press("escape", "f2")
        await settled(app, pilot)
        text = lines_text(app)
        assert "In United States" in text and "988" in text
        assert "Samaritans" not in text
        await pilot.press("escape", "s")
        await settled(app, pilot)
        app.screen.query_one("#country", Select).value = ""
        await settled(app, pilot)
        await pilot.press("escape", "f2")
        await settled(app, pilot)
        text = lines_text(app)
        assert "general advice only" in text and "In United" not in text
        assert "emergency" in screen_text(app).lower()
