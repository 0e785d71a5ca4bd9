#!/usr/bin/env python3
"""Build a corpus-scale test corpus (default 100,000 inputs) as one JSON Lines file, at run time.

What an ingest meets in the field, shuffled so that any prefix is a fair sample of the whole:
real article texts read in place from ../shared/data (GeoWebNews, TR-News, LGL, GeoVirus,
IndiaPoliceEvents, PolNeAR, the reference article) and our own samples/, each also cut to its lead
or joined into a long round-up; near-duplicates of them (a sentence dropped, a figure changed,
re-flowed whitespace, an update line); our generated wire stories (scripts/generate_corpus.py);
articles in other languages and mixed-language ones; exact re-publications; and hostile inputs
(empty, binary, lone surrogates, over-size, broken JSON, deep HTML, invisible characters).

The texts of the shared sets never enter the repository: the corpus goes to var/ (git-ignored)
or wherever --out says, and is rebuilt by this command.

    python scripts/build_corpus.py                           # var/corpus/corpus-100000.jsonl
    python scripts/build_corpus.py --count 500 --out /tmp/c.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import generate_corpus  # noqa: E402

from polemos.labelling.texts import SHARED_FILES, shared_articles  # noqa: E402

DATA = REPO.parent / "shared" / "data"
# Shares of the corpus by kind; the rest is generated wire stories.
SHARES = {"real": 0.12, "lead": 0.06, "roundup": 0.03, "near": 0.12, "foreign": 0.03, "mixed": 0.01,
          "hostile": 0.02, "duplicate": 0.05}

# Our own sentences in other languages (no shared text): the detector must reject or code them, never crash.
FOREIGN = {
    "fr": ["Des hommes armés ont attaqué un poste de police à {city} dans la nuit de mardi, faisant {n} morts.",
           "Le ministère de l'Intérieur a condamné l'attaque et annoncé l'ouverture d'une enquête.",
           "Les habitants affirment que les tirs ont duré près d'une heure avant l'arrivée des renforts."],
    "es": ["Hombres armados atacaron un puesto militar cerca de {city} el martes y mataron a {n} soldados.",
           "El gobierno condenó el ataque y prometió llevar a los responsables ante la justicia.",
           "Los vecinos dijeron que el tiroteo duró casi una hora."],
    "de": ["Bewaffnete haben am Dienstag einen Kontrollpunkt bei {city} angegriffen und {n} Polizisten getötet.",
           "Das Innenministerium verurteilte den Angriff und kündigte eine Untersuchung an.",
           "Anwohner berichteten, die Schüsse hätten fast eine Stunde gedauert."],
    "ar": ["هاجم مسلحون نقطة تفتيش قرب {city} يوم الثلاثاء وقتلوا {n} من عناصر الشرطة.",
           "وأدانت وزارة الداخلية الهجوم وأعلنت فتح تحقيق.", "وقال السكان إن إطلاق النار استمر نحو ساعة."],
    "ru": ["Боевики напали на блокпост близ города {city} во вторник, погибли {n} военнослужащих.",
           "Министерство внутренних дел осудило нападение и начало расследование."],
    "ur": ["مسلح افراد نے منگل کو {city} کے قریب ایک چوکی پر حملہ کیا جس میں {n} اہلکار ہلاک ہو گئے۔",
           "وزارت داخلہ نے حملے کی مذمت کی اور تحقیقات کا حکم دیا۔"],
    "tr": ["Silahlı kişiler salı günü {city} yakınlarındaki bir karakola saldırdı ve {n} polis hayatını kaybetti.",
           "İçişleri Bakanlığı saldırıyı kınadı ve soruşturma başlattı."],
    "sw": ["Watu wenye silaha walishambulia kituo cha polisi karibu na {city} Jumanne na kuua askari {n}.",
           "Wizara ya mambo ya ndani ililaani shambulio hilo na kuanzisha uchunguzi."],
}
CITIES = ["Quetta", "Goma", "Mogadishu", "Kandahar", "Bamako", "Maiduguri", "Peshawar", "Aden"]
_NUMBER = re.compile(r"\b\d{1,4}\b")


def real_texts(data: Path) -> tuple[list[dict[str, object]], Counter[str]]:
    """Every non-empty real article text beside the project, as records; and how many per set."""
    records: list[dict[str, object]] = []
    origins: Counter[str] = Counter()

    def add(kind: str, text: str, title: object = None, published: object = None, url: object = None,
            outlet: object = None) -> None:
        if text.strip():
            records.append({"text": text, "title": title, "published": published, "url": url, "outlet": outlet})
            origins[kind] += 1

    for kind in SHARED_FILES:
        if (data / SHARED_FILES[kind]).exists():
            for article in shared_articles(kind, data).values():
                add(kind, article.text, article.title, article.published and article.published.isoformat(),
                    article.url, article.outlet)
    polnear = data / "external" / "polnear_train" / "text"
    for path in sorted(polnear.glob("*.txt")) if polnear.exists() else []:
        add("polnear", path.read_text("utf-8", errors="replace"), outlet=path.name.split("_", 1)[0])
    for path in sorted((data / "seed").glob("*.txt")) if (data / "seed").exists() else []:
        add("seed", path.read_text("utf-8"))
    for path in sorted((REPO / "samples").glob("*.txt")):
        add("samples", path.read_text("utf-8"))
    return records, origins


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def near_duplicate(rng: random.Random, record: dict[str, object]) -> dict[str, object]:
    """The same story edited the way outlets and feeds edit it: one change, a different hash."""
    text = str(record["text"])
    paragraphs = _paragraphs(text)
    change = rng.choice(["drop", "number", "reflow", "update", "typo"])
    if change == "drop" and len(paragraphs) > 2:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
        text = "\n\n".join(paragraphs)
    elif change == "number" and _NUMBER.search(text):
        text = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 3)), text, count=1)
    elif change == "reflow":
        text = re.sub(r"[ \t]+", "  ", text).replace("\n", "\r\n")
    elif change == "typo" and len(text) > 20:
        at = rng.randrange(len(text) - 1)
        text = text[:at] + text[at + 1] + text[at] + text[at + 2:]
    else:
        text = text.rstrip() + f"\n\n(Updated at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT with more details.)"
    return {**record, "text": text}


def foreign(rng: random.Random, mixed_with: str | None = None) -> dict[str, object]:
    language = rng.choice(sorted(FOREIGN))
    sentences = [s.format(city=rng.choice(CITIES), n=rng.randint(2, 15)) for s in FOREIGN[language]]
    body = " ".join(rng.sample(sentences, rng.randint(1, len(sentences))) * rng.randint(1, 4))
    if mixed_with is not None:  # an English story quoting a paragraph in another language
        paragraphs = _paragraphs(mixed_with)
        paragraphs.insert(rng.randint(0, len(paragraphs)), body)
        body = "\n\n".join(paragraphs)
    return {"title": f"[{language}]", "text": body, "published": "2025-06-0" + str(rng.randint(1, 9))}


def hostile(rng: random.Random, number: int, english: str) -> str:
    """One JSON Lines line an ingest must survive: rejected with a reason, or coded, never a crash."""
    kind = number % 16
    if kind == 4 and number % 200 != 4:
        kind = 11  # over-size inputs are few: each is 2 MB of corpus
    record: object
    if kind == 0:
        record = {"text": ""}
    elif kind == 1:
        record = {"text": " \n\t\u00a0\u2003 " * rng.randint(1, 50)}
    elif kind == 2:
        record = {"text": "".join(chr(rng.randrange(0, 32)) for _ in range(2000)) + english[:500]}
    elif kind == 3:
        return json.dumps({"text": "Gunmen attacked \ud800 a convoy", "title": "\udfff"}) + "\n"  # lone surrogates
    elif kind == 4:
        record = {"text": (english + "\n\n") * (2_100_000 // max(1, len(english)) + 1)}  # over --max-bytes
    elif kind == 5:
        record = {"text": "A" * rng.randint(10_000, 200_000)}  # one endless token
    elif kind == 6:
        depth = rng.randint(100, 800)
        record = {"html": "<html><body>" + "<div>" * depth + f"<p>{english[:800]}</p>" + "</div>" * depth
                  + "<script>while(1){}</script><style>*{}</style></body></html>"}
    elif kind == 7:
        return "{\"text\": \"Gunmen attacked a convoy" + "\n"  # broken JSON
    elif kind == 8:
        return json.dumps([english[:200]]) + "\n"  # JSON, not an object
    elif kind == 9:
        record = {"text": rng.randint(0, 10**9), "title": ["not", "a", "string"]}
    elif kind == 10:
        invisible = "\u200b\u200d\u202e\u2066\ufeff"
        record = {"text": "".join(c + rng.choice(invisible) for c in english[:3000])}
    elif kind == 11:
        sentence = english.split(".")[0][:300] + ". "
        record = {"text": sentence * rng.randint(50, 400)}
    elif kind == 12:
        record = {"text": "".join(chr(rng.choice([rng.randrange(0x1F300, 0x1FAFF), rng.randrange(0x4E00, 0x9FFF),
                                                 rng.randrange(0x0600, 0x06FF)])) for _ in range(3000))}
    elif kind == 13:
        record = {"html": "<html><body><p>" + "&amp;&lt;&#x1F4A3;&bogus;" * 5000 + english[:400] + "</p></body></html>"}
    elif kind == 14:
        record = {"text": english[:600], "title": "T" * 100_000, "published": "not a date",
                  "url": "javascript:alert(1)", "outlet": {"nested": True}}
    else:
        record = {"text": "\n" * rng.randint(1000, 50_000) + english[:600] + "\n" * 1000}
    return json.dumps(record, ensure_ascii=False) + "\n"


def build(count: int, seed: int = 11, data: Path = DATA) -> tuple[list[str], dict[str, object]]:
    """`count` JSON Lines lines, shuffled, and what went into them."""
    rng = random.Random(seed)
    real, origins = real_texts(data)
    want = {kind: round(count * share) for kind, share in SHARES.items()}
    made: Counter[str] = Counter()
    lines: list[str] = []

    def emit(kind: str, record: dict[str, object]) -> None:
        lines.append(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
        made[kind] += 1

    pool = list(real)
    rng.shuffle(pool)
    for number in range(want["real"]):
        if number < len(pool):
            emit("real", pool[number])
        else:  # every real text is in already: the same text again, other metadata (re-published)
            emit("real", {**rng.choice(pool), "title": f"Re-published {number}", "outlet": "Aggregator"})
    english = [str(r["text"]) for r in pool] or ["Gunmen killed five soldiers in Quetta on Monday, officials said."]
    for _ in range(want["lead"]):
        record = rng.choice(pool)
        paragraphs = _paragraphs(str(record["text"]))
        emit("lead", {**record, "text": "\n\n".join(paragraphs[:rng.randint(1, 3)])})
    for _ in range(want["roundup"]):
        parts = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
        emit("roundup", {"title": "Round-up", "text": "\n\n* * *\n\n".join(str(p["text"]) for p in parts),
                         "published": parts[0].get("published")})
    for _ in range(want["near"]):
        emit("near", near_duplicate(rng, rng.choice(pool)))
    for _ in range(want["foreign"]):
        emit("foreign", foreign(rng))
    for _ in range(want["mixed"]):
        emit("mixed", foreign(rng, mixed_with=rng.choice(english)))
    generated = count - sum(want.values())
    for record in generate_corpus.generate(max(0, generated), seed=seed):
        record.pop("id", None)
        emit("generated", record)
    for number in range(want["hostile"]):
        lines.append(hostile(rng, number, rng.choice(english)))
        made["hostile"] += 1
    for _ in range(want["duplicate"]):  # byte-for-byte re-publication of a line already in
        lines.append(rng.choice(lines))
        made["duplicate"] += 1
    rng.shuffle(lines)
    numbered = [_with_id(line, number) for number, line in enumerate(lines[:count], start=1)]
    return numbered, {"inputs": len(numbered), "kinds": dict(made), "real_texts": dict(origins)}


def _with_id(line: str, number: int) -> str:
    """Each input line gets its own id (the input id a check reads back); broken lines stay broken."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return line
    if isinstance(record, dict):
        record = {"id": f"c{number:06d}", **{k: v for k, v in record.items() if k != "id"}}
        return json.dumps(record, ensure_ascii="\\ud8" in line or "\\udf" in line) + "\n"
    return line


def write(lines: Iterator[str] | list[str], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=DATA, help="The shared data folder, read in place.")
    parser.add_argument("--out", type=Path, default=None, help="Default: var/corpus/corpus-COUNT.jsonl")
    args = parser.parse_args()
    out = args.out or REPO / "var" / "corpus" / f"corpus-{args.count}.jsonl"
    lines, made = build(args.count, args.seed, args.data)
    write(lines, out)
    print(json.dumps({"out": str(out), "bytes": out.stat().st_size, **made}))


if __name__ == "__main__":
    main()
