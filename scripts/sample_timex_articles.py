"""Draw the articles of the TIMEX DATE gold set (tests/gold/timex/) from the shared corpora, read in place.

Run once, before labelling: `python scripts/sample_timex_articles.py` prints, for each part (blind,
train, fresh), the source, article id and document creation date (DCT) of every article drawn
(a later part takes the articles after the earlier ones', so adding one leaves those unchanged). The draw
is seeded, so it is reproducible; it looks at nothing but a text's length and its date.

The DCT is the day the article's URL names (…/2018/04/05/…, …20090320…, …2018-04-06…), else the
download time the corpus records (LGL, TR-News). WikiNews TimeML files carry their own DCT.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from polemos.evaluation.timex import SOURCES, read_source  # noqa: E402

SEED = 2015
PARTS = {"blind": {"gwn": 11, "trnews": 11, "lgl": 10}, "train": {"gwn": 10, "trnews": 10, "lgl": 10, "wikinews": 6},
         "fresh": {"gwn": 11, "trnews": 11, "lgl": 10}}
LENGTHS = (600, 4000)


def draw(data: Path) -> dict[str, list[tuple[str, str, str]]]:
    drawn: dict[str, list[tuple[str, str, str]]] = {part: [] for part in PARTS}
    for source in SOURCES:
        pool = [a for a in read_source(data, source) if a.created and LENGTHS[0] <= len(a.text) <= LENGTHS[1]]
        pool.sort(key=lambda a: a.id)
        random.Random(f"{SEED}:{source}").shuffle(pool)
        for part, wanted in PARTS.items():
            take = wanted.get(source, 0)
            drawn[part] += [(source, a.id, a.created.isoformat()) for a in pool[:take]]
            pool = pool[take:]
    return drawn


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data"
    for part, rows in draw(data).items():
        for source, article, created in rows:
            print(part, source, article, created, sep="\t")
