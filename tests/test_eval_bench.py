"""`make bench` measures polemos and bare spaCy sm on the same texts and rewrites only its own table."""

from __future__ import annotations

from polemos import bench
from polemos.bench import Run, collect_texts, markdown


def _gwn(folder, texts):
    gwn = folder / "external" / "geowebnews"
    gwn.mkdir(parents=True)
    articles = "".join(f'<article file="{i}"><text>{t}</text></article>' for i, t in enumerate(texts))
    (gwn / "GWN.xml").write_text(f"<articles>{articles}</articles>")


def test_texts_are_our_samples_then_the_news_articles_found(tmp_path):
    _gwn(tmp_path, ["Troops crossed the river at dawn.", "Talks resumed in the capital."])
    texts, origins = collect_texts(tmp_path, None)
    assert texts[0].id == "valley-ceasefire"
    assert [t.id for t in texts[-2:]] == ["gwn-0", "gwn-1"]
    assert origins[-1] == "GeoWebNews article texts (2 of 2)"


def test_max_words_stops_adding_texts(tmp_path):
    _gwn(tmp_path, ["one two three"] * 5)
    texts, _ = collect_texts(tmp_path, 1)
    assert len(texts) == 1


def _run(runner: str, cpu: float, peak: float) -> Run:
    return Run(runner, texts=2, words=10_000, load_seconds=1.0, wall_seconds=cpu, cpu_seconds=cpu, peak_mb=peak)


def test_the_table_states_the_speed_ratio_and_both_goals():
    text = markdown({"spacy": _run("spacy", 2.0, 300), "polemos": _run("polemos", 1.0, 400)}, ["x"], "make bench")
    assert "**2.00×**" in text and "meets the goal ≥ 1.0×" in text and "meets the goal < 1,024 MB" in text
    slow = markdown({"spacy": _run("spacy", 1.0, 300), "polemos": _run("polemos", 2.0, 2000)}, ["x"], "make bench")
    assert "misses the goal ≥ 1.0×" in slow and "misses the goal < 1,024 MB" in slow


def test_a_bench_run_rewrites_only_its_table_in_the_docs(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\n{bench.BENCH_START}\nold\n{bench.BENCH_END}\n\n## Geocoding\nkept\n")
    assert bench.main(["--rounds", "1", "--max-words", "1", "--data", str(tmp_path), "--docs", str(doc)]) == 0
    text = doc.read_text()
    assert "old" not in text and "| `polemos code` (Coder) | 266 |" in text
    assert "bare spaCy" in text and text.rstrip().endswith("## Geocoding\nkept")


def test_the_profile_table_gives_each_step_its_share_and_the_words_per_second_it_allows():
    costs = [bench.StepCost("tok2vec", 3.0), bench.StepCost("polemos_where", 1.0)]
    text = bench.profile_markdown(costs, 8_000, ["x"], "python -m polemos.bench --profile")
    assert "| tok2vec | 3.00 | 75.0% | 2,667 |" in text
    assert "| polemos_where | 1.00 | 25.0% | 8,000 |" in text
    assert "| **all** | 4.00 | 100% | 2,000 |" in text
