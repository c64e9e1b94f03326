"""Settings: changes apply at once and are saved; a bad file is named and the defaults used."""

from __future__ import annotations

from textual.widgets import Select, Switch

from coach.settings import Settings, load_settings, settings_path
from coach.ui.app import CoachApp
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.settings import SettingsScreen
from tests.ui.app_support import library_loaded, make_app


async def open_settings(app: CoachApp, pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await library_loaded(app, pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_each_change_applies_at_once_and_is_saved() -> None:
    app = make_app(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#theme", Select).value = "textual-light"
        screen.query_one("#colour_a", Select).value = "#00afaf"
        screen.query_one("#break_seconds", Select).value = 5 * 60
        screen.query_one("#breathing", Select).value = "4-7-8"
        screen.query_one("#reduced_motion", Switch).value = True
        screen.query_one("#nudges", Switch).value = True
        screen.query_one("#private", Switch).value = True
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.theme == "textual-light"
        assert app.animation_level == "none"
        assert app.private
        expected = Settings(theme="textual-light", colour_a="#00afaf", reduced_motion=True,
                            break_seconds=300, breathing="4-7-8", nudges=True, private=True)
        assert app.settings == expected
        assert load_settings(themes=set(app.available_themes)).settings == expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_choosing_a_theme_with_the_keyboard() -> None:
    app = make_app(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#theme", Select).has_focus
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.theme != "textual-dark"
        assert app.settings.theme == app.theme


async def test_a_bad_settings_file_is_named_with_its_place_and_the_app_opens() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{\n  "theme": "nope",\n  "breathing": "calm"\n}\n', "utf-8")
    app = CoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        assert app.settings.theme == Settings().theme
        assert app.settings.breathing == "calm"
        messages = [str(n.message) for n in app._notifications]
        assert f"{settings_path()}:2:3: theme: no theme is called 'nope'" in messages[0]


async def test_a_settings_file_that_is_not_json_still_opens_the_app() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = [", "utf-8")
    app = CoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        assert app.settings == Settings()
        assert f"{settings_path()}:1:1:" in str(next(iter(app._notifications)).message)
