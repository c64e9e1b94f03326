"""docs/authoring.md and the `coach new` template: every example says what the tools do.

Every ```yaml block in the guide is checked, according to what it is:

- ``# data: NAME`` on its first line: a data file, which must load cleanly;
- ``# refused: …``: an example of a mistake, which must be refused;
- ``# warns: …``: an example that loads but must be warned about;
- a block with top-level ``title:`` and ``steps:``: a whole exercise, which must
  load with no problem at all;
- a block of list items (``- say: …``): steps, checked inside a minimal exercise;
- any other block: top-level keys, checked inside a minimal exercise.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach import resources
from coach.format import load_text
from coach.format.loader import LoadResult
from coach.format.model import STEP_TYPES, Exercise

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
TEMPLATE = ROOT / "coach" / "templates" / "new-exercise.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=exercise.schema.json"
TEMPLATE_MARK = "<!-- template: coach/templates/new-exercise.yaml -->"

_FENCE = re.compile(r"^(?P<indent>\s*)```(?P<info>[\w-]*)\s*$")


@dataclass(frozen=True)
class Block:
    info: str
    text: str
    line: int  # where the block's first line of content is in the guide
    before: str  # the line before the opening fence

    @property
    def kind(self) -> str:
        first = self.text.lstrip().splitlines()[0]
        for marker in ("data", "refused", "warns"):
            if first.startswith(f"# {marker}:"):
                return marker
        if re.search(r"(?m)^title:", self.text) and re.search(r"(?m)^steps:", self.text):
            return "exercise"
        content = [ln for ln in self.text.splitlines() if ln.strip() and not ln.startswith("#")]
        return "steps" if content and content[0].startswith("- ") else "keys"


def blocks(text: str) -> list[Block]:
    out: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None or not opening["info"]:
            index += 1
            continue
        indent = len(opening["indent"])
        body: list[str] = []
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            body.append(lines[end][indent:] if lines[end][:indent].strip() == "" else lines[end])
            end += 1
        assert end < len(lines), f"the block at line {index + 1} is never closed"
        before = lines[index - 1] if index else ""
        out.append(Block(opening["info"], "\n".join(body) + "\n", index + 2, before))
        index = end + 1
    return out


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
YAML_BLOCKS = [b for b in blocks(GUIDE_TEXT) if b.info == "yaml"]


def _id(block: Block) -> str:
    return f"line{block.line}-{block.kind}"


def as_exercise(block: Block) -> str:
    """The block as a whole exercise file."""
    if block.kind in ("exercise", "refused", "warns"):
        return block.text
    if block.kind == "steps":
        return "title: T\nsummary: S\nsteps:\n" + textwrap.indent(block.text, "  ")
    text = block.text
    head = "" if re.search(r"(?m)^title:", text) else "title: T\nsummary: S\n"
    tail = "" if re.search(r"(?m)^steps:", text) else "steps:\n  - say: Hello.\n"
    return head + text + tail


def load_block(block: Block) -> LoadResult:
    return load_text(as_exercise(block), file=f"authoring.md@{block.line}", stem="example")


def shown(result: LoadResult) -> str:
    return "\n".join(str(p) for p in result.problems)


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=_id)
def test_every_yaml_example_does_what_the_guide_says(block: Block) -> None:
    if block.kind == "data":
        name = block.text.lstrip().splitlines()[0].split(":", 1)[1].strip()
        assert name in resources.DATA_FILES
        value, problems = resources.parse_data_text(name, block.text, f"authoring.md@{block.line}")
        assert problems == () and value is not None
        return
    result = load_block(block)
    if block.kind == "refused":
        assert result.exercise is None and result.errors, "the guide says this is refused"
    elif block.kind == "warns":
        assert result.exercise is not None, shown(result)
        assert result.warnings and not result.errors, "the guide says this is warned about"
    else:
        assert result.problems == (), shown(result)


def test_the_guide_has_examples_of_every_kind() -> None:
    kinds = {block.kind for block in YAML_BLOCKS}
    assert kinds == {"data", "refused", "warns", "exercise", "steps", "keys"}
    assert sum(block.kind == "exercise" for block in YAML_BLOCKS) >= 6


def test_the_block_reader_finds_indented_and_partial_blocks() -> None:
    sample = (
        "x\n```yaml\n- say: hi\n```\n- item\n\n"
        "  ```yaml\n  # data: cues.yaml\n  cues: []\n  ```\n"
    )
    found = blocks(sample)
    assert [(b.kind, b.text) for b in found] == [
        ("steps", "- say: hi\n"),
        ("data", "# data: cues.yaml\ncues: []\n"),
    ]


def test_a_broken_example_would_be_caught() -> None:
    # the checks above must be able to fail: a misspelt key in a steps block is an error
    broken = Block("yaml", "- share:\n    promt: hi\n", 1, "")
    assert load_block(broken).errors


# --- the template ----------------------------------------------------------------------


def test_the_template_validates_with_no_problem() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    result = load_text(text, file=str(TEMPLATE), stem="new-exercise")
    assert result.problems == (), shown(result)
    exercise = result.exercise
    assert exercise is not None
    assert exercise.rounds >= 2 and exercise.description and exercise.minutes


def test_the_tutorials_finished_exercise_is_the_template() -> None:
    tutorial = GUIDE_TEXT.split("\n## Reference\n", 1)[0]
    finished = [b for b in blocks(tutorial) if b.before == TEMPLATE_MARK]
    assert len(finished) == 1
    assert finished[0].text == TEMPLATE.read_text(encoding="utf-8")


def test_coach_new_copies_the_template() -> None:
    from coach.commands import new_cmd

    assert Path(new_cmd.template_path()).resolve() == TEMPLATE.resolve()


# --- the reference covers everything -----------------------------------------------------


def test_every_action_has_a_reference_section() -> None:
    headings = set(re.findall(r"(?m)^#### (\w+)$", GUIDE_TEXT))
    assert set(STEP_TYPES) <= headings


def test_every_exercise_key_is_in_the_reference_table() -> None:
    reference = GUIDE_TEXT.split("\n## Reference\n", 1)[1]
    keys = [f.name for f in dataclasses.fields(Exercise) if "kind" in f.metadata]
    missing = [k for k in keys if f"| `{k}` |" not in reference]
    assert not missing


@pytest.mark.parametrize(
    "phrase",
    [
        "coach validate",
        "--strict",
        "--format json",
        "coach rehearse",
        "coach schema",
        "$schema=exercise.schema.json",
        "one-sided",
        "1,000 steps",
        "`20m`",
        "`box`",
        "no escapes",
        "contains",
        "beside",
    ],
)
def test_the_guide_documents(phrase: str) -> None:
    assert phrase.lower() in GUIDE_TEXT.lower()


# --- the guide stands on its own (issue 11) ----------------------------------------------


def test_the_guide_points_at_no_document_outside_the_project() -> None:
    assert "exercise-format" not in GUIDE_TEXT
    for target in re.findall(r"\]\(([^)#][^)]*)\)", GUIDE_TEXT):
        assert (GUIDE.parent / target).exists(), target


def test_every_anchor_the_guide_links_to_is_a_heading() -> None:
    def anchor(heading: str) -> str:  # the way GitHub makes an anchor from a heading
        return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")

    anchors = {anchor(h) for h in re.findall(r"(?m)^#+ (.*)$", GUIDE_TEXT)}
    for target in re.findall(r"\]\(#([^)]*)\)", GUIDE_TEXT):
        assert target in anchors, target


def tutorial_exercises() -> list[Exercise]:
    tutorial = GUIDE_TEXT.split("\n## Reference\n", 1)[0]
    out = []
    for block in blocks(tutorial):
        if block.info == "yaml" and block.kind == "exercise":
            exercise = load_block(block).exercise
            assert exercise is not None
            out.append(exercise)
    return out


def test_the_tutorial_passes_the_floor_with_swap_and_commits_together() -> None:
    from coach.format.model import Commit, Swap

    exercises = tutorial_exercises()
    assert any(isinstance(s, Swap) for e in exercises for s in e.steps)
    assert any(isinstance(s, Commit) and s.who == "together" for e in exercises for s in e.steps)


def test_the_tutorial_has_a_too_much_branch_beside_pause_at() -> None:
    # a rating with pause_at, a when/goto to a pause, then both asked whether to go on
    from coach.format.model import Ask, Goto, Pause, Rate

    def has_branch(exercise: Exercise) -> bool:
        steps = exercise.steps
        rated = any(isinstance(s, Rate) and s.pause_at is not None for s in steps)
        for step in steps:
            if isinstance(step, Goto) and step.when is not None:
                target = exercise.step_by_id(step.target)
                after = steps[target.index + 1] if target is not None else None
                if (rated and isinstance(target, Pause) and isinstance(after, Ask)
                        and after.who == "both"):
                    return True
        return False

    assert any(has_branch(e) for e in tutorial_exercises())
    tutorial = GUIDE_TEXT.split("\n## Reference\n", 1)[0]
    assert "`pause_at` and the branch work together" in tutorial


def test_the_rehearse_line_the_guide_quotes_is_what_rehearse_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    from coach.cli import main

    quoted = re.search(r"such as `(Step \d+, swap \(no answer line\): [^`]*)`", GUIDE_TEXT)
    assert quoted is not None
    swap = next(b for b in YAML_BLOCKS if b.kind == "exercise" and "- swap: true" in b.text)
    path = tmp_path / "swap.yaml"
    path.write_text(swap.text, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n\nyes\n" * 2))
    assert main(["rehearse", str(path), "--a", "Sam", "--b", "Alex", "--first", "a"]) == 0
    assert quoted[1] in capsys.readouterr().out.splitlines()


def test_the_rehearse_answer_table_lists_the_steps_that_take_no_line() -> None:
    row = next(line for line in GUIDE_TEXT.splitlines() if line.startswith("| nothing:"))
    for action in ("`swap`", "`goto`", "`end`", "skipped", "`review`"):
        assert action in row
    assert "no line at all" in row


def test_the_guide_says_where_a_current_schema_is_kept() -> None:
    assert "coach schema --install" in GUIDE_TEXT
    assert "Your own exercises folder always has a current `exercise.schema.json`" in GUIDE_TEXT


# --- the README --------------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_claims_no_count_of_exercises() -> None:
    assert not re.search(r"\b(a dozen|dozens?|\d+ (built-in )?exercises)\b", README, re.I)


def test_the_readme_set_up_makes_and_activates_a_venv_before_pip() -> None:
    make = README.index("python3 -m venv .venv")
    activate = README.index(". .venv/bin/activate")
    app = README.index("pip install -e '.[test]' && coach")
    tests = README.index("pip install -e '.[test]' && pytest")
    assert make < activate < app < tests
    assert "externally-managed-environment" in README
