"""A seeded fuzz of hostile inputs (tests/hostile.py) through ingest's reading path and the Coder:
every input is coded or rejected with a known reason code, never an exception.

The full run of 10,000 is `python scripts/fuzz.py --count 10000 --write` (docs/benchmarks.md, Fuzzing).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from hostile import Hostile, hostile
from polemos.errors import RejectReason
from polemos.feeds import read_sources

REASONS = {reason.value for reason in RejectReason}
FOLDER = Path(tempfile.mkdtemp(prefix="polemos-fuzz-"))


@settings(max_examples=200, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(hostile(scale=0.1))
def test_every_hostile_input_is_coded_or_rejected_with_a_reason_code(coder, case: Hostile):
    path = FOLDER / f"input{case.suffix}"
    path.write_bytes(case.data())
    analyses = list(coder.code_many(read_sources([str(path)])))
    assert analyses, "an input read as neither an article nor a rejection"
    for analysis in analyses:
        assert analysis.rejection is None or analysis.rejection.reason in REASONS
