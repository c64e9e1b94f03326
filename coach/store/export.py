"""Sessions as a counsellor reads them (Markdown) and as data (JSON, every event).

Also what ``coach show`` prints: one place decides what a session's record is.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from coach.engine.events import Event
from coach.engine.ledger import Commitment
from coach.engine.text import format_seconds
from coach.engine.transcript import transcript_lines
from coach.store.ledger import commitment_json, commitment_rows
from coach.store.store import Draft, SessionSummary, Store

EXPORT_FORMAT = "coach-export"
EXPORT_VERSION = 1
STATUS_WORDS = {"open": "open", "kept": "kept", "partly": "partly kept", "missed": "missed",
                "renegotiate": "renegotiated"}


@dataclass(frozen=True)
class SessionRecord:
    summary: SessionSummary
    events: list[Event]
    ratings: list[dict[str, Any]]
    commitments: list[Commitment]
    draft: Draft | None

    @property
    def transcript(self) -> list[str]:
        return transcript_lines(self.events)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.summary.to_json(),
            "transcript": self.transcript,
            "events": [e.to_json() for e in self.events],
            "ratings": self.ratings,
            "commitments": [commitment_json(c) for c in self.commitments],
            "draft": None if self.draft is None else {
                "step": self.draft.step, "stage": self.draft.stage, "text": self.draft.text},
        }


def records(store: Store, session_ids: Iterable[int]) -> Iterator[SessionRecord]:
    made: dict[int | None, list[Commitment]] = {}
    for session, item in commitment_rows(store):
        made.setdefault(session, []).append(item)
    for session_id in session_ids:
        yield SessionRecord(store.summary(session_id), store.events(session_id),
                            store.ratings(session_id), made.get(session_id, []),
                            store.draft(session_id))


def when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


def day(at: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(at))


def ended_words(summary: SessionSummary) -> str:
    if not summary.finished:
        return "unfinished (it can be resumed)"
    return {"completed": "finished", "end_step": "finished", "not_ready": "not started",
            "stuck": "stopped by a problem", "stopped": "stopped early"}.get(
        summary.end_reason or "", "finished")


def header_lines(summary: SessionSummary) -> list[str]:
    breaks = {0: "no breaks", 1: "1 break"}.get(summary.breaks, f"{summary.breaks} breaks")
    return [
        f"Session {summary.id}: {summary.title} ({summary.exercise})",
        f"{when(summary.started_at)}, {summary.name_a} and {summary.name_b}, "
        f"{format_seconds(summary.length)}, {breaks}, {ended_words(summary)}.",
    ]


def commitment_line(item: Commitment) -> str:
    status = STATUS_WORDS.get(item.status, item.status)
    line = f'{item.name}: "{item.text}" (made {day(item.made_at)}, review {day(item.due_at)}: ' \
           f"{status})"
    notes = [f"{r.outcome}: {r.note}" for r in item.reviews if r.note]
    return line + ("; " + "; ".join(notes) if notes else "")


def text_lines(record: SessionRecord) -> list[str]:
    """What ``coach show`` prints."""
    lines = [*header_lines(record.summary), "", *record.transcript]
    if record.ratings:
        lines += ["", "Ratings:"]
        lines += [f"  {r['name']}: {r['value']} ({r['question']})" for r in record.ratings]
    if record.commitments:
        lines += ["", "Commitments made:"]
        lines += [f"  {commitment_line(c)}" for c in record.commitments]
    if record.draft is not None and record.draft.text:
        lines += ["", f'A note was being typed: "{record.draft.text}"']
    return lines


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """Partners' words shown as written, never as Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(records: Iterable[SessionRecord], ledger: Iterable[Commitment] = (),
             exported_at: float | None = None) -> Iterator[str]:
    """Markdown fit to bring to a counsellor, a chunk at a time."""
    yield "# coach: session records\n\n"
    yield f"Exported {when(exported_at or time.time())}. Private: it holds what you both said.\n"
    for record in records:
        summary = record.summary
        title, line = header_lines(summary)
        out = [f"\n## {md(title)}\n\n{md(line)}\n\n"]
        for text in record.transcript:
            indent = "    " if text.startswith("  ") else ""
            out.append(f"{indent}- {md(text.strip())}\n")
        if record.ratings:
            out.append("\n**Ratings**\n\n| who | rating | question |\n|---|---|---|\n")
            out += [f"| {md(r['name'] or '')} | {r['value']} | {md(r['question'])} |\n"
                    for r in record.ratings]
        if record.commitments:
            out.append("\n**Commitments made**\n\n")
            out += [f"- {md(commitment_line(c))}\n" for c in record.commitments]
        yield "".join(out)
    items = list(ledger)
    if items:
        yield "\n## Commitments and how they went\n\n"
        for item in items:
            yield f"- {md(commitment_line(item))}\n"


def export_json(records: Iterable[SessionRecord], ledger: Iterable[Commitment] = (),
                exported_at: float | None = None) -> Iterator[str]:
    """The JSON document a chunk at a time: one session per line, so ten thousand of
    them never sit in memory at once (and the C encoder does the work)."""
    head = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
            "exported_at": exported_at or time.time()}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "sessions": [\n'
    for n, record in enumerate(records):
        yield ("," if n else "") + json.dumps(record.to_json(), ensure_ascii=False) + "\n"
    commitments = json.dumps([commitment_json(c) for c in ledger], ensure_ascii=False)
    yield f'], "commitments": {commitments}}}\n'
