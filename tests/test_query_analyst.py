"""`polemos query` as an analyst meets it in the first ten minutes, through the command in a process
of its own (exit code, stdout, stderr), on SQLite and on PostgreSQL: actors by any alias, options
checked with their valid values listed, live events by default, output that fits the terminal and
survives a closed pipe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from analyst_store import UIDS, corpus, polemos
from test_store_backends import BACKENDS

from polemos.ontology import ROOTS


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    yield from corpus(request.param, tmp_path_factory, with_bulk=True)


def rows(*args: str) -> list[dict]:
    result = polemos("query", *args, "--format", "jsonl", "--limit", "1000")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def uids(*args: str) -> set[str]:
    return {r["uid"] for r in rows(*args)}


# --- actors by any name the knowledge base gives them ---------------------------------------------
@pytest.mark.parametrize("name", ["RSF", "Rapid Support Forces", "rapid support forces", "Quwat al-Da'm al-Sari'", "rsf"])
def test_an_actor_is_found_by_its_name_its_aliases_and_its_id(db, name):
    expected = {*UIDS["strike"], *UIDS["shelling"], *UIDS["talks"]}  # as attacker, as target, as a side in talks
    assert uids("--db", db, "--actor", name) >= expected - set(UIDS["talks"])
    assert uids("--db", db, "--actor", name) <= expected


def test_a_country_as_actor_means_its_state_not_every_group_based_there(db):
    sudan = uids("--db", db, "--actor", "Sudan")
    assert set(UIDS["shelling"]) <= sudan  # the army of Sudan
    assert not set(UIDS["strike"]) & sudan  # a rebel group based in Sudan is not "Sudan"


def test_an_unknown_actor_finds_nothing_and_is_no_error(db):
    assert rows("--db", db, "--actor", "Nobody Anyone Knows") == []


# --- every option value checked, the valid ones listed ----------------------------------------------
def test_an_unknown_type_is_a_usage_error_that_names_the_valid_types(db):
    result = polemos("query", "--db", db, "--type", "BOGUS")
    assert result.returncode == 2 and result.stdout == ""
    assert "'BOGUS' is not a PLOVER root" in result.stderr and all(root in result.stderr for root in ROOTS)
    assert "Traceback" not in result.stderr


def test_types_are_read_in_any_casing(db):
    assert uids("--db", db, "--type", "consult") == set(UIDS["talks"])


def test_an_unknown_mode_is_a_usage_error_that_names_the_modes_of_the_type(db):
    result = polemos("query", "--db", db, "--type", "ASSAULT", "--mode", "catapult")
    assert result.returncode == 2 and "'catapult' is not a mode of ASSAULT" in result.stderr
    assert "drone" in result.stderr and "heavy-weapons" in result.stderr
    assert uids("--db", db, "--type", "ASSAULT", "--mode", "drone") == set(UIDS["strike"])


def test_a_country_is_a_code_or_a_name_and_a_typo_is_answered_with_the_nearest(db):
    assert uids("--db", db, "--country", "Qatar") == uids("--db", db, "--country", "qat") >= set(UIDS["talks"])
    result = polemos("query", "--db", db, "--country", "Sudn")
    assert result.returncode == 2 and "Sudan (SDN)" in result.stderr and "alpha-3" in result.stderr


def test_an_unknown_format_and_a_backwards_date_range_are_usage_errors(db):
    result = polemos("query", "--db", db, "--format", "xlsx")
    assert result.returncode == 2 and all(name in result.stderr for name in ("table", "summary", "jsonl"))
    result = polemos("query", "--db", db, "--since", "2025-11-05", "--until", "2025-11-01")
    assert result.returncode == 2 and "after --until" in result.stderr
    result = polemos("query", "--db", db, "--since", "Nov 1")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


# --- live events unless asked ----------------------------------------------------------------------
def test_only_live_events_are_read_unless_the_others_are_asked_for(db):
    assert not set(UIDS["ceasefire"]) & uids("--db", db, "--type", "AGREE")
    everything = rows("--db", db, "--type", "AGREE", "--include-unasserted")
    assert {r["uid"]: r["factuality"] for r in everything} == {"m4:e2": "asserted", "m4:e3": "hypothetical"}
    assert uids("--db", db, "--type", "AGREE", "--factual") == uids("--db", db, "--type", "AGREE")  # old scripts


# --- a closed pipe is a normal end -----------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_a_reader_that_stops_early_ends_the_command_quietly_with_exit_0(db, fmt):
    shell = subprocess.run(
        ["bash", "-o", "pipefail", "-c",
         f'"{sys.executable}" -m polemos query --db "{db}" --format {fmt} --limit 1000 --wide | head -1'],
        capture_output=True, text=True, timeout=300)
    assert shell.returncode == 0 and shell.stderr == "" and len(shell.stdout.splitlines()) == 1


def test_writing_into_a_pipe_already_closed_exits_0_with_nothing_on_stderr(db):
    import os

    read, write = os.pipe()
    os.close(read)  # nobody will ever read: the first write fails, whatever the timing
    try:
        done = subprocess.run([sys.executable, "-m", "polemos", "query", "--db", db, "--format", "jsonl"],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == ""


# --- readable in a terminal ------------------------------------------------------------------------
@pytest.mark.parametrize("columns", [80, 120])
def test_the_table_fits_the_terminal_with_one_line_per_event(db, columns):
    result = polemos("query", "--db", db, "--since", "2025-11-01", "--include-unasserted", columns=columns)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    header = next(n for n, line in enumerate(lines) if line.startswith("date "))
    body = [line for line in lines[header + 2:] if line.strip()]
    assert len(body) == len(rows("--db", db, "--since", "2025-11-01", "--include-unasserted"))
    assert all(line[:10] in ("2025-11-01", "2025-11-02", "2025-11-03", "2025-11-04") for line in body)
    assert "factuality" in lines[header] and any("hypothetical" in line for line in body)


def test_wide_shows_every_column_at_full_length(db):
    result = polemos("query", "--db", db, "--type", "ASSAULT", "--since", "2025-11-01", "--wide", columns=80)
    assert result.returncode == 0
    assert "uid" in result.stdout and "incident id" in result.stdout and "acled sub event type" in result.stdout
    assert "Drones launched by the Rapid Support Forces struck a market in El Fasher, killing 11 civilians." in result.stdout
    assert sum("m1:e1" in line for line in result.stdout.splitlines()) == 1  # still one line per event


def test_a_page_says_how_many_more_events_match(db):
    result = polemos("query", "--db", db, "--limit", "5", columns=100)
    assert result.returncode == 0 and "more (--limit, --offset)" in result.stdout


def test_the_summary_tells_each_article_at_a_glance(db):
    result = polemos("query", "--db", db, "--format", "summary", "--since", "2025-11-01", columns=200)
    assert result.returncode == 0 and result.stderr == ""
    blocks = [b for b in result.stdout.split("\n\n") if b.strip()]
    assert [b.splitlines()[0].split("  ")[0] for b in blocks] == [
        "Qatar hosts Sudan talks", "El Fasher toll rises to 14", "Army shells RSF in Omdurman",
        "Drone strike on El Fasher market kills 11"]
    talks, _, shelling, strike = blocks
    assert "events      2: 1 CONSULT, 1 AGREE (and 1 unasserted: --include-unasserted)" in talks
    assert "11 killed 2025-11-01: ASSAULT, Rapid Support Forces on Sudan civilians, El Fasher" in strike
    assert "contradicts Rapid Support Forces: \u201cThe RSF said the army had shelled a school.\u201d <> " \
           "Sudanese Armed Forces: \u201cThe army said it had struck only RSF positions.\u201d" in shelling


def test_the_summary_cuts_long_facts_to_the_terminal_rather_than_wrapping_them(db):
    result = polemos("query", "--db", db, "--format", "summary", "--since", "2025-11-01", columns=80)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and max(len(line) for line in lines) <= 80
    assert any(line.startswith("  contradicts ") and line.endswith("…") for line in lines)


def test_an_export_to_a_closed_pipe_ends_quietly_too(db):
    import os

    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "polemos", "export", "--db", db, "--format", "csv"],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "internal error" not in done.stderr
