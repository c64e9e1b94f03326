"""Support lines by country (``resources.yaml``), and which country's to show.

The file lists, for a few countries, lines for an emergency, domestic abuse,
crisis and suicide, and relationship counselling, each with a public source
and the date it was checked, plus general advice for everywhere else. It is
loaded like the other data files (see :mod:`coach.resources`, which registers
it); this module holds its model, the checks of each entry, and the small API
the screens use: :func:`support_info` and :func:`country_from_locale`.

Nothing here imports :mod:`coach.resources`, so that module can import this one.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import Node, SequenceNode

from coach.format.kinds import (
    INVALID,
    Choice,
    Context,
    Kind,
    PlainText,
    PlainTextList,
    Record,
    key,
)
from coach.format.yamlread import kind_name, mark

#: the kinds of line, in the order a screen shows them
KINDS = ("emergency", "domestic-abuse", "crisis", "relationship")

#: a heading for each kind of line
HEADINGS = {
    "emergency": "In an emergency",
    "domestic-abuse": "Abuse or violence at home",
    "crisis": "If you are thinking of suicide, or in crisis",
    "relationship": "Relationship counselling",
}

# ISO 3166-1 alpha-2, as listed in tzdata's iso3166.tab (public domain)
_ISO_TABLE = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_COUNTRIES = frozenset(_ISO_TABLE.split())

#: codes people write that ISO 3166 does not use, and the one it does
_NOT_ISO = {"UK": "GB", "EN": "GB"}

_PHONE = re.compile(r"[0-9+()./ -]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: a locale name: language, territory, then an optional codeset and modifier
_LOCALE = re.compile(r"([A-Za-z]{2,3})[_-]([A-Za-z]{2})(?:[.@].*)?")


# --- kinds of value ---------------------------------------------------------------


class _Scalar(Kind):
    """A one-line value checked by :meth:`check`, which returns a problem or None."""

    expected = "text"
    rule = "type"

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        scalar = self.scalar(node, ctx, name, self.expected)
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        problem = "is empty" if not text else self.check(text)
        if problem is not None:
            return ctx.error(node, f'"{name}" {problem}', self.rule)
        return self.convert(text)

    def check(self, text: str) -> str | None:
        return None

    def convert(self, text: str) -> Any:
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "\\S"}


class CountryCode(_Scalar):
    expected = "a country code"
    rule = "country"

    def check(self, text: str) -> str | None:
        code = text.upper()
        if code in _NOT_ISO:
            return f'must be an ISO 3166 country code: for "{text}" write "{_NOT_ISO[code]}"'
        if code not in ISO_COUNTRIES:
            return (
                f'must be an ISO 3166 country code of two letters, such as GB, US or DE, '
                f'not "{text}"'
            )
        return None

    def convert(self, text: str) -> Any:
        return text.upper()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[A-Za-z]{2}$"}


class _Dialled(_Scalar):
    """A number people dial or text: written bare in YAML, it reads as an integer."""

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"]}


class Phone(_Dialled):
    expected = "a phone number"

    def check(self, text: str) -> str | None:
        if not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 3:
            return f'must be a phone number (digits, spaces and + - ( ) . /), not "{text}"'
        return None


class TextMessage(_Dialled):
    """Where to send a text message: a number, and the word to send first if there is one."""

    expected = "a number to text"

    def check(self, text: str) -> str | None:
        if "\n" in text or not any(c.isdigit() for c in text):
            return f'must say the number to text, such as "START to 88788", not "{text}"'
        return None


class WebAddress(_Scalar):
    expected = "a web address"

    def check(self, text: str) -> str | None:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
            return f'must be a web address starting with https://, not "{text}"'
        return None

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^https?://[^ ]+$"}


class Email(_Scalar):
    expected = "an e-mail address"

    def check(self, text: str) -> str | None:
        return None if _EMAIL.fullmatch(text) else f'must be an e-mail address, not "{text}"'


class CheckedDate(_Scalar):
    """A real calendar date, written YYYY-MM-DD."""

    expected = "a date written YYYY-MM-DD"
    rule = "date"

    def check(self, text: str) -> str | None:
        if not _DATE.fullmatch(text):
            return f'must be a date written YYYY-MM-DD, such as 2026-11-28, not "{text}"'
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return f'must be a real date; there is no {text}'
        return None

    def convert(self, text: str) -> Any:
        return datetime.date.fromisoformat(text)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


class _CheckedRecord(Record):
    """A record, then a check of the record as a whole, reported at its mapping."""

    def __init__(self, cls: type, check: Callable[[Any], str | None]) -> None:
        super().__init__(cls)
        self.check = check

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        value = super().read(node, ctx, name)
        if value is INVALID:
            return INVALID
        problem = self.check(value)
        if problem is not None:
            return ctx.error(node, problem, "reach")
        line, column = mark(node)
        return dataclasses.replace(value, line=line, column=column)


class _Entries(Kind):
    """A list of records; ``identity`` names what must not appear twice."""

    def __init__(
        self,
        item: Kind,
        what: str,
        identity: Callable[[Any], Hashable],
        shown: Callable[[Any], str],
        *,
        allow_empty: bool = False,
    ) -> None:
        self.item, self.what, self.identity, self.shown = item, what, identity, shown
        self.allow_empty = allow_empty

    def read(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, SequenceNode):
            return ctx.error(node, f'"{name}" must be a list, not {kind_name(node)}', "type")
        if not node.value and not self.allow_empty:
            return ctx.error(node, f'"{name}" is empty', "empty-value")
        out: list[Any] = []
        first: dict[Hashable, int] = {}
        ok = True
        for child in node.value:
            item = self.item.read(child, ctx, self.what)
            if item is INVALID:
                ok = False
                continue
            identity = self.identity(item)
            if identity in first:
                message = f"{self.shown(item)} appears twice (first at line {first[identity]})"
                ctx.error(child, message, "duplicate-value")
                ok = False
                continue
            first[identity] = mark(child)[0]
            out.append(item)
        return tuple(out) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if not self.allow_empty:
            out["minItems"] = 1
        return out


class _Advice(PlainTextList):
    def read(self, node: Node, ctx: Context, name: str) -> Any:
        values = super().read(node, ctx, name)
        if values is not INVALID and not values:
            return ctx.error(node, f'"{name}" must list at least one line', "empty-value")
        return values if values is INVALID else tuple(v.strip() for v in values)


# --- the model ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SupportLine:
    """One service: how to reach it, where that is stated, and when it was checked."""

    kind: str = key(Choice(KINDS), "What the line is for: " + ", ".join(KINDS) + ".")
    name: str = key(PlainText(), "The service's name, as it calls itself.")
    phone: str | None = key(Phone(), "A phone number, written as people dial it.", None)
    text: str | None = key(
        TextMessage(), 'A number to text, with the word to send if any: "START to 88788".', None
    )
    website: str | None = key(WebAddress(), "The service's website (https://...).", None)
    email: str | None = key(Email(), "An e-mail address.", None)
    note: str | None = key(PlainText(), "A short note: who it is for, opening hours.", None)
    source: str = key(WebAddress(), "A public page (https://...) that states this entry.")
    checked: datetime.date = key(
        CheckedDate(), "The day the entry was checked against its source, YYYY-MM-DD."
    )
    line: int = 0
    column: int = 0

    @property
    def ways(self) -> tuple[tuple[str, str], ...]:
        """How to reach the line, as (how, what) pairs: ("phone", "116 123"), ..."""
        found = (("phone", self.phone), ("text", self.text), ("website", self.website),
                 ("email", self.email))
        return tuple((how, what) for how, what in found if what is not None)


def _reachable(line: SupportLine) -> str | None:
    if line.ways:
        return None
    return f'the line "{line.name}" needs a way to reach it: a phone, text, website or email'


@dataclass(frozen=True, kw_only=True)
class CountrySupport:
    country: str = key(CountryCode(), "The country: an ISO 3166 code of two letters (GB, US).")
    name: str = key(PlainText(), "The country's name, as shown.")
    lines: tuple[SupportLine, ...] = key(
        _Entries(
            _CheckedRecord(SupportLine, _reachable),
            "support line",
            identity=lambda line: (line.kind, line.name.casefold()),
            shown=lambda line: f'the {line.kind} line "{line.name}"',
        ),
        "The country's support lines.",
    )
    line: int = 0
    column: int = 0


def _no_check(value: Any) -> None:
    return None


@dataclass(frozen=True, kw_only=True)
class SupportFile:
    """The whole of ``resources.yaml``."""

    general: tuple[str, ...] = key(
        _Advice(), "Advice for everyone, shown above any lines (and alone where there are none)."
    )
    countries: tuple[CountrySupport, ...] = key(
        _Entries(
            _CheckedRecord(CountrySupport, _no_check),
            "country",
            identity=lambda entry: entry.country,
            shown=lambda entry: f'the country "{entry.country}"',
            allow_empty=True,
        ),
        "Support lines, country by country.",
        (),
    )

    def country(self, code: str) -> CountrySupport | None:
        return next((c for c in self.countries if c.country == code), None)


# --- what the screens use ------------------------------------------------------------


@dataclass(frozen=True)
class LineGroup:
    kind: str
    heading: str
    lines: tuple[SupportLine, ...]


@dataclass(frozen=True)
class SupportInfo:
    """What the resources screen shows for one country (or for none)."""

    #: the country asked for, as an upper-case code (None when none was)
    asked: str | None
    #: the country whose lines are shown, when the file has it
    country: CountrySupport | None
    #: its lines grouped by kind, in the order of :data:`KINDS`; empty groups left out
    groups: tuple[LineGroup, ...]
    #: the general advice, shown in every case
    general: tuple[str, ...]

    @property
    def has_lines(self) -> bool:
        return bool(self.groups)


def support_info(data: SupportFile, country: str | None) -> SupportInfo:
    """The lines for ``country`` (a code, any case) grouped by kind, and the general advice.

    An unknown country, or None, gives the general advice alone.
    """
    asked = normalise_country(country)
    entry = None if asked is None else data.country(asked)
    groups: tuple[LineGroup, ...] = ()
    if entry is not None:
        groups = tuple(
            LineGroup(kind, HEADINGS[kind], lines)
            for kind in KINDS
            if (lines := tuple(line for line in entry.lines if line.kind == kind))
        )
    return SupportInfo(asked, entry, groups, data.general)


def normalise_country(country: str | None) -> str | None:
    """``country`` as an upper-case ISO code, or None when it is empty or not a code."""
    if country is None:
        return None
    code = country.strip().upper()
    code = _NOT_ISO.get(code, code)
    return code if code in ISO_COUNTRIES else None


def country_from_locale(environ: Mapping[str, str]) -> str | None:
    """The country of the locale for messages: en_GB.UTF-8 gives GB; C and POSIX give None.

    The first of LC_ALL, LC_MESSAGES and LANG that is set and not empty decides,
    as POSIX says; a locale without a territory (``de``) gives None.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            break
    else:
        return None
    found = _LOCALE.fullmatch(value)
    return None if found is None else normalise_country(found.group(2))


def chosen_country(setting: str | None, environ: Mapping[str, str]) -> str | None:
    """The country to show: the one chosen in settings, else the locale's.

    ``setting`` None means "not chosen" (follow the locale); an empty string
    means the partners chose to see the general advice only.
    """
    if setting is None:
        return country_from_locale(environ)
    return normalise_country(setting)
