"""A real evaluator for the tests' own tiny gold set (tests/data/eval_fixture/items.jsonl).

It has the shape of every gold-set module (`evaluate(data, coder, limit) -> SetResult`), so the
harness, the floors and the gate can be tested end to end before, and independently of, the
evaluators of the public sets.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from polemos.coder import Coder
from polemos.evaluation.base import Figure, Miss, SetResult
from polemos.sources import article_from_bytes

NAME = "fixture"
FILE = Path("eval_fixture") / "items.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def evaluate(data: Path, coder: Coder, limit: int | None = None) -> SetResult:
    path = data / FILE
    if not path.exists():
        return SetResult.skip(NAME, path)
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = items[:limit] if limit else items
    articles = [
        article_from_bytes(i["text"].encode(), id=i["id"], kind="text", published=date.fromisoformat(i["published"]))
        for i in items
    ]
    right = {"event_type": 0, "date_value": 0, "place_country": 0}
    misses: list[Miss] = []
    for item, analysis in zip(items, coder.code_many(articles)):
        found = {
            "event_type": {e.type for e in analysis.events},
            "date_value": {d.value for d in analysis.dates},
            "place_country": {p.country for p in analysis.places},
        }
        wanted = {"event_type": item["event"], "date_value": item["date"], "place_country": item["country"]}
        for figure, gold in wanted.items():
            if gold in found[figure]:
                right[figure] += 1
            else:
                ours = ", ".join(sorted(str(x) for x in found[figure])) or "nothing"
                misses.append(Miss(f"wrong {figure}", item["text"], gold, ours, item["id"]))
    n = len(items)
    figures = tuple(Figure(name, count / n if n else 0.0, n) for name, count in right.items())
    return SetResult(NAME, str(path), figures, tuple(misses))
