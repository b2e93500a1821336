"""``make bench``: claimcheck's speed and memory on the ECB+ news corpus, against baselines measured in the same run.

Prints one table: bare ``spacy.blank("en")`` tokenization words/s, ``claimcheck extract`` words/s (full pipeline,
one process, no store), their ratio, the speed-up of a 2-process pool (``--jobs 2``) over one process, peak memory
(max RSS of a child process running extract) at 1x and 10x the corpus, ``claimcheck diff`` time over the store the
1x run filled and over a store of about a million claims (the 1x store's rows copied with new ids), ``claimcheck
report`` time over the 1x store and the time headless Chromium takes to open that report (when Chromium is
installed), and quantulum3's words/s on the same text when it is installed. Each speed is the median of
``--repeat`` runs. Usage: ``python bench/run.py [--repeat N] [--scale 10] [--claims 1000000]``;
``python bench/run.py --report-store STORE`` times only the report, over a store you filled.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "ecbplus.jsonl"


def words_in(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def as_documents(texts: list[str]) -> list:
    from claimcheck.models import Document

    return [Document(id=str(i), path="-", sha256=None, status="ok", text=t) for i, t in enumerate(texts)]


def bare_tokenizer(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - start


def extract_in_process(texts: list[str]) -> float:
    from claimcheck.pipeline import build_nlp
    from claimcheck.process import Extractor
    from claimcheck.rules import load_rules

    rules = load_rules()
    extractor = Extractor(build_nlp(rules), rules)
    docs = as_documents(texts)
    start = time.perf_counter()
    for _ in extractor.run(docs):
        pass
    return time.perf_counter() - start


def extract_with_pool(texts: list[str], jobs: int) -> float:
    """The same run on a pool of ``jobs`` processes, timed once the pool is up (a long run pays that once)."""
    from claimcheck.engines import ProcessEngine
    from claimcheck.process import Extractor
    from claimcheck.rules import load_rules

    rules = load_rules()
    extractor = Extractor(None, rules)
    docs = as_documents(texts)
    with ProcessEngine(rules, jobs) as engine:
        for _ in extractor.run(docs[:jobs * 4], engine=engine):  # every worker has built its pipeline
            pass
        start = time.perf_counter()
        for _ in extractor.run(docs, engine=engine):
            pass
        return time.perf_counter() - start


def grow_store(source: Path, target: Path, claims_wanted: int) -> tuple[int, int]:
    """Copy the store ``source`` into ``target`` with its documents and claims repeated under new ids until it
    holds about ``claims_wanted`` claims; returns (claims, claims diff compares)."""
    import shutil
    import sqlite3

    shutil.copy(source, target)
    con = sqlite3.connect(target)
    base = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    con.execute("CREATE TEMP TABLE d AS SELECT * FROM documents")
    con.execute("CREATE TEMP TABLE c AS SELECT * FROM claims")
    con.execute("CREATE TEMP TABLE m AS SELECT * FROM story_members")
    for k in range(1, max(1, round(claims_wanted / base))):
        tag = f"#{k}"
        con.execute("INSERT INTO documents SELECT id || ?1, sha256, fingerprint, status, "
                    "json_set(record, '$.id', id || ?1) FROM d", (tag,))
        con.execute("INSERT INTO claims SELECT id || ?1, doc || ?1, seq, kind, topic, unit, low, high, "
                    "json_set(record, '$.id', id || ?1, '$.doc', doc || ?1) FROM c", (tag,))
        # each copy is one more outlet of the same stories: the stories grow, their number does not
        con.execute("INSERT INTO story_members SELECT doc || ?1, story, sha256, vector FROM m", (tag,))
    con.commit()
    total = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    compared = con.execute("SELECT count(*) FROM claims WHERE kind = 'quantity' AND topic IS NOT NULL").fetchone()[0]
    con.close()
    return total, compared


def group_stories(path: Path) -> tuple[int, float]:
    """Place every document of a JSONL corpus in stories, in one process, as ``extract`` does after the pipeline
    (metadata read from the text, then the story index); (documents, seconds). No store: the grouping alone."""
    from claimcheck.process import Extractor
    from claimcheck.reader import read_inputs
    from claimcheck.rules import load_rules
    from claimcheck.story_assignment import StoryAssigner

    rules = load_rules()
    extractor, assigner = Extractor(None, rules), StoryAssigner(rules)
    assigner.features.read("warm-up", "Tables loaded before the clock starts.")
    n = 0
    start = time.perf_counter()
    for document in read_inputs([str(path)]):
        assigner.place(extractor.prepare(document)[0])
        n += 1
    return n, time.perf_counter() - start


def child_stories(path: Path) -> tuple[int, float, int]:
    """:func:`group_stories` in a child process: (documents, seconds, peak RSS in MiB, as the child reports it:
    the parent's figure for its children is a running maximum over all of them)."""
    out = subprocess.run([sys.executable, __file__, "--group-stories", str(path)], check=True, capture_output=True,
                         text=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) // 1024


def child_peak_rss(args: list[str]) -> tuple[float, int]:
    """Run a claimcheck command in a child process; its wall time and peak RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcheck", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def report_timings(store: Path, folder: Path) -> list[tuple[str, str]]:
    """``claimcheck report`` over ``store`` (wall time of the command, in a child process), and headless Chromium
    opening the page it wrote: time to its load event (layout of the whole page included), and the browser's start
    apart. Targets: under 10 s and under 3 s for the ECB+ store."""
    page = folder / "report.html"
    seconds, peak = child_peak_rss(["report", "--db", str(store), "-o", str(page)])
    rows = [("claimcheck report (1x store)", f"{seconds:.2f} s, {page.stat().st_size / 2**20:.1f} MiB of HTML; "
                                             f"peak {peak} MiB")]
    sys.path.insert(0, str(HERE.parent))  # the DevTools driver of the tests
    from tests.headless import Browser, find_chromium

    if find_chromium() is None:
        return [*rows, ("report opened in Chromium", "Chromium not installed (Debian: apt-get install chromium)")]
    start = time.perf_counter()
    with Browser() as browser:
        started = time.perf_counter() - start
        opened = browser.open(page.as_uri())
        groups = browser.evaluate("document.querySelectorAll('.group').length")
        marks = browser.evaluate("document.querySelectorAll('mark').length")
    return [*rows, ("report opened in Chromium", f"{opened:.2f} s to the load event ({groups} groups, {marks:,} "
                                                  f"marked spans); browser start {started:.2f} s")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--claims", type=int, default=1_000_000, help="size of the store diff is timed on")
    parser.add_argument("--stories-scale", type=int, default=100, help="copies of the corpus grouped into stories")
    parser.add_argument("--group-stories", type=Path, help=argparse.SUPPRESS)  # the child of child_stories
    parser.add_argument("--report-store", type=Path, help="only time the report over this store")
    args = parser.parse_args()
    if args.report_store:
        with tempfile.TemporaryDirectory() as tmp:
            for k, v in report_timings(args.report_store, Path(tmp)):
                print(f"{k:<30}  {v}")
        return
    if args.group_stories:
        n, seconds = group_stories(args.group_stories)
        print(n, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    texts = [r["text"] for r in records]
    words = words_in(texts)
    tok = statistics.median(bare_tokenizer(texts) for _ in range(args.repeat))
    ext = statistics.median(extract_in_process(texts) for _ in range(args.repeat))
    pool = statistics.median(extract_with_pool(texts, 2) for _ in range(args.repeat))
    rows = [("corpus", f"{len(texts)} articles, {words:,} words"),
            ("spacy.blank('en') tokenizer", f"{words / tok:,.0f} words/s"),
            ("claimcheck extract (1 process)", f"{words / ext:,.0f} words/s"),
            ("extract / tokenizer", f"{tok / ext:.2f}x"),
            ("claimcheck extract --jobs 2", f"{words / pool:,.0f} words/s ({ext / pool:.2f}x one process; "
                                            f"{os.cpu_count()} cores)")]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"ecbplus_x{args.scale}.jsonl"
        with big.open("w", encoding="utf-8") as f:
            for k in range(args.scale):
                for r in records:
                    f.write(json.dumps({**r, "id": f"{k}/{r['id']}"}) + "\n")
        # one child per measurement, so each peak is its own (ru_maxrss of children is a running maximum:
        # the smaller corpus runs first)
        t1, rss1 = child_peak_rss(["extract", str(CORPUS), "-f", "jsonl", "--db", str(Path(tmp) / "x1.db")])
        t10, rss10 = child_peak_rss(["extract", str(big), "-f", "jsonl", "--no-store"])
        # grouping after the extract runs, in children that report their own peaks (the parent's figure for
        # its children is a running maximum: the extract peaks must be taken before a bigger child runs)
        n1, s1, srss1 = child_stories(CORPUS)
        huge = Path(tmp) / f"ecbplus_x{args.stories_scale}.jsonl"
        with huge.open("w", encoding="utf-8") as f:
            for k in range(args.stories_scale):
                for r in records:
                    f.write(json.dumps({**r, "id": f"{k}/{r['id']}"}) + "\n")
        n100, s100, srss100 = child_stories(huge)
        huge.unlink()
        td, _ = child_peak_rss(["diff", "-f", "json", "--db", str(Path(tmp) / "x1.db")])
        report_rows = report_timings(Path(tmp) / "x1.db", Path(tmp))
        n, compared = grow_store(Path(tmp) / "x1.db", Path(tmp) / "big.db", args.claims)
        tbig, _ = child_peak_rss(["diff", "--db", str(Path(tmp) / "big.db")])
        tbig_json, _ = child_peak_rss(["diff", "-f", "json", "--db", str(Path(tmp) / "big.db")])
    rows += [("stories 1x (metadata + grouping)", f"{n1:,} documents in {s1:.2f} s, {n1 / s1:,.0f} documents/s, "
                                                  f"{s1 / ext:.2f}x extract time; peak {srss1} MiB"),
             (f"stories {args.stories_scale}x", f"{n100:,} documents in {s100:.1f} s, {n100 / s100:,.0f} documents/s; "
                                                f"peak {srss100} MiB ({srss100 / srss1:.2f}x the 1x peak)"),
             ("peak memory, extract 1x", f"{rss1} MiB"),
             (f"peak memory, extract {args.scale}x", f"{rss10} MiB ({rss10 / rss1:.2f}x the 1x peak)"),
             (f"extract wall time 1x / {args.scale}x", f"{t1:.1f} s / {t10:.1f} s"),
             ("diff over the 1x store", f"{td:.2f} s"),
             *report_rows,
             (f"diff over {n:,} stored claims", f"{tbig:.1f} s report, {tbig_json:.1f} s JSON "
                                                 f"({compared:,} of them quantities with a topic)")]
    try:
        import quantulum3  # noqa: F401
    except ImportError:
        rows.append(("quantulum3", "not installed (pip install '.[bench]')"))
    else:
        from quantulum3 import parser as q

        sample = texts[:100]
        start = time.perf_counter()
        for t in sample:
            q.parse(t)
        qt = time.perf_counter() - start
        rows.append(("quantulum3 (first 100 articles)", f"{words_in(sample) / qt:,.0f} words/s; extract is "
                                                         f"{(words / ext) / (words_in(sample) / qt):.1f}x faster"))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
