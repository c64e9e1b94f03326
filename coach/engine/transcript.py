"""The transcript of a session, rebuilt from its events alone.

Plain lines, no markup: ``coach rehearse`` prints them, a screen reader reads
them, and the records screen can show them. An answer that was taken back
disappears with everything it caused, and a line says that it was taken back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coach.engine.events import Event
from coach.engine.text import format_seconds, join_words, value_text

VERDICT_WORDS = {
    "yes": "yes, that fits",
    "partly": "partly",
    "no": "no, not yet",
    "more": "there is more",
}
#: events whose lines stay when an earlier answer is taken back (they really happened)
KEPT_ON_UNDO = frozenset(
    {"break_taken", "break_extended", "break_rated", "break_ready", "break_ended",
     "answer_undone"}
)


def _note(data: Mapping[str, Any]) -> str:
    note = data.get("note")
    return f' Note: "{note}"' if note else ""


def _answer_line(data: Mapping[str, Any]) -> str:
    stage, name = data["stage"], data["name"]
    answer = data["answer"]
    match stage:
        case "say":
            return f"{name} went on."
        case "share":
            return f"{name} shared.{_note(data)}"
        case "reflect":
            result = " (no confirmation asked)" if data.get("result") == "reflected" else ""
            return f"{name} reflected, try {data['tries']}{result}.{_note(data)}"
        case "confirm" if answer["kind"] == "verdict":
            line = f"{name}: {VERDICT_WORDS.get(answer['verdict'], answer['verdict'])}."
            if data.get("result") == "not_confirmed":
                tries = data["tries"]
                line += f" Not confirmed after {tries} {'try' if tries == 1 else 'tries'}."
            return line
        case "clarify":
            return f"{name} clarified.{_note(data)}"
        case "add":
            return f"{name} added more.{_note(data)}"
        case "guess":
            return f"{name} guessed: {join_words(data['words'])}."
        case "confirm":
            words = join_words(data["words"])
            if data.get("result") == "confirmed":
                return f"{name} confirmed: {words}."
            return f"{name} named it: {words} (the guess was {join_words(data['guess'])})."
        case "validate":
            return f"{name} validated.{_note(data)}"
        case "ask" | "rate":
            goto = f" (on to {data['goto']})" if data.get("goto") else ""
            return f"{name}: {value_text(data['value'])}{goto}"
        case "pause":
            return f"{name} is ready."
        case "commit":
            return f'{name} committed: "{data["value"]}"'
        case "draft":
            return f'{name} wrote a shared commitment: "{data["value"]}"'
        case "agree" if data.get("result") == "rewrite":
            return f"{name} chose to change the wording."
        case "agree":
            return f'{name} committed together: "{data["value"]}"'
        case "review":
            return f'{name}: {answer["outcome"]} for "{data["text"]}".{_note(data)}'
        case "first_speaker":
            return f"{data['value']} speaks first."
    return f"{name} answered."


def _event_lines(event: Event) -> list[str]:
    data = event.data
    match event.kind:
        case "session_started":
            names = data["names"]
            return [f"Transcript: {data['title']}", f"Partners: {names['a']} and {names['b']}."]
        case "round_started":
            return [f"Round {event.round}: {data['name']} holds the floor."]
        case "step_shown":
            assert event.step is not None
            text = f": {data['text']}" if data["text"] else ""
            return [f"Step {event.step + 1}, {data['action']}{text}"]
        case "step_passed":
            assert event.step is not None
            return [f"Step {event.step + 1}, {data['action']}: {data['text']}"]
        case "floor_passed":
            return [f"The floor passes to {data['name']}."]
        case "answer_given":
            return ["  " + _answer_line(data)]
        case "break_offered":
            return ["  A break was offered."]
        case "break_taken":
            reason = f": {data['reason']}" if data["reason"] else ""
            length = f" of {format_seconds(data['length'])}" if data.get("length") else ""
            return [f"{data['name']} asked for a break{length}{reason}."]
        case "break_extended":
            by = f" by {data['name']}" if data.get("name") else ""
            return [f"The break was extended{by} by {format_seconds(data['added'])}, "
                    f"to {format_seconds(data['total'])} in all."]
        case "break_rated":
            return [f"  {data['name']}: {data['value']} of 10, how stirred up."]
        case "break_ended":
            early = ", before the agreed time" if data.get("early") else ""
            return [f"The break ended after {format_seconds(data['lasted'])}{early}; "
                    "both were ready."]
        case "answer_undone":
            return ["  (The last answer was taken back.)"]
        case "session_ended":
            lines = {
                "completed": ["The exercise is complete."],
                "end_step": ["The exercise ended."],
                # the neutral text the partners saw says it all; nothing says why
                "not_ready": [],
                "stuck": [f"The session stopped: {data.get('error')}"],
            }.get(data["reason"], ["The session ended."])
            if data.get("text"):
                lines.insert(0, data["text"])
            return lines
    return []


def transcript_lines(events: Iterable[Event]) -> list[str]:
    lines: list[tuple[int, str, str]] = []  # (seq, kind, line)
    for event in events:
        if event.kind == "answer_undone":
            start = event.data["undone"]
            lines = [item for item in lines if item[0] < start or item[1] in KEPT_ON_UNDO]
        lines += [(event.seq, event.kind, line) for line in _event_lines(event)]
    return [line for _, _, line in lines]
