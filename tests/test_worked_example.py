"""The worked example of the README and docs/worked-example.md is run command by command, and each
output must be what the documents say (doctest-style, "..." for any text): the README cannot
drift from the program. After a change of what polemos prints, `make example-docs` writes the new
outputs; review the diff."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import worked_example  # noqa: E402


@pytest.mark.parametrize("document", worked_example.DOCUMENTS, ids=lambda p: p.name)
def test_every_command_of_the_worked_example_prints_what_the_document_says(document):
    pytest.importorskip("pandas")
    _, blocks = worked_example.run(document)
    assert sum(len(b.steps) for b in blocks) >= 5, "the worked example has lost its commands"
    found = worked_example.differences(blocks)
    assert not found, ("\n\n".join(found) + "\n\nThe program's output changed: run `make example-docs` "
                       "and review the diff of the documents.")


def test_the_example_shows_each_step_from_ingest_to_pandas():
    text = (REPO / "docs" / "worked-example.md").read_text("utf-8")
    for step in ("$ polemos ingest", "--published", "$ polemos query", "--format summary", "--include-unasserted",
                 "--format geojson", "--format acled", "pd.read_csv"):
        assert step in text, step


def test_a_changed_output_is_caught_and_can_be_rewritten():
    text = "```console\n$ echo one\ntwo\n```\n\n```pycon\n>>> 1 + 1\n3\n```\n"
    blocks = worked_example.parse(text)
    blocks[0].steps[0].actual, blocks[1].steps[0].actual = "one\n", "2\n"
    assert len(worked_example.differences(blocks)) == 2
    assert worked_example.rewrite(text, blocks) == "```console\n$ echo one\none\n```\n\n```pycon\n>>> 1 + 1\n2\n```\n"
