"""Checks over the flow of steps: unreachable steps, loops with no answer, order warnings."""

from __future__ import annotations

from collections import deque

from coach.format.kinds import Context
from coach.format.model import Ask, End, Goto, NameEmotion, Reflect, Review, Share, Step, Validate

#: successor index meaning "the end of the round"
ROUND_END = -1


def successors(steps: tuple[Step, ...], index: int, ids: dict[str, int]) -> list[int]:
    """Where the flow can go after ``steps[index]``, conditions taken as either true or false."""
    step = steps[index]
    after = index + 1 if index + 1 < len(steps) else ROUND_END
    out: list[int] = []
    falls_through = True
    if isinstance(step, Goto):
        out.append(ids[step.target])
        falls_through = step.when is not None
    elif isinstance(step, End):
        falls_through = step.when is not None
    elif isinstance(step, Ask) and step.options:
        targets = [ids[o.goto] for o in step.options if o.goto is not None]
        out.extend(targets)
        falls_through = len(targets) < len(step.options) or step.when is not None
    if falls_through:
        out.append(after)
    return out


def check_flow(steps: tuple[Step, ...], ctx: Context) -> None:
    ids = {step.id: step.index for step in steps if step.id is not None}
    graph = {step.index: successors(steps, step.index, ids) for step in steps}
    _check_loops(steps, ids, ctx)
    reachable = _reach(graph)
    for step in steps:
        if step.index not in reachable:
            ctx.rep.warning_at(
                (step.line, step.column),
                f"step {step.index + 1} ({step.ACTION}) can never be reached",
                "unreachable",
            )
    _warn_before(
        steps,
        graph,
        Share,
        Reflect,
        ctx,
        "a reflect step comes before any share in its round: there is nothing to reflect yet",
        "reflect-before-share",
    )
    _warn_before(
        steps,
        graph,
        NameEmotion,
        Validate,
        ctx,
        "a validate step comes before any emotion was named (add a name_emotion step first)",
        "validate-before-emotion",
    )


def _reach(graph: dict[int, list[int]]) -> set[int]:
    seen = {0}
    queue = deque([0])
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt != ROUND_END and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _warn_before(
    steps: tuple[Step, ...],
    graph: dict[int, list[int]],
    opens: type[Step],
    kind: type[Step],
    ctx: Context,
    message: str,
    rule: str,
) -> None:
    """Warn at each ``kind`` step reachable along a path with no step that ``opens``."""
    start = (0, isinstance(steps[0], opens))
    seen = {start}
    queue = deque([start])
    warned: set[int] = set()
    while queue:
        index, opened = queue.popleft()
        step = steps[index]
        if isinstance(step, kind) and not opened and index not in warned:
            warned.add(index)
            ctx.rep.warning_at((step.line, step.column), message, rule)
        for nxt in graph[index]:
            if nxt == ROUND_END:
                continue
            state = (nxt, opened or isinstance(steps[nxt], opens))
            if state not in seen:
                seen.add(state)
                queue.append(state)


def _spin_successors(steps: tuple[Step, ...], index: int, ids: dict[str, int]) -> list[int] | None:
    """Where the flow can go from ``steps[index]`` while nobody answers; None if it always waits.

    While nobody answers, no variable changes, so a loop that can be entered
    this way goes round for ever. A step with a `when` may be skipped, a
    review with nothing due passes by itself, and a goto with a `when` may
    jump or not.
    """
    step = steps[index]
    after = [index + 1] if index + 1 < len(steps) else []
    if isinstance(step, Goto):
        return [ids[step.target], *after] if step.when is not None else [ids[step.target]]
    if isinstance(step, End):
        return after if step.when is not None else []
    if not step.WAITS or step.when is not None or isinstance(step, Review):
        return after
    return None


def _check_loops(steps: tuple[Step, ...], ids: dict[str, int], ctx: Context) -> None:
    """Refuse a loop that can go round without anyone answering (``id: x`` then ``goto: x``)."""
    graph = {
        i: nxt for i in range(len(steps)) if (nxt := _spin_successors(steps, i, ids)) is not None
    }
    state: dict[int, int] = {}  # 1 on the current path, 2 done
    reported: set[frozenset[int]] = set()

    def visit(start: int) -> None:
        stack = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            for nxt in children:
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    loop = path[path.index(nxt) :]
                    if frozenset(loop) not in reported and not _guarded(steps, loop):
                        reported.add(frozenset(loop))
                        _report_loop(steps[node], [steps[i] for i in sorted(loop)], ctx)
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

    for index in sorted(graph):
        if index not in state:
            visit(index)


def _guarded(steps: tuple[Step, ...], loop: list[int]) -> bool:
    """True when a goto in the loop jumps only under the same `when` as a step that waits in it.

    The idiom `- say: … / when: c` … `- goto: x / when: c`: whenever the goto
    jumps, the say is shown, so the loop always waits for an answer.
    """
    waits = {
        _words(s.when.source)
        for i in loop
        if (s := steps[i]).WAITS and s.when is not None and not isinstance(s, Review)
    }
    return any(
        isinstance(s, Goto) and s.when is not None and _words(s.when.source) in waits
        for i in loop
        if (s := steps[i])
    )


def _words(source: str) -> str:
    return " ".join(source.split())


def _report_loop(closing: Step, loop: list[Step], ctx: Context) -> None:
    numbers = ", ".join(str(step.index + 1) for step in loop)
    which = f"steps {numbers} make" if len(loop) > 1 else f"step {numbers} makes"
    why = []
    if any(step.WAITS and step.when is not None for step in loop):
        why.append("a step with a when may be skipped")
    if any(isinstance(step, Review) for step in loop):
        why.append("a review with nothing due passes by itself")
    because = f" ({'; '.join(why)})" if why else ""
    ctx.rep.error_at(
        (closing.line, closing.column),
        f"{which} a loop that can go round without anyone answering{because}; "
        "put a step inside it that always waits for the partners",
        "no-answer-loop",
    )
