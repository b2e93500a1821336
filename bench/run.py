"""``make bench``: claimcheck's speed and memory on the ECB+ news corpus, against baselines measured in the same run.

Prints one table: bare ``spacy.blank("en")`` tokenization words/s over the paragraphs extract processes,
``claimcheck extract`` words/s (full pipeline, one process, no store), their ratio, the speed-up of a 2-process pool
(``--jobs 2``), peak memory of extract at 1x and 10x the corpus, start-up (one sentence: ``extract`` and ``diff``,
the cache warm), the reader's peak memory on a 10 MB and a 1 GB JSONL, origin families over 100k generated names,
``diff`` over generated stores of 1x, 10x, 100x (and more, with ``--diff-scales``) the corpus's size with the
fitted exponent of time against claims, and quantulum3 over the whole corpus after a warm-up.
Speeds are medians of ``--repeat`` runs. Usage: ``python bench/run.py [--repeat N] [--diff-scales 1,10,100]``.
``claimcheck report`` over the 1x store and headless Chromium opening it (when installed) are timed too;
``python bench/run.py --report-store STORE`` times only the report, over a store you filled;
``python bench/run.py --diff-only --diff-scales 1,10,100,1000`` only the diff curve (the 1000x store, about ten
million claims and 10 GB, takes minutes to generate).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def paragraphs_of(texts: list[str]) -> list[str]:
    """The paragraphs extract sends through the pipeline (boilerplate lines left out), for the tokenizer baseline."""
    from claimcheck.process import Extractor
    from claimcheck.rules import load_rules

    extractor = Extractor(None, load_rules())
    return [p.text for d in as_documents(texts) for p in extractor.prepare(d)[1]]


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


def child_seconds(args: list[str], repeat: int, cwd: Path) -> float:
    """Median wall time of a claimcheck command in a fresh process (one run first, not counted: the cache warm)."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "claimcheck", *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def child_report(*args: str) -> list[str]:
    """Run this script's hidden measurement ``args`` in a child process; the words it prints (its own peak RSS
    among them, so each peak is that child's alone)."""
    return subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                          text=True).stdout.split()


def write_corpus(path: Path, records: list[dict], size: int) -> None:
    """A JSONL corpus of about ``size`` bytes: the ECB+ records again and again under new ids."""
    written, k = 0, 0
    with path.open("w", encoding="utf-8") as f:
        while written < size:
            for r in records:
                line = json.dumps({**r, "id": f"{k}/{r['id']}"}) + "\n"
                f.write(line)
                written += len(line)
            k += 1


def read_only(path: Path) -> tuple[int, int]:
    """Every document of a corpus through the reader, nothing else: (documents, peak RSS in KiB)."""
    from claimcheck.reader import read_inputs

    n = sum(1 for _ in read_inputs([str(path)]))
    return n, own_peak_kib()


def families_of(n: int) -> tuple[float, int, int]:
    """origin_families over ``n`` generated names: (seconds, families, peak RSS in KiB)."""
    sys.path.insert(0, str(HERE))
    from synthetic import origin_names

    from claimcheck.rules import load_rules
    from claimcheck.speakers import SpeakerNamer, origin_families

    names, namer = origin_names(n), SpeakerNamer(load_rules())
    start = time.perf_counter()
    families = origin_families(names, namer)
    return time.perf_counter() - start, len(set(families.values())), own_peak_kib()


def diff_curve(template: Path, tmp: Path, scales: list[int], documents: int) -> list[tuple[int, int, float, int]]:
    """diff over generated stores of ``documents`` x each scale, the terminal report: (scale, claims, seconds,
    peak MiB) each; and JSON, which writes every compared claim, as (seconds, peak MiB, MB written) of each."""
    sys.path.insert(0, str(HERE))
    from synthetic import generate_store

    rows, json_rows = [], []
    for scale in scales:
        store = tmp / f"generated_x{scale}.db"
        start = time.perf_counter()
        _, claims = generate_store(template, store, documents * scale)
        print(f"(generated the {scale}x store, {claims:,} claims, in {time.perf_counter() - start:.0f} s)",
              file=sys.stderr)
        # opened once before timing: a store from before version 4 would be upgraded, and the page cache warm
        subprocess.run([sys.executable, "-m", "claimcheck", "store", "info", "--db", str(store)], check=True,
                       capture_output=True)
        out = child_report("--time-diff", str(store))
        rows.append((scale, claims, float(out[0]), int(out[1]) // 1024))
        out = child_report("--time-diff", str(store), "--diff-format", "json")
        json_rows.append((float(out[0]), int(out[1]) // 1024, int(out[2]) / 1e6))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
    return rows, json_rows


def diff_rows(curve: list[tuple[int, int, float, int]],
              json_curve: list[tuple[float, int, float]]) -> list[tuple[str, str]]:
    """The table rows of the diff curve: each store's terminal report and JSON, and the fitted exponent."""
    rows = [(f"diff, generated store {scale}x", f"{claims:,} claims: {seconds:.1f} s, peak {peak} MiB; JSON "
                                                 f"({mb:,.0f} MB) {json_seconds:.1f} s, peak {json_peak} MiB")
            for (scale, claims, seconds, peak), (json_seconds, json_peak, mb) in zip(curve, json_curve, strict=True)]
    if len(curve) > 1:
        rows.append(("diff time ~ claims^k", f"k = {fitted_exponent(curve):.2f} (terminal report; least squares "
                                              f"over the {len(curve)} sizes; 1 is linear)"))
    return rows


def fitted_exponent(rows: list[tuple[int, int, float, int]]) -> float:
    """The slope of log(time) against log(claims), least squares: 1 is linear, about 1.1 is n log n here."""
    import math

    xs = [math.log(c) for _, c, _, _ in rows]
    ys = [math.log(t) for _, _, t, _ in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


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


def own_peak_kib() -> int:
    """This process's own peak RSS (VmHWM). Not ``ru_maxrss``: on Linux that keeps, across exec, the peak of the
    process that forked it, so every child of a big parent would report the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # pragma: no cover  (not Linux)


def child_peak_rss(args: list[str], output: Path | None = None) -> tuple[float, int]:
    """Run a claimcheck command in a child process, its output to ``output`` (else thrown away: never through a
    pipe this process would have to read); its wall time and its own peak RSS in MiB."""
    start = time.perf_counter()
    with open(output or os.devnull, "wb") as sink:
        out = subprocess.run([sys.executable, __file__, "--peak-of", *args], check=True, stdout=sink,
                             stderr=subprocess.PIPE, text=True).stderr.split()
    return time.perf_counter() - start, int(out[-1]) // 1024


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
    parser.add_argument("--stories-scale", type=int, default=100, help="copies of the corpus grouped into stories")
    parser.add_argument("--diff-scales", default="1,10,100", help="generated store sizes diff is timed on, in "
                                                                   "corpus sizes (1000 is about ten million claims)")
    parser.add_argument("--stream-mb", type=int, default=1024, help="size of the big JSONL the reader reads")
    parser.add_argument("--names", type=int, default=100_000, help="distinct origin names joined into families")
    parser.add_argument("--group-stories", type=Path, help=argparse.SUPPRESS)  # the child of child_stories
    parser.add_argument("--read-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--families", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--time-diff", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--diff-format", default="table", help=argparse.SUPPRESS)
    parser.add_argument("--diff-only", action="store_true", help="only the diff curve (--diff-scales), over stores "
                                                                 "generated from the corpus extracted once")
    parser.add_argument("--peak-of", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--report-store", type=Path, help="only time the report over this store")
    args = parser.parse_args()
    if args.report_store:
        with tempfile.TemporaryDirectory() as tmp:
            for k, v in report_timings(args.report_store, Path(tmp)):
                print(f"{k:<30}  {v}")
        return
    if args.group_stories:
        n, seconds = group_stories(args.group_stories)
        print(n, seconds, own_peak_kib())
        return
    if args.read_only:
        print(*read_only(args.read_only))
        return
    if args.families:
        print(*families_of(args.families))
        return
    if args.time_diff:
        with tempfile.TemporaryDirectory() as tmp:
            written = Path(tmp) / "diff.out"
            seconds, peak = child_peak_rss(["diff", "--db", str(args.time_diff), "-f", args.diff_format], written)
            print(seconds, peak * 1024, written.stat().st_size)
        return
    if args.diff_only:
        records = sum(1 for _ in CORPUS.open(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            subprocess.run([sys.executable, "-m", "claimcheck", "extract", str(CORPUS), "--db", str(tmp / "x1.db"),
                            "-f", "jsonl"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            curve, json_curve = diff_curve(tmp / "x1.db", tmp, [int(x) for x in args.diff_scales.split(",")],
                                           records)
        print(f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
              f"{platform.processor() or platform.machine()}")
        for k, v in diff_rows(curve, json_curve):
            print(f"{k:<36}  {v}")
        return
    if args.peak_of:  # a claimcheck command in this process, its own peak on stderr's last line
        import atexit

        atexit.register(lambda: print(own_peak_kib(), file=sys.stderr))
        sys.argv = ["claimcheck", *args.peak_of]
        from claimcheck.cli import main as claimcheck

        claimcheck()
        return
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    texts = [r["text"] for r in records]
    words = words_in(texts)
    paragraphs = paragraphs_of(texts)
    tok = statistics.median(bare_tokenizer(paragraphs) for _ in range(args.repeat))
    ext = statistics.median(extract_in_process(texts) for _ in range(args.repeat))
    pool = statistics.median(extract_with_pool(texts, 2) for _ in range(args.repeat))
    rows = [("corpus", f"{len(texts)} articles, {words:,} words ({len(paragraphs):,} paragraphs processed)"),
            ("spacy.blank('en') tokenizer, same paragraphs", f"{words / tok:,.0f} words/s"),
            ("claimcheck extract (1 process)", f"{words / ext:,.0f} words/s"),
            ("extract / tokenizer", f"{tok / ext:.2f}x"),
            ("claimcheck extract --jobs 2", f"{words / pool:,.0f} words/s ({ext / pool:.2f}x one process; "
                                            f"{os.cpu_count()} cores)")]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big = tmp / f"ecbplus_x{args.scale}.jsonl"
        with big.open("w", encoding="utf-8") as f:
            for k in range(args.scale):
                for r in records:
                    f.write(json.dumps({**r, "id": f"{k}/{r['id']}"}) + "\n")
        # one child per measurement, so each peak is its own (ru_maxrss of children is a running maximum:
        # the smaller corpus runs first)
        t1, rss1 = child_peak_rss(["extract", str(CORPUS), "-f", "jsonl", "--db", str(tmp / "x1.db")])
        t10, rss10 = child_peak_rss(["extract", str(big), "-f", "jsonl", "--no-store"])
        big.unlink()
        n1, s1, srss1 = child_stories(CORPUS)
        huge = tmp / f"ecbplus_x{args.stories_scale}.jsonl"
        with huge.open("w", encoding="utf-8") as f:
            for k in range(args.stories_scale):
                for r in records:
                    f.write(json.dumps({**r, "id": f"{k}/{r['id']}"}) + "\n")
        n100, s100, srss100 = child_stories(huge)
        huge.unlink()
        one = tmp / "one.txt"
        one.write_text("The earthquake killed 14 people, officials said.\n", encoding="utf-8")
        start_extract = child_seconds(["extract", str(one), "--no-store", "-f", "json"], args.repeat, tmp)
        child_seconds(["extract", str(one), "--db", str(tmp / "one.db"), "-f", "json"], 1, tmp)  # fills a store
        start_diff = child_seconds(["diff", "--db", str(tmp / "one.db")], args.repeat, tmp)
        td = child_seconds(["diff", "-f", "json", "--db", str(tmp / "x1.db")], 1, tmp)
        small, large = tmp / "small.jsonl", tmp / "large.jsonl"
        write_corpus(small, records, 10 * 2**20)
        docs_small, rss_small = map(int, child_report("--read-only", str(small)))
        write_corpus(large, records, args.stream_mb * 2**20)
        docs_large, rss_large = map(int, child_report("--read-only", str(large)))
        large_mb = large.stat().st_size / 2**20
        small.unlink()
        large.unlink()
        fam = child_report("--families", str(args.names))
        curve, json_curve = diff_curve(tmp / "x1.db", tmp, [int(x) for x in args.diff_scales.split(",")],
                                       len(records))
        report_rows = report_timings(tmp / "x1.db", tmp)
    rows += [("stories 1x (metadata + grouping)", f"{n1:,} documents in {s1:.2f} s, {n1 / s1:,.0f} documents/s, "
                                                  f"{s1 / ext:.2f}x extract time; peak {srss1} MiB"),
             (f"stories {args.stories_scale}x", f"{n100:,} documents in {s100:.1f} s, {n100 / s100:,.0f} documents/s; "
                                                f"peak {srss100} MiB ({srss100 / srss1:.2f}x the 1x peak)"),
             ("peak memory, extract 1x", f"{rss1} MiB"),
             (f"peak memory, extract {args.scale}x", f"{rss10} MiB ({rss10 / rss1:.2f}x the 1x peak)"),
             (f"extract wall time 1x / {args.scale}x", f"{t1:.1f} s / {t10:.1f} s"),
             ("start-up: extract one sentence", f"{start_extract:.2f} s (median of {args.repeat}, cache warm)"),
             ("start-up: diff, one-sentence store", f"{start_diff:.2f} s"),
             ("diff over the 1x store (JSON)", f"{td:.2f} s"),
             ("reader peak, 10 MB JSONL", f"{rss_small // 1024} MiB ({docs_small:,} documents)"),
             (f"reader peak, {large_mb:,.0f} MB JSONL", f"{rss_large // 1024} MiB ({docs_large:,} documents; "
                                                       f"{rss_large / rss_small:.2f}x the 10 MB peak)"),
             (f"origin families, {args.names:,} names", f"{float(fam[0]):.1f} s, {int(fam[1]):,} families, "
                                                        f"peak {int(fam[2]) // 1024} MiB"),
             *report_rows]
    rows += diff_rows(curve, json_curve)
    try:
        import quantulum3  # noqa: F401
    except ImportError:
        rows.append(("quantulum3", "not installed (pip install '.[bench]')"))
    else:
        from quantulum3 import parser as q

        q.parse(texts[0])  # warm-up: its tables and classifier load on the first call
        start = time.perf_counter()
        for t in texts:
            q.parse(t)
        qt = time.perf_counter() - start
        rows.append(("quantulum3 (whole corpus, warm)", f"{words / qt:,.0f} words/s; extract is "
                                                         f"{qt / ext:.1f}x faster"))
    width = max(len(k) for k, _ in rows)
    print(f"# {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {platform.processor() or platform.machine()}")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
