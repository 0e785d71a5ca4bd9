"""The `polemos code` command as a script sees it: output, order, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "valley-ceasefire.txt"
FRENCH = (
    "Les forces armées ont lancé une opération contre les groupes armés dans le nord du pays, "
    "a déclaré le ministre de la Défense, qui a précisé que les combats se poursuivaient depuis lundi."
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "polemos.commands", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        timeout=300,
    )


def test_one_article_prints_one_analysis_with_the_contract_keys():
    result = run("code", str(SAMPLE), "--published", "2026-03-17")
    assert result.returncode == 0, result.stderr.decode()
    analysis = json.loads(result.stdout)
    assert set(analysis) >= {"document", "events", "quotes", "claims", "dates", "places", "rejection"}
    assert analysis["document"]["id"] == "valley-ceasefire.txt"
    assert analysis["document"]["published"] == "2026-03-17"
    assert analysis["rejection"] is None


def test_jsonl_keeps_input_order_and_record_ids(tmp_path):
    batch = tmp_path / "batch.jsonl"
    text = SAMPLE.read_text()
    batch.write_text(
        "\n".join(json.dumps({"id": f"rec-{i}", "text": text, "published": "2026-03-17"}) for i in (3, 1, 2))
    )
    result = run("code", str(batch), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.decode().splitlines()]
    assert ids == ["rec-3", "rec-1", "rec-2"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("huge.txt", b"The army said fighting continued. " * 160_000, "too_large"),
        ("blob.bin", bytes(range(256)) * 64, "binary"),
        ("menu.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "no_body"),
        ("french.txt", FRENCH.encode(), "not_english"),
    ],
)
def test_hostile_inputs_are_rejections_with_reason_message_and_exit_code(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("code", str(path), "--format", "jsonl")
    assert result.returncode == 3
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert f"rejected {name}: {reason}:" in stderr
    analysis = json.loads(result.stdout)
    assert analysis["rejection"]["reason"] == reason
    assert analysis["rejection"]["message"]
    assert analysis["events"] == []


def test_a_batch_with_some_rejections_exits_4_and_codes_the_rest(tmp_path):
    batch = tmp_path / "mixed.jsonl"
    batch.write_text(
        json.dumps({"id": "good", "text": SAMPLE.read_text()}) + "\n"
        + json.dumps({"id": "blank", "text": ""}) + "\n"
        + "{broken\n"
    )
    result = run("code", str(batch), "--format", "jsonl")
    assert result.returncode == 4
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [x["rejection"] and x["rejection"]["reason"] for x in lines] == [None, "empty", "bad_record"]
    assert "coded 1, rejected 2" in result.stderr.decode()


def test_standard_input_is_read_with_dash():
    result = run("code", "-", "--published", "2026-03-17", stdin=SAMPLE.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["document"]["id"] == "stdin"


def test_missing_path_is_a_usage_error_without_traceback():
    result = run("code", "/nonexistent/article.txt")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()
    assert "No such file or folder" in result.stderr.decode()


def test_bad_published_date_is_a_usage_error():
    result = run("code", str(SAMPLE), "--published", "28/10/2025")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr.decode()


def test_table_format_is_readable_text():
    result = run("code", str(SAMPLE), "--published", "2026-03-17", "--format", "table")
    assert result.returncode == 0
    assert "valley-ceasefire.txt" in result.stdout.decode()
