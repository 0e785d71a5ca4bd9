"""Diagnostic: how many PETRARCH2 unit-record actor codes the actors step finds in their sentence.

Builds a pipeline whose only knowledge is PETRARCH2's validation dictionaries (fictional countries
such as Arnor and Gondor), reads each unit record's text on its date, and counts the gold source
and target codes (ARN, GONGOV, ...) that appear among the ids of the sentence's mention parties.
It measures actor resolution alone, not who does what to whom (the events evaluation does that).
Reads ../shared/data/external/petrarch2 in place.

    PYTHONPATH=src python scripts/petrarch_actor_codes.py [path/to/shared/data]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from polemos.evaluation.base import default_data_path
from polemos.nlp.gazetteer import build_pipeline_with

_RECORD = re.compile(r'<Sentence date="(\d{8})" id="([^"]+)".*?</Sentence>', re.S)


def main() -> int:
    folder = (Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_path()) / "external" / "petrarch2"
    records = folder / "PETR.UnitTest.records.xml"
    if not records.is_file():
        print(f"skipped: not found: {records}")
        return 0
    nlp = build_pipeline_with([str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt")], shipped=False)
    found = total = 0
    missed: Counter[str] = Counter()
    for match in _RECORD.finditer(records.read_text(encoding="utf-8")):
        block, day = match.group(0), match.group(1)
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        codes = {c for c in re.findall(r'(?:source|target)code="([^"]*)"', block) if c and c not in {"---", "***"}}
        if text is None or not codes:
            continue
        doc = nlp.make_doc(" ".join(text.group(1).split()))
        doc._.published = date(int(day[:4]), int(day[4:6]), int(day[6:]))
        ids = {m.party.id for m in nlp(doc)._.mentions if m.party}
        total += len(codes)
        found += len(codes & ids)
        missed.update(codes - ids)
    print(f"actor codes found in their sentence: {found}/{total} = {found / total:.3f}")
    print("most missed:", ", ".join(f"{code} x{n}" for code, n in missed.most_common(10)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
