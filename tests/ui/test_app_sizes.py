"""Every screen of the app at sizes from tiny to wide: resizing never raises, and below
80x24 the screen scrolls instead of squeezing the library to nothing."""

from __future__ import annotations

import pytest

from coach.settings import Settings
from coach.ui.app import CoachApp
from tests.ui.app_support import library_loaded, make_app

SIZES = [(80, 24), (20, 6), (40, 12), (60, 18), (120, 40), (1, 1), (80, 24)]


async def walk_sizes(app: CoachApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert app.screen.is_mounted


@pytest.mark.parametrize(
    "keys",
    [(), ("s",), ("f1",), ("enter",), ("slash", *"listen"), ("h",), ("c",), ("g",), ("f2",)],
)
async def test_resizing_never_raises(keys: tuple[str, ...]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        await walk_sizes(app, pilot)
    assert app.return_code in (None, 0)


async def test_below_80x24_the_library_scrolls_rather_than_squeezing() -> None:
    app = make_app()
    async with app.run_test(size=(50, 14)) as pilot:
        screen = await library_loaded(app, pilot)
        body = screen.query_one("#body")
        assert body.size.width >= 60 and body.size.height >= 12
        assert screen.virtual_size.width >= 60


async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = CoachApp(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        assert app.no_color
