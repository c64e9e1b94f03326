"""Checks over the flow of steps: unreachable steps, loops with no answer, order warnings.

Each round is walked on its own, with every `when` decided as far as the file
alone decides it: ``1 == 2`` is never true, ``round == 3`` is never true in a
two-round exercise, ``round == 1`` is true in round 1 and false after it.
Anything else (an answer, who holds the floor) may be either.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

from coach.format.conditions import Condition
from coach.format.kinds import Context
from coach.format.model import (
    Ask,
    End,
    Goto,
    NameEmotion,
    Reflect,
    Review,
    Share,
    Step,
    Swap,
    Validate,
)

#: successor index meaning "the end of the round"
ROUND_END = -1
#: variables a swap changes without anyone answering
FLOOR_VARIABLES = frozenset({"speaker", "listener"})

#: what the file decides about one step's `when` in one round: True (it runs when
#: reached: no `when`, or one that is true), False (always skipped), None (either)
Decided = bool | None


@dataclass(frozen=True)
class Rounds:
    """Rounds that behave alike: the first of them, how many, and each step's `when`."""

    first: int
    count: int
    when: tuple[Decided, ...]


def round_groups(steps: tuple[Step, ...], rounds: int) -> list[Rounds]:
    """Consecutive rounds grouped by how their `when`s decide, in order.

    A comparison of `round` with a number n changes its value only at n, so the
    rounds next to each such n, and the first and last, stand for all the others.
    """
    marks = {1, rounds}
    reads_round = False
    for step in steps:
        if step.when is not None:
            for n in step.when.round_numbers():
                reads_round = True
                if math.isfinite(n):  # 400 nines read as a float are infinite
                    marks.update(m for m in (int(n) - 1, int(n), int(n) + 1) if 1 <= m <= rounds)
    if not reads_round:  # the usual file: every round alike
        return [Rounds(1, rounds, tuple(_decide(step.when, 1) for step in steps))]
    ordered = sorted(marks)
    groups: list[Rounds] = []
    for position, first in enumerate(ordered):
        spans = [(first, 1)]
        following = ordered[position + 1] if position + 1 < len(ordered) else rounds + 1
        if following - first > 1:
            spans.append((first + 1, following - first - 1))
        for start, count in spans:
            when = tuple(_decide(step.when, start) for step in steps)
            if groups and groups[-1].when == when:
                last = groups[-1]
                groups[-1] = Rounds(last.first, last.count + count, when)
            else:
                groups.append(Rounds(start, count, when))
    return groups


def _decide(when: Condition | None, round_number: int) -> Decided:
    return True if when is None else when.decide({"round": round_number})


def successors(
    steps: tuple[Step, ...], index: int, ids: dict[str, int], when: tuple[Decided, ...]
) -> list[int]:
    """Where the flow can go after ``steps[index]`` is reached in a round."""
    step = steps[index]
    after = index + 1 if index + 1 < len(steps) else ROUND_END
    decided = when[index]
    if decided is False:  # skipped: on to the next step
        return [after]
    out: list[int] = []
    falls_through = decided is None
    if isinstance(step, Goto):
        out.append(ids[step.target])
    elif isinstance(step, End):
        pass
    elif isinstance(step, Ask) and step.options:
        targets = [ids[o.goto] for o in step.options if o.goto is not None]
        out.extend(targets)
        falls_through = falls_through or len(targets) < len(step.options)
    else:
        falls_through = True
    if falls_through:
        out.append(after)
    return out


def check_flow(steps: tuple[Step, ...], ctx: Context, rounds: int = 1) -> None:
    ids = {step.id: step.index for step in steps if step.id is not None}
    groups = round_groups(steps, rounds)
    graphs = [
        {step.index: successors(steps, step.index, ids, g.when) for step in steps} for g in groups
    ]
    _check_loops(steps, ids, groups, ctx)
    _check_reachable(steps, groups, graphs, rounds, ctx)
    actions = {type(step) for step in steps}
    if Reflect in actions:
        _warn_reflect_before_share(steps, groups, graphs, ctx)
    if Validate in actions:
        _warn_validate_before_emotion(steps, groups, graphs, ctx)


# --- unreachable steps --------------------------------------------------------------


def _visit(graph: dict[int, list[int]]) -> set[int]:
    seen = {0}
    queue = deque([0])
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt != ROUND_END and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _check_reachable(
    steps: tuple[Step, ...],
    groups: list[Rounds],
    graphs: list[dict[int, list[int]]],
    rounds: int,
    ctx: Context,
) -> None:
    reached: set[int] = set()  # reached in some round
    shown: set[int] = set()  # reached with a `when` that may be true
    for group, graph in zip(groups, graphs, strict=True):
        for index in _visit(graph):
            reached.add(index)
            if group.when[index] is not False:
                shown.add(index)
    for step in steps:
        if step.index in shown:
            continue
        message = f"step {step.index + 1} ({step.ACTION}) can never be reached"
        if step.index in reached and step.when is not None:
            message += f": its when ({step.when.source}) is never true"
            if "round" in {v.name for v in step.when.variables()}:
                message += " in an exercise of 1 round" if rounds == 1 else (
                    f" in an exercise of {rounds} rounds"
                )
        ctx.rep.warning_at((step.line, step.column), message, "unreachable")


# --- order warnings -----------------------------------------------------------------

#: on a path through a round: True once the step that opens the way certainly ran, else
#: the shapes of the `when`s under which one ran (an empty set: none ran)
Opened = bool | frozenset[Hashable]
NOTHING: frozenset[Hashable] = frozenset()


def _walk(
    steps: tuple[Step, ...],
    graph: dict[int, list[int]],
    starts: set[Opened],
    through: Callable[[int, Opened], Opened],
) -> Iterator[tuple[int, Opened] | tuple[None, Opened]]:
    """Each (step, what was opened before it) a path through one round can meet, and
    (None, opened) for each way the round can end."""
    queue = deque((0, start) for start in starts)
    seen = set(queue)
    while queue:
        index, opened = queue.popleft()
        yield index, opened
        after = through(index, opened)
        for nxt in graph[index]:
            if nxt == ROUND_END:
                yield None, after
                continue
            state = (nxt, after)
            if state not in seen:
                seen.add(state)
                queue.append(state)


def _warn_reflect_before_share(
    steps: tuple[Step, ...],
    groups: list[Rounds],
    graphs: list[dict[int, list[int]]],
    ctx: Context,
) -> None:
    """A reflect that a path through a round reaches before any share that may run in it.

    A share whose `when` may be true opens the way: the spec asks about order, and an
    author who guards the share knows what they wrote. One that never runs in the round
    does not.
    """
    warned: set[int] = set()
    for group, graph in zip(groups, graphs, strict=True):

        def through(index: int, opened: Opened, when: tuple[Decided, ...] = group.when) -> Opened:
            return opened is True or (isinstance(steps[index], Share) and when[index] is not False)

        for index, opened in _walk(steps, graph, {False}, through):
            if index is None or index in warned or opened is True:
                continue
            if isinstance(steps[index], Reflect) and group.when[index] is not False:
                warned.add(index)
                where = "" if group.first == 1 else f"in round {group.first}, "
                step = steps[index]
                ctx.rep.warning_at(
                    (step.line, step.column),
                    f"{where}a reflect step comes before any share in its round: there is "
                    "nothing to reflect yet",
                    "reflect-before-share",
                )


def _warn_validate_before_emotion(
    steps: tuple[Step, ...],
    groups: list[Rounds],
    graphs: list[dict[int, list[int]]],
    ctx: Context,
) -> None:
    """A validate that a path reaches before an emotion was certainly named.

    Emotions named in one round still count in the next (the default starter uses the
    most recently named). A name_emotion that may be skipped counts only for a validate
    under the same `when`: otherwise its starter names no feeling.
    """
    warned: set[int] = set()
    starts: set[Opened] = {NOTHING}
    for group, graph in zip(groups, graphs, strict=True):

        def through(index: int, opened: Opened, when: tuple[Decided, ...] = group.when) -> Opened:
            step = steps[index]
            if opened is True or not isinstance(step, NameEmotion) or when[index] is False:
                return opened
            if when[index] is True:
                return True
            assert step.when is not None and isinstance(opened, frozenset)
            return opened | {step.when.shape}

        # rounds that behave alike are walked until the ways a round can start repeat
        met: set[frozenset[Opened]] = set()
        for _ in range(group.count):
            if frozenset(starts) in met or starts <= {True}:  # nothing new to find
                break
            met.add(frozenset(starts))
            ends: set[Opened] = set()
            for index, opened in _walk(steps, graph, starts, through):
                if index is None:
                    ends.add(opened)
                elif index not in warned and _validate_unopened(steps, index, opened, group):
                    warned.add(index)
                    _warn_validate(steps[index], opened, ctx)
            starts = ends


def _validate_unopened(steps: tuple[Step, ...], index: int, opened: Opened, group: Rounds) -> bool:
    step = steps[index]
    if not isinstance(step, Validate) or group.when[index] is False or opened is True:
        return False
    assert isinstance(opened, frozenset)
    # the idiom `name_emotion` and `validate` under one `when`: both run, or neither
    return not (group.when[index] is None and step.when is not None and step.when.shape in opened)


def _warn_validate(step: Step, opened: Opened, ctx: Context) -> None:
    if opened:
        message = (
            "a validate step may come before any emotion was named: the name_emotion before "
            "it may be skipped (its when may be false), and then the starter names no "
            'feeling ("It makes sense that you feel this way because …"); give both '
            "steps the same when, or name the emotion without one"
        )
    else:
        message = (
            "a validate step comes before any emotion was named (add a name_emotion step first)"
        )
    ctx.rep.warning_at((step.line, step.column), message, "validate-before-emotion")


# --- loops with no answer -----------------------------------------------------------


def _spin_successors(
    steps: tuple[Step, ...], index: int, ids: dict[str, int], when: tuple[Decided, ...]
) -> list[int] | None:
    """Where the flow can go from ``steps[index]`` while nobody answers; None if it always waits.

    While nobody answers, no variable changes except who holds the floor (a swap), so a
    loop that can be entered this way goes round for ever. A step with a `when` may be
    skipped, a review with nothing due passes by itself, and a goto with a `when` may
    jump or not. A swap is not an answer.
    """
    step = steps[index]
    after = [index + 1] if index + 1 < len(steps) else []
    decided = when[index]
    if decided is False:
        return after
    if isinstance(step, Goto):
        return [ids[step.target], *after] if decided is None else [ids[step.target]]
    if isinstance(step, End):
        return after if decided is None else []
    if not step.WAITS or decided is None or isinstance(step, Review):
        return after
    return None


def _check_loops(
    steps: tuple[Step, ...], ids: dict[str, int], groups: list[Rounds], ctx: Context
) -> None:
    """Refuse a loop that can go round without anyone answering (``id: x`` then ``goto: x``)."""
    reported: set[frozenset[int]] = set()
    for group in groups:
        graph = {
            i: nxt
            for i in range(len(steps))
            if (nxt := _spin_successors(steps, i, ids, group.when)) is not None
        }
        for index in graph:
            if _guarded(steps, index, ids, graph, group.when):
                graph[index] = [n for n in graph[index] if n != ids[steps[index].target]]  # type: ignore[attr-defined]
        for closing, loop in _cycles(graph):
            if frozenset(loop) in reported:
                continue
            reported.add(frozenset(loop))
            _report_loop(steps[closing], [steps[i] for i in sorted(loop)], group, ctx)


def _cycles(graph: dict[int, list[int]]) -> Iterator[tuple[int, list[int]]]:
    """(the step that closes it, the steps in it) for each cycle a depth-first walk meets."""
    state: dict[int, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if start in state:
            continue
        stack = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            for nxt in children:
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    yield node, path[path.index(nxt) :]
                    continue
                if nxt not in state:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, iter(graph[nxt])))
                    break
            else:
                state[node] = 2
                stack.pop()
                path.pop()


def _guarded(
    steps: tuple[Step, ...],
    index: int,
    ids: dict[str, int],
    graph: dict[int, list[int]],
    when: tuple[Decided, ...],
) -> bool:
    """True when the jump of the goto ``steps[index]`` always leads to a step that waits.

    The idiom `- say: … / when: c` … `- goto: x / when: c`: when the goto jumps, c
    holds, and it still holds at the say (nothing changes while nobody answers), so
    every way from x back to the goto passes a shown say. Judged for this goto's own
    jump, not for any goto of the loop: a second goto under another condition is a
    way round of its own. Conditions are compared parsed, not as written. A `when` on
    the speaker or listener is no guard when a swap lies on a way back, and a `when`
    on the round is decided per round before this (a goto stays in its round).
    """
    goto = steps[index]
    if not isinstance(goto, Goto) or goto.when is None or when[index] is not None:
        return False
    shape = goto.when.shape
    shown = {
        i
        for i in graph
        if (s := steps[i]).WAITS
        and not isinstance(s, Review)
        and s.when is not None
        and when[i] is None
        and s.when.shape == shape
    }
    if not shown:
        return False
    # every way from the target back to the goto, avoiding the guarded steps that wait
    seen: set[int] = set()
    stack = [ids[goto.target]]
    floor = bool(FLOOR_VARIABLES & {v.name for v in goto.when.variables()})
    while stack:
        node = stack.pop()
        if node == index:
            return False
        if node in seen or node in shown or node not in graph:
            continue
        if floor and isinstance(steps[node], Swap):
            return False  # the swap may turn c false before the step that waits
        seen.add(node)
        stack.extend(n for n in graph[node] if n != ROUND_END)
    return True


def _report_loop(closing: Step, loop: list[Step], group: Rounds, ctx: Context) -> None:
    numbers = ", ".join(str(step.index + 1) for step in loop)
    which = f"steps {numbers} make" if len(loop) > 1 else f"step {numbers} makes"
    why = []
    if any(step.WAITS and group.when[step.index] is None for step in loop):
        why.append("a step with a when may be skipped")
    if any(isinstance(step, Review) for step in loop):
        why.append("a review with nothing due passes by itself")
    if any(isinstance(step, Swap) for step in loop):
        why.append("a swap passes the floor but is no answer")
    because = f" ({'; '.join(why)})" if why else ""
    where = "" if group.first == 1 else f" in round {group.first}"
    ctx.rep.error_at(
        (closing.line, closing.column),
        f"{which} a loop that can go round without anyone answering{where}{because}; "
        "put a step inside it that always waits for the partners",
        "no-answer-loop",
    )
