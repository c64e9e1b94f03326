"""Support lines: the shipped file is sourced and valid, a broken user file falls back,
the country comes from the settings or the locale, and an unknown one gets the advice."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import paths, resources, support_lines
from coach.format.problems import Problem
from coach.support_lines import (
    KINDS,
    SupportFile,
    chosen_country,
    country_from_locale,
    normalise_country,
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resources.clear_cache()


def shipped() -> SupportFile:
    value, problems = resources.read_data_file(
        resources.RESOURCES, resources.builtin_path(resources.RESOURCES)
    )
    assert problems == ()
    assert isinstance(value, SupportFile)
    return value


def parse(text: str) -> tuple[SupportFile | None, list[Problem]]:
    value, problems = resources.parse_data_text(
        resources.RESOURCES, textwrap.dedent(text), "user/resources.yaml"
    )
    return value, list(problems)


def refused(text: str) -> Problem:
    value, problems = parse(text)
    assert value is None, "expected the file to be refused"
    [problem] = problems
    return problem


#: a valid file to vary in the refusal tests
GOOD = """\
general:
  - Call your local emergency number.
countries:
  - country: GB
    name: United Kingdom
    lines:
      - kind: crisis
        name: Samaritans
        phone: 116 123
        source: https://www.samaritans.org/
        checked: 2026-11-28
"""


# --- the shipped file -------------------------------------------------------------------


def test_the_shipped_file_loads_with_no_problem() -> None:
    data = shipped()
    assert len(data.countries) >= 5
    assert data.general


def test_every_shipped_line_has_a_source_a_real_date_and_a_way_to_reach_it() -> None:
    for country in shipped().countries:
        assert country.lines, country.country
        for line in country.lines:
            where = f"{country.country}: {line.name}"
            assert line.source.startswith("https://"), where
            assert isinstance(line.checked, datetime.date), where
            assert datetime.date(2026, 1, 1) <= line.checked <= datetime.date(2026, 11, 28), where
            assert line.ways, where
            assert line.kind in KINDS, where


def test_each_shipped_country_has_an_emergency_number_and_a_crisis_line() -> None:
    for country in shipped().countries:
        kinds = {line.kind for line in country.lines}
        assert {"emergency", "crisis"} <= kinds, country.country


def test_the_shipped_countries_are_the_sourced_ones() -> None:
    codes = {c.country for c in shipped().countries}
    assert codes == {"GB", "IE", "US", "CA", "AU", "NZ", "DE"}


def test_well_known_lines_are_as_their_sources_state() -> None:
    # a guard against a typo in the numbers people will dial
    phones = {
        (c.country, line.name): line.phone for c in shipped().countries for line in c.lines
    }
    assert phones[("GB", "Samaritans")] == "116 123"
    assert phones[("GB", "National Domestic Abuse Helpline (run by Refuge)")] == "0808 2000 247"
    assert phones[("US", "988 Suicide & Crisis Lifeline")] == "988"
    assert phones[("AU", "Lifeline")] == "13 11 14"
    assert phones[("NZ", "Women's Refuge crisis line")] == "0800 733 843"
    assert phones[("DE", "Hilfetelefon „Gewalt gegen Frauen“")] == "116 016"


# --- what the screens get ------------------------------------------------------------------


def test_support_for_a_listed_country_groups_lines_by_kind_in_order() -> None:
    info = resources.support_for("GB")
    assert info.asked == "GB" and info.country is not None
    assert info.country.name == "United Kingdom"
    assert [g.kind for g in info.groups] == list(KINDS)
    assert all(g.heading and g.lines for g in info.groups)
    assert all(line.kind == g.kind for g in info.groups for line in g.lines)
    assert info.general == shipped().general


def test_a_country_without_relationship_lines_has_no_empty_group() -> None:
    info = resources.support_for("US")
    assert "relationship" not in [g.kind for g in info.groups]
    assert info.has_lines


@pytest.mark.parametrize("country", [None, "", "FR", "ZZ", "not a country", "  "])
def test_an_unknown_or_missing_country_gets_the_general_advice(country: str | None) -> None:
    info = resources.support_for(country)
    assert info.groups == () and not info.has_lines and info.country is None
    assert any("emergency number" in line for line in info.general)


def test_country_codes_are_matched_in_any_case_and_uk_means_gb() -> None:
    assert resources.support_for(" gb ").asked == "GB"
    assert resources.support_for("uk").country is not None
    assert resources.support_for("uk").asked == "GB"


# --- the country from the locale -------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "country"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_DE@euro"}, "DE"),
        ({"LANG": "en_US"}, "US"),
        ({"LANG": "sr_RS.UTF-8@latin"}, "RS"),
        ({"LANG": "fil_PH.UTF-8"}, "PH"),
        ({"LANG": "en-NZ"}, "NZ"),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "de"}, None),
        ({"LANG": "en_XX.UTF-8"}, None),
        ({}, None),
        ({"LANG": ""}, None),
        # LC_ALL overrides everything, LC_MESSAGES overrides LANG
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_GB", "LANG": "en_US"}, "CA"),
        ({"LC_MESSAGES": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "IE"),
        # an empty variable counts as unset
        ({"LC_ALL": "", "LANG": "en_AU.UTF-8"}, "AU"),
        # a set LC_ALL=C means no country, even when LANG has one
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, None),
    ],
)
def test_country_from_locale(environ: dict[str, str], country: str | None) -> None:
    assert country_from_locale(environ) == country


@given(st.dictionaries(st.sampled_from(["LC_ALL", "LC_MESSAGES", "LANG"]), st.text(max_size=40)))
def test_any_locale_gives_a_known_country_or_none(environ: dict[str, str]) -> None:
    found = country_from_locale(environ)
    assert found is None or found in support_lines.ISO_COUNTRIES


def test_the_setting_overrides_the_locale() -> None:
    environ = {"LANG": "en_GB.UTF-8"}
    assert chosen_country(None, environ) == "GB"
    assert chosen_country("nz", environ) == "NZ"
    # an empty choice means "general advice only", whatever the locale says
    assert chosen_country("", environ) is None
    assert resources.support_for(chosen_country("", environ)).groups == ()


def test_normalise_country() -> None:
    assert normalise_country("de") == "DE"
    assert normalise_country("UK") == "GB"
    assert normalise_country("XX") is None
    assert normalise_country(None) is None


# --- the user's file ---------------------------------------------------------------------------


def write_user(text: str) -> Path:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / resources.RESOURCES
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_user_file_replaces_the_shipped_one() -> None:
    path = write_user(GOOD.replace("Samaritans", "My own line"))
    loaded = resources.load(resources.RESOURCES)
    assert loaded.overridden and loaded.source == path and loaded.problems == ()
    [group] = resources.support_for("GB").groups
    assert [line.name for line in group.lines] == ["My own line"]
    assert resources.support_for("US").groups == ()  # the user's file lists only GB


def test_a_broken_user_file_falls_back_with_a_located_message() -> None:
    path = write_user(GOOD.replace("checked: 2026-11-28", "checked: 2026-02-30"))
    loaded = resources.load(resources.RESOURCES)
    assert not loaded.overridden
    assert loaded.source == resources.builtin_path(resources.RESOURCES)
    [problem] = loaded.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 11, 18)
    assert "there is no 2026-02-30" in problem.message
    assert str(problem).startswith(f"{path}:11:18: error:")
    # the shipped lines are used meanwhile
    assert resources.support_for("US").has_lines
    assert problem in resources.problems()


def test_a_user_file_that_is_not_yaml_falls_back() -> None:
    path = write_user("countries: [\n")
    loaded = resources.load(resources.RESOURCES)
    assert not loaded.overridden and loaded.problems
    assert all(p.file == str(path) and p.line >= 1 for p in loaded.problems)
    assert resources.support_for("GB").has_lines


# --- each refusal, with its message and place ---------------------------------------------------


def test_a_line_without_a_source_is_refused() -> None:
    problem = refused(GOOD.replace("        source: https://www.samaritans.org/\n", ""))
    assert (problem.line, problem.column) == (7, 9)
    assert 'missing "source"' in problem.message


def test_a_line_without_a_date_is_refused() -> None:
    problem = refused(GOOD.replace("        checked: 2026-11-28\n", ""))
    assert (problem.line, problem.column) == (7, 9)
    assert 'missing "checked"' in problem.message


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("28/11/2026", "must be a date written YYYY-MM-DD"),
        ("2026-13-01", "there is no 2026-13-01"),
        ("yesterday", "must be a date written YYYY-MM-DD"),
        ("[2026, 11, 28]", "must be a date written YYYY-MM-DD, not a list"),
    ],
)
def test_a_date_that_is_not_a_real_date_is_refused(written: str, message: str) -> None:
    problem = refused(GOOD.replace("2026-11-28", written))
    assert problem.line == 11
    assert message in problem.message


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("UK", 'for "UK" write "GB"'),
        ("XX", 'such as GB, US or DE, not "XX"'),
        ("GBR", 'not "GBR"'),
    ],
)
def test_a_country_code_must_be_iso_3166_alpha_2(code: str, message: str) -> None:
    problem = refused(GOOD.replace("country: GB", f"country: {code}"))
    assert (problem.line, problem.column, problem.rule) == (4, 14, "country")
    assert message in problem.message


def test_country_no_is_norway_not_false() -> None:
    value, problems = parse(GOOD.replace("country: GB", "country: NO"))
    assert problems == [] and value is not None
    assert value.countries[0].country == "NO"


def test_a_line_needs_a_way_to_reach_it() -> None:
    problem = refused(GOOD.replace("        phone: 116 123\n", ""))
    assert (problem.line, problem.column, problem.rule) == (7, 9, "reach")
    assert "needs a way to reach it" in problem.message


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("phone: call us", "must be a phone number"),
        ("phone: 12", "must be a phone number"),
        ("website: www.samaritans.org", "starting with https://"),
        ("text: HELP", "must say the number to text"),
        ("email: jo at samaritans", "must be an e-mail address"),
    ],
)
def test_each_way_to_reach_it_is_checked(written: str, message: str) -> None:
    problem = refused(GOOD.replace("phone: 116 123", written))
    assert (problem.line, problem.column) == (9, 10 + len(written.split(":")[0]) + 1)
    assert message in problem.message


def test_a_line_of_an_unknown_kind_is_refused() -> None:
    problem = refused(GOOD.replace("kind: crisis", "kind: suicide"))
    assert (problem.line, problem.column) == (7, 15)
    assert "must be one of emergency, domestic-abuse, crisis, relationship" in problem.message


def test_the_source_must_be_a_web_address() -> None:
    problem = refused(GOOD.replace("source: https://www.samaritans.org/", "source: my memory"))
    assert (problem.line, problem.column) == (10, 17)
    assert "web address" in problem.message


def test_a_country_listed_twice_is_refused_at_the_second() -> None:
    lines = GOOD.split("countries:\n", 1)[1]
    problem = refused(GOOD + lines)
    assert problem.rule == "duplicate-value"
    assert problem.line == 12
    assert 'the country "GB" appears twice (first at line 4)' in problem.message


def test_a_line_listed_twice_in_a_country_is_refused() -> None:
    entry = GOOD.split("    lines:\n", 1)[1]
    problem = refused(GOOD + entry)
    assert 'the crisis line "Samaritans" appears twice (first at line 7)' in problem.message


def test_an_unknown_key_is_refused_with_a_suggestion() -> None:
    problem = refused(GOOD.replace("phone: 116 123", "phone: 116 123\n        webiste: https://a.org"))
    assert 'did you mean "website"' in problem.message


def test_a_country_needs_lines_and_the_file_needs_advice() -> None:
    problem = refused(GOOD.split("    lines:")[0] + "    lines: []\n")
    assert (problem.line, problem.rule) == (6, "empty-value")
    problem = refused("general: []\n")
    assert (problem.line, problem.rule) == (1, "empty-value")


def test_advice_alone_is_a_valid_file() -> None:
    value, problems = parse("general:\n  - Call your local emergency number.\n")
    assert problems == [] and value is not None and value.countries == ()


# --- the notice and the privacy text ---------------------------------------------------------


def test_the_first_run_notice_says_what_coach_is_and_when_not_to_use_it() -> None:
    text = " ".join(resources.notice_text().lower().split())
    for words in ("practice aid", "not therapy", "crisis", "violence", "threat", "afraid",
                  "coerc", "affair", "addiction", "resources"):
        assert words in text, words
    assert len(text.split()) <= 260  # short: people read it when they are tired


def test_the_privacy_text_names_the_folders_and_the_ways_to_leave_no_trace() -> None:
    text = " ".join(resources.privacy_text().split())
    assert str(paths.data_dir()) in text and str(paths.config_dir()) in text
    assert "{data_dir}" not in text and "{config_dir}" not in text
    for words in ("--private", "coach forget", "anyone who can use"):
        assert words in text, words


_FRAGMENTS = st.sampled_from(
    ["general:", "countries:", "  - ", "country: ", "GB", "NO", "lines:", "kind: crisis",
     "phone: ", "116 123", "source: ", "https://a.org", "checked: ", "2026-11-28", "2026-02-30",
     "text: ", "[", "]", "{", "}", ":", "\n", "    ", "'", '"', "#", "\t", "~", "&a", "*a"]
)


@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_any_user_file_is_refused_or_read_and_never_raises(text: str) -> None:
    value, problems = resources.parse_data_text(resources.RESOURCES, text, "user/resources.yaml")
    assert (value is None) == any(p.is_error for p in problems)
    assert all(p.line >= 1 and p.column >= 1 for p in problems)
