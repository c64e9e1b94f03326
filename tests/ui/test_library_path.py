"""The library opens on the suggested path: Start here, each stage in order, then the rest."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from coach.library import scan, stage_groups, start_here
from coach.paths import config_dir
from coach.resources import clear_cache
from tests.ui.app_support import library_loaded, listed, make_app, write_exercise


def detail(screen: object) -> str:
    return "\n".join(str(s.render()) for s in screen.query("#detail Static") if s.display)  # type: ignore[attr-defined]


async def test_the_library_opens_on_start_here_then_each_stage_in_order() -> None:
    library = scan([])
    first = start_here(library)
    assert first is not None and first.exercise is not None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        prompts = listed(screen)
        assert prompts[0] == "Start here"
        assert first.exercise.title in prompts[1]
        # the rows follow the path: the first exercise, then every stage's, in order
        expected = [p.entry.exercise.title for g in stage_groups(library) for p in g.items
                    if p.entry.exercise is not None]
        assert [row.title for row in screen.shown] == expected
        headings = [p for p in prompts if not p.startswith("  ")]
        assert headings == ["Start here", *(g.title for g in stage_groups(library))]
        # the highlighted row is the first exercise, and it says why it comes first
        assert screen.current_row() is not None
        assert screen.current_row().title == first.exercise.title  # type: ignore[union-attr]
        why = next(p.why for p in stage_groups(library)[0].items)
        assert why and why in detail(screen).replace("\n", " ")
        assert "Step 1 of the path" in detail(screen)
        # another row shows its own stage and reason
        await pilot.press("down", "down")
        await pilot.pause()
        row = screen.current_row()
        assert row is not None and row.why and row.why in detail(screen).replace("\n", " ")
        assert screen.query_one("#list", OptionList).highlighted is not None


async def test_a_users_path_file_orders_their_own_exercises_too(tmp_path: Path) -> None:
    from coach.paths import user_exercises_dir

    write_exercise(user_exercises_dir(), "mine", "My own exercise")
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "path.yaml").write_text(
        "stages:\n  - stage: Ours\n    exercises:\n"
        "      - id: mine\n        why: We wrote it for us.\n"
        "      - id: first-reflection\n        why: Then the rules.\n",
        "utf-8",
    )
    clear_cache()
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await library_loaded(app, pilot)
            prompts = listed(screen)
            reflection = scan([]).get("first-reflection")
            assert reflection is not None and reflection.exercise is not None
            assert prompts[0] == "Start here" and "My own exercise" in prompts[1]
            assert prompts[2] == "Ours" and reflection.exercise.title in prompts[3]
            # the rest follow: built-ins off this path, then the user's folder (now empty)
            assert prompts[4] == "More built-in exercises"
            assert "Your own" not in prompts
            assert "We wrote it for us." in detail(screen)
    finally:
        clear_cache()
