"""The library: groups, search as you type, files with problems, reload, and starting."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from coach.resources import suggested_path
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.library import LibraryScreen
from coach.ui.screens.setup import SetupScreen
from tests.ui.app_support import MARKUP_NAMES, library_loaded, listed, make_app, write_exercise


def shown_titles(screen: LibraryScreen) -> list[str]:
    return [row.title for row in screen.shown]


def detail_text(screen: LibraryScreen) -> str:
    detail = screen.query_one("#detail")
    parts = [str(detail.border_title or "")]
    parts += [str(s.render()) for s in detail.query(Static) if s.display]
    return "\n".join(parts)


async def test_built_ins_your_own_and_a_folder_are_grouped(tmp_path: Path) -> None:
    from coach.paths import user_exercises_dir

    write_exercise(user_exercises_dir(), "mine", "My own exercise")
    folder = tmp_path / "extra"
    write_exercise(folder, "theirs", "From a counsellor")
    app = make_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        prompts = listed(screen)
        headings = [p for p in prompts if not p.startswith(("  ", "✗"))]
        stages = [stage.stage for stage in suggested_path().value.stages]
        assert headings == ["Start here", *stages, "Your own", f"From {folder}"]
        assert prompts.index("Your own") < next(
            i for i, p in enumerate(prompts) if "My own exercise" in p
        ) < prompts.index(f"From {folder}")
        assert any("From a counsellor" in p for p in prompts)
        # tags and minutes on each row
        assert any("15 min · listening" in p for p in prompts)


async def test_search_filters_as_you_type_on_title_summary_and_tags(tmp_path: Path) -> None:
    folder = tmp_path / "extra"
    write_exercise(folder, "apple", "Alpha", tags="[zebra]")
    write_exercise(folder, "kiwi", "Beta")
    app = make_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        everything = len(screen.shown)
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"zeb")  # a tag only
        await pilot.pause()
        assert shown_titles(screen) == ["Alpha"]
        await pilot.press("backspace", "backspace", "backspace", *"summary of kiwi")  # the summary
        await pilot.pause()
        assert shown_titles(screen) == ["Beta"]
        await pilot.press(*" nothing-like-this")
        await pilot.pause()
        assert shown_titles(screen) == []
        status = str(screen.query_one("#status", Static).render())
        assert "No exercise matches" in status and "nothing-like-this" in status
        screen.query_one("#search", Input).value = "REFLECTION"  # any case, titles too
        await pilot.pause()
        assert "Your first reflection" in shown_titles(screen)
        assert len(screen.shown) < everything


async def test_arrows_move_the_list_while_typing_and_enter_opens_set_up(tmp_path: Path) -> None:
    folder = tmp_path / "extra"
    write_exercise(folder, "a", "Alpha one")
    write_exercise(folder, "b", "Alpha two")
    app = make_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        await pilot.press("slash", *"alpha two")
        await pilot.pause()
        assert shown_titles(screen) == ["Alpha two"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        # the highlight stays on the row it was on while the list grows back
        assert shown_titles(screen) == ["Alpha one", "Alpha two"]
        assert screen.current_row().title == "Alpha two"
        await pilot.press("up")
        assert screen.current_row().title == "Alpha one"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.exercise.title == "Alpha one"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_file_that_does_not_load_is_listed_with_its_located_problems(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "extra"
    write_exercise(folder, "good", "Good one")
    broken = folder / "money-talk.yaml"
    broken.write_text("title: Money\nsummary: s\nsteps:\n  - bogus: 1\n", "utf-8")
    app = make_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        prompts = listed(screen)
        assert any(p.startswith("✗ money-talk.yaml") and "1 problem" in p for p in prompts)
        assert "1 ✗ not loaded" in str(screen.query_one("#status", Static).render())
        option_list = screen.query_one("#list", OptionList)
        option_list.highlighted = next(
            i for i in range(option_list.option_count)
            if option_list.get_option_at_index(i).id == str(broken)
        )
        await pilot.pause()
        text = detail_text(screen)
        assert f"{broken}\n\nline 4, column 5\nunknown key \"bogus\"" in text
        assert "could not be loaded" in text
        # it cannot be started: a message says why, and the library stays
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        # fixed on disk, `r` reloads it
        broken.write_text("title: Money talk\nsummary: s\nsteps:\n  - say: hi\n", "utf-8")
        await pilot.press("r")
        await library_loaded(app, pilot)
        assert "Money talk" in shown_titles(screen)
        assert not any(p.startswith("✗") for p in listed(screen))


async def test_exercise_text_is_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "extra"
    for number, text in enumerate(MARKUP_NAMES):
        write_exercise(folder, f"m{number}", f"T {text} end", tags=f"[{json_quote(text)}]")
    app = make_app([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        await pilot.press("slash", *"T ")
        await pilot.pause()
        prompts = "\n".join(listed(screen))
        for text in MARKUP_NAMES:
            assert f"T {text} end" in prompts
        option_list = screen.query_one("#list", OptionList)
        for index in range(option_list.option_count):
            option_list.highlighted = index
            await pilot.pause()
        assert app.screen is screen  # nothing raised, nothing clicked


def json_quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


async def test_help_lists_this_screens_keys_and_question_mark_types_in_search() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict((d, k) for k, d in app.screen.keys)
        assert keys["Reload"] == "r" and keys["Settings"] == "s" and "Search" in keys
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "not therapy" in text and "Reflect" in text and "Pause" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("slash", "question_mark")
        assert screen.query_one("#search", Input).value == "?"
        await pilot.press("f1")  # F1 works even in a text box
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#search", Input).value == "?"


async def test_ctrl_q_outside_a_session_quits_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit


async def test_the_list_comes_from_the_cache_at_once_and_the_scan_still_follows(
    tmp_path: Path,
) -> None:
    from coach.ui.library_rows import cache_path, cached_rows

    folder = tmp_path / "extra"
    write_exercise(folder, "a", "Alpha")
    first = make_app([folder])
    async with first.run_test(size=(80, 24)) as pilot:
        await library_loaded(first, pilot)
    assert cached_rows([folder]) is not None
    assert stat.S_IMODE(os.stat(cache_path()).st_mode) == 0o600

    again = make_app([folder])
    async with again.run_test(size=(80, 24)) as pilot:
        screen = again.screen_stack[0]
        assert isinstance(screen, LibraryScreen)
        # on screen before any scan ran: the rows have no exercise yet
        assert "Alpha" in shown_titles(screen)
        assert all(row.exercise is None for row in screen.rows)
        option_list = screen.query_one("#list", OptionList)
        option_list.highlighted = next(
            i for i in range(option_list.option_count)
            if "a.yaml" in str(option_list.get_option_at_index(i).id)
        )
        await pilot.press("enter")  # opens as soon as the scan has loaded it
        await library_loaded(again, pilot)
        assert all(row.exercise is not None for row in screen.rows)
        assert isinstance(again.screen, SetupScreen) and again.screen.exercise.title == "Alpha"


def test_the_cache_is_not_used_once_a_file_changes(tmp_path: Path) -> None:
    from coach.ui.library_rows import cached_rows, save_cached_rows, scan_rows, stamps

    folder = tmp_path / "extra"
    path = write_exercise(folder, "a", "Alpha")
    save_cached_rows([folder], stamps([folder]), scan_rows([folder]))
    assert [r.title for r in cached_rows([folder]) or [] if r.path == path] == ["Alpha"]
    assert cached_rows([]) is None  # other folders: another library
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    assert cached_rows([folder]) is None
    write_exercise(folder, "b", "Beta")
    save_cached_rows([folder], stamps([folder]), scan_rows([folder]))
    (folder / "b.yaml").unlink()
    assert cached_rows([folder]) is None


def test_after_an_edit_the_rows_of_the_files_that_did_not_change_are_drawn(
    tmp_path: Path,
) -> None:
    from coach.library import builtin_dir
    from coach.ui.library_rows import cached_rows, quick_rows, save_cached_rows, scan_rows, stamps

    folder = tmp_path / "extra"
    a, b = write_exercise(folder, "a", "Alpha"), write_exercise(folder, "b", "Beta")
    save_cached_rows([folder], stamps([folder]), scan_rows([folder]))
    b.write_text(b.read_text("utf-8").replace("Beta", "Beta, edited"), "utf-8")
    write_exercise(folder, "c", "Gamma")  # new since the scan
    assert cached_rows([folder]) is None
    quick = quick_rows([folder]) or []
    titles = [r.title for r in quick if r.path.parent == folder]
    assert titles == ["Alpha"]  # the edited and the new file wait for the scan
    assert "Your first reflection" in [r.title for r in quick]
    a.unlink()
    assert [r for r in quick_rows([folder]) or [] if r.path.parent == folder] == []
    # other folders, no cache for them: the built-ins alone until the scan
    assert {r.path.parent for r in quick_rows([tmp_path]) or []} == {builtin_dir()}


def test_the_cache_lists_the_files_the_library_reads(tmp_path: Path) -> None:
    from coach.library import exercise_files as library_files
    from coach.ui.library_rows import exercise_files

    for name in ("a.yaml", "b.YML", "c.txt", "deep/d.yml", "e.yaml.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    assert exercise_files(tmp_path) == library_files(tmp_path)


async def test_a_broken_data_file_is_named_once_the_library_is_up() -> None:
    from coach.paths import config_dir

    config_dir().mkdir(parents=True)
    (config_dir() / "emotions.yaml").write_text("families: [\n", "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await library_loaded(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(
            m.startswith(f"{config_dir() / 'emotions.yaml'}:") and "built-in file is used" in m
            for m in messages
        ), messages


async def test_markup_typed_in_the_search_is_searched_for_literally() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_loaded(app, pilot)
        await pilot.press("slash")
        for query in MARKUP_NAMES:
            screen.query_one("#search", Input).value = query
            await pilot.pause()
            assert shown_titles(screen) == []
            status = str(screen.query_one("#status", Static).render())
            assert f"“{query}”" in status


async def test_a_first_start_lists_the_built_ins_before_the_scan_and_opens_one() -> None:
    from coach.ui.library_rows import cache_path

    assert not cache_path().exists()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen_stack[0]
        assert isinstance(screen, LibraryScreen)
        # on screen before any scan ran, from the rows shipped with coach
        assert "Your first reflection" in shown_titles(screen)
        assert all(row.exercise is None for row in screen.rows)
        await pilot.press("enter")  # opens as soon as the scan has loaded it
        await library_loaded(app, pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.exercise.title == "Your first reflection"
