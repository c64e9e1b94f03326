"""Benchmark: loading and validating a library of 1,000 exercise files.

Generates 1,000 realistic exercises (20-40 steps each) in a temporary folder,
then times, in the same run:

* the floor: PyYAML's C loader alone (``yaml.load(..., CSafeLoader)``) on every file;
* coach: ``coach.format.load_file`` on every file (read, compose, check, build).

Goal: coach takes at most 2x the floor. Prints both, the ratio, and whether
the goal is met. Run: ``python scripts/bench_library.py [--files N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from coach.format.loader import load_file

GOAL = 2.0

SAYS = [
    "Welcome, {a} and {b}. Sit somewhere you can both see the screen.",
    "Take a breath together before you start.",
    "Thank you both. Notice one thing your partner did well today.",
]
SHARES = [
    "{speaker}, describe {topic} from this week, in a few sentences.",
    "{speaker}, say what you needed in that moment.",
    "{speaker}, tell {listener} one thing that helped.",
]
STARTERS = ["I felt …", "What I needed was …", "When that happened, I …"]


def exercise_text(rng: random.Random, number: int) -> str:
    lines = [
        "# yaml-language-server: $schema=exercise.schema.json",
        "version: 1",
        f"id: bench-{number:04d}",
        f"title: Practice round {number}",
        "summary: One partner shares a moment; the other reflects, names and validates.",
        "description: |",
        "  Use this when you both have some energy left. Keep each turn short.",
        "  Stop and take a break whenever either of you needs one.",
        f"tags: [listening, practice, set-{number % 7}]",
        f"minutes: {rng.randint(10, 40)}",
        "rounds: 2",
        "first_speaker: ask",
        "pause:",
        "  length: 20m",
        "  breathing: box",
        "  suggest_after: 5m",
        "vars:",
        "  topic: a small moment",
        "  calm: 0",
        "steps:",
        "  - say: Welcome, {a} and {b}.",
        "  - id: start",
        f'    share: "{rng.choice(SHARES)}"',
        "    starters:",
        *[f"      - {s}" for s in STARTERS],
        '  - reflect: "{listener}, say back what you heard."',
    ]
    target = rng.randint(20, 40) - 4
    count = 0
    while count < target:
        kind = rng.randrange(8)
        if kind == 0:
            lines += ["  - name_emotion:", "      max: 2", "  - validate:"]
            count += 2
        elif kind == 1:
            lines += [
                "  - rate: How calm do you feel, 0 to 10?",
                "    save_as: calm",
                "    pause_at: 8",
                "    labels: {0: very calm, 10: flooded}",
            ]
            count += 1
        elif kind == 2:
            lines += [
                "  - ask: Is there more you want to say?",
                "    options:",
                "      - Yes",
                "      - label: No",
                "        set: {done: finished}",
                "    save_as: more",
                '  - say: "{listener}, thank {speaker} for sharing."',
                '    when: more == "Yes" and calm < 8',
            ]
            count += 2
        elif kind == 3:
            lines += ["  - swap: true", f'  - share: "{rng.choice(SHARES)}"', "    notes: optional"]
            count += 2
        elif kind == 4:
            lines += ["  - pause:", "      length: 2m", "      message: Breathe slowly together."]
            count += 1
        elif kind == 5:
            lines += [
                '  - commit: "{speaker}, one small thing you will do this week."',
                "    review_in: 7d",
            ]
            count += 1
        elif kind == 6:
            lines += [f'  - say: "{rng.choice(SAYS)}"', "    time_limit: 3m"]
            count += 1
        else:
            lines += [
                "  - reflect:",
                '      prompt: "{listener}, try once more."',
                "      max_tries: 2",
            ]
            count += 1
    lines += ["  - end: Thank you both for your patience tonight."]
    return "\n".join(lines) + "\n"


def best_of(repeat: int, work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="take the best of R runs")
    args = parser.parse_args()
    rng = random.Random(20261127)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for number in range(args.files):
            path = Path(tmp) / f"bench-{number:04d}.yaml"
            path.write_text(exercise_text(rng, number), encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths)

        def floor() -> None:
            for path in paths:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        bad: list[str] = []

        def coach() -> None:
            bad.clear()
            for path in paths:
                result = load_file(path)
                if result.problems:
                    bad.append(str(result.problems[0]))

        coach()
        if bad:
            print("generated files have problems, fix the generator:", *bad[:3], sep="\n")
            return 1
        t_floor = best_of(args.repeat, floor)
        t_coach = best_of(args.repeat, coach)
    ratio = t_coach / t_floor
    print(f"{args.files} files, {size / 1024:.0f} KiB, best of {args.repeat}")
    for label, seconds in (
        ("PyYAML CSafeLoader alone", t_floor),
        ("coach load + validate", t_coach),
    ):
        per_file = seconds / args.files * 1e6
        print(f"  {label:<24} : {seconds * 1000:8.1f} ms  ({per_file:.0f} µs/file)")
    verdict = "meets" if ratio <= GOAL else "MISSES"
    print(f"  ratio {ratio:.2f}x — {verdict} the goal of at most {GOAL:.0f}x")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
