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


def test_the_tutorial_ends_with_the_template() -> None:
    tutorial = GUIDE_TEXT.split("\n## Reference\n", 1)[0]
    last = [b for b in blocks(tutorial) if b.info == "yaml"][-1]
    assert last.before == TEMPLATE_MARK
    assert last.text == TEMPLATE.read_text(encoding="utf-8")


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
