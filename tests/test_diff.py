"""claimcheck diff: interval logic (exhaustively, with hypothesis), grouping on the seeds, every input path,
every output format and the exit codes."""

import json
import math
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.compare import Comparer, Entry, combined, gap, relation

from .conftest import SEEDS

SCHEMA = Path(__file__).resolve().parents[1] / "src/claimcheck/schema/diff-2.schema.json"
runner = CliRunner()


def entry(low, high, low_inc=True, high_inc=True, value=None, doc="d", origin="o"):
    return Entry(("c",), doc, low, high, low_inc, high_inc, value, origin, "t", "s")


# -- interval logic ------------------------------------------------------------------------------------

def test_relations_by_hand():
    nearly_5m = entry(4.5e6, 5e6, True, False)
    more_than_5m = entry(5e6, math.inf, False, False)
    millions = entry(2e6, 1e9, True, False)
    at_least_5m = entry(5e6, math.inf, True, False)
    assert relation(nearly_5m, more_than_5m) == "conflict" and gap(nearly_5m, more_than_5m) == 0
    assert relation(millions, more_than_5m) == relation(millions, nearly_5m) == "compatible"
    assert relation(entry(5e6, 5e6, value=5e6), at_least_5m) == "compatible"  # closed ends touch
    assert relation(entry(5e6, 5e6, value=5e6), more_than_5m) == "conflict"
    assert relation(entry(50, 50), entry(50, 50)) == "agree"
    assert gap(entry(100, 100), entry(150, 150)) == pytest.approx(50 / 150)


# rounded: two distinct bounds are then far enough apart for their float midpoint to lie strictly between them
# (the oracle below looks for a shared point among bounds and midpoints; (0, 5e-324) has no float inside it)
bounds = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def intervals(draw):
    a, b = sorted((draw(bounds), draw(bounds)))
    low = -math.inf if draw(st.booleans()) and draw(st.booleans()) else a
    high = math.inf if draw(st.booleans()) and draw(st.booleans()) else b
    return entry(low, high, draw(st.booleans()) or low == high, draw(st.booleans()) or low == high)


def _contains(e, x):
    above = x > e.low or (x == e.low and e.low_inclusive)
    below = x < e.high or (x == e.high and e.high_inclusive)
    return above and below


@given(intervals(), intervals())
def test_relation_is_symmetric_and_matches_a_shared_point(a, b):
    assert relation(a, b) == relation(b, a)
    # a shared point exists iff they do not conflict: check at every bound and midpoints between bounds
    points = sorted({x for x in (a.low, a.high, b.low, b.high) if math.isfinite(x)} | {0.0})
    candidates = points + [(p + q) / 2 for p, q in zip(points, points[1:], strict=False)]
    candidates += [points[0] - 1, points[-1] + 1]
    shared = any(_contains(a, x) and _contains(b, x) for x in candidates)
    assert (relation(a, b) != "conflict") == shared


@given(intervals(), intervals())
def test_gap_is_zero_unless_they_conflict_and_never_negative(a, b):
    g = gap(a, b)
    assert g >= 0
    if relation(a, b) != "conflict":
        assert g == 0


@given(st.lists(intervals(), min_size=1, max_size=6))
def test_combined_is_the_intersection_when_nothing_conflicts(entries):
    if any(relation(a, b) == "conflict" for i, a in enumerate(entries) for b in entries[i + 1:]):
        c = combined(entries, "conflict", {})
        lows = [e.low for e in entries if math.isfinite(e.low)]
        assert c["low"] is None or c["low"] == pytest.approx(min(lows), abs=1e-6)
        return
    c = combined(entries, "compatible", {})
    low = -math.inf if c["low"] is None else c["low"]
    high = math.inf if c["high"] is None else c["high"]
    assert all(e.low <= low + 1e-6 and high <= e.high + 1e-6 for e in entries)  # inside every interval
    assert low <= high


@st.composite
def dated_blocks(draw):
    """Blocks of figures with few distinct bounds (so that they touch, agree and nest), some open or vague, of a
    few dates, years, "rose to" flags, and documents with and without a date of their own."""
    values = st.sampled_from([-math.inf, 0.0, 3.0, 5.0, 5.0000000001, 12.5, 1e9, math.inf])
    block = []
    for k in range(draw(st.integers(1, 16))):
        a, b = sorted((draw(values), draw(values)))
        if a == b and math.isinf(a):
            a, b = 0.0, 3.0
        published = draw(st.sampled_from([None, "", "2024-02-20", "2024-02-21", "2025-01-01"]))
        block.append(Entry((f"c{k}",), f"d{k % 3}", a, b, draw(st.booleans()) or a == b, draw(st.booleans()) or a == b,
                           None, "o", "t", "s", published=published, update=draw(st.booleans()),
                           year=draw(st.sampled_from([None, 2024, 2025])), placed=draw(st.booleans())))
    return block


@given(dated_blocks(), st.booleans())
def test_pairs_are_graded_at_once_as_pair_by_pair(block, cumulative):
    """pairs.grade (numpy, every pair at once) gives what relation, apart, unplaced, supersedes and gap give pair
    by pair (pairs._pair_by_pair, the scalar functions in a loop), in the same order."""
    from claimcheck.pairs import _as_matrices, _pair_by_pair, grade

    by_pairs = _pair_by_pair(block, cumulative)
    # grade takes blocks of 8 or more as matrices, smaller ones pair by pair; the matrices are checked at any size
    for graded in (grade(block, cumulative=cumulative), _as_matrices(block, cumulative)):
        assert graded == by_pairs


@given(st.lists(st.sampled_from([0.0, 0.00004, 0.00005, 0.00015, 0.12345, 0.12344999, 0.1235, 0.5, 1.0]) |
                st.floats(0, 2), max_size=400))
def test_the_widest_conflicts_are_found_without_sorting_them_all(rules, gaps):
    """Of thousands of conflicts only the gaps that may round among the widest are sorted: the same ones, in the
    same order, as sorting them all (ties at the 4th decimal keep pair order)."""
    comparer = Comparer(rules)
    comparer.conflicts_listed = 7
    widths = [-round(g, 4) for g in gaps]
    assert comparer._widest_of(gaps) == sorted(range(len(gaps)), key=widths.__getitem__)[:7]


# -- on the seeds --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_claims(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("diff")
    result = runner.invoke(app, ["extract", str(SEEDS), "-f", "json", "--db", str(cwd / "claims.db")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), cwd / "claims.db"


def _by_text(out, topic):
    groups = [g for s in out["stories"] for g in s["groups"] if g["topic"] == topic]
    claims = {c["id"]: c for c in out["claims"]}
    return groups, claims


def test_artillery_conflict_shared_origin_and_no_containers(seeds_claims):
    _, db = seeds_claims
    result = runner.invoke(app, ["diff", "--topic", "artillery", "-f", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, json.loads(SCHEMA.read_text()))
    groups, claims = _by_text(out, "artillery")
    shells = next(g for g in groups if g["measure"]["class"] == "shell")
    assert shells["question"] == "how many shells supplied?"
    assert {claims[i]["text"] for i in shells["claims"]} == {
        "millions of artillery shells", "nearly five million artillery shells", "more than 5 million artillery shells"}
    assert shells["verdict"] == "conflict"
    [conflict] = shells["conflicts"]
    assert {claims[i]["text"] for i in conflict["claims"]} == {
        "nearly five million artillery shells", "more than 5 million artillery shells"}
    assert conflict["shared_origin"] is True and conflict["severity"] == "minor"
    assert conflict["documents"] == [claims[i]["doc"] for i in conflict["claims"]]
    millions = next(i for i in shells["claims"] if claims[i]["text"] == "millions of artillery shells")
    assert all(a["verdict"] == "compatible" for a in shells["agreements"] if millions in a["claims"])
    assert len([a for a in shells["agreements"] if millions in a["claims"]]) == 2
    containers = next(g for g in groups if g["measure"]["class"] == "container")
    assert not set(containers["claims"]) & set(shells["claims"])
    assert shells["denials"] and all(claims[i]["denial"] for i in shells["denials"])


def test_troops_cumulative_and_no_conflict(seeds_claims):
    _, db = seeds_claims
    out = json.loads(runner.invoke(app, ["diff", "--topic", "troops", "-f", "json", "--db", str(db)]).stdout)
    [group], claims = _by_text(out, "troops")
    assert group["verdict"] != "conflict"
    [cum] = group["cumulative"]
    assert (cum["low"], cum["high"]) == (11000, 15000)
    assert [claims[i]["text"] for i in cum["claims"]] == ["between 10,000 to 12,000 troops",
                                                          "an additional 1,000 to 3,000 soldiers"]


def test_missiles_no_conflict(seeds_claims):
    _, db = seeds_claims
    out = json.loads(runner.invoke(app, ["diff", "--topic", "missiles", "-f", "json", "--db", str(db)]).stdout)
    groups, claims = _by_text(out, "missiles")
    texts = {claims[i]["text"] for g in groups for i in g["claims"]}
    assert {"approximately 50 North Korean Hwasong-11 missiles", "dozens of short-range ballistic missiles",
            "more than 20 North Korean-made weapons"} <= texts
    assert all(g["verdict"] != "conflict" for g in groups)


def test_stdin_paths_and_store_agree(seeds_claims):
    extracted, db = seeds_claims
    from_store = runner.invoke(app, ["diff", "-f", "json", "--db", str(db)]).stdout
    from_stdin = runner.invoke(app, ["diff", "-", "-f", "json"], input=json.dumps(extracted)).stdout
    from_paths = runner.invoke(app, ["diff", str(SEEDS), "-f", "json"]).stdout
    def groups(out):
        return [g for s in json.loads(out)["stories"] for g in s["groups"]]

    assert groups(from_store) == groups(from_stdin) == groups(from_paths)


def test_json_written_story_by_story_is_the_whole_document(seeds_claims):
    """diff writes JSON a story at a time and passes the store's record text through: the same text as the whole
    comparison dumped at once, from the store as from stdin."""
    from claimcheck.diff_json import comparison_json
    from claimcheck.rules import load_rules

    extracted, db = seeds_claims
    comparison = Comparer(load_rules()).compare(extracted["claims"], extracted["documents"])
    whole = json.dumps(comparison.as_dict(), ensure_ascii=False)
    assert comparison_json(comparison) == whole
    from_store = runner.invoke(app, ["diff", "-f", "json", "--db", str(db)]).stdout
    from_stdin = runner.invoke(app, ["diff", "-", "-f", "json"], input=json.dumps(extracted)).stdout
    claims = '"claims": ['  # the stories differ only in the store's keywords; the records are the same text
    assert from_store[from_store.index(claims):] == from_stdin[from_stdin.index(claims):] == whole[
        whole.index(claims):] + "\n"


def test_the_terminal_report_stops_after_the_figures_it_may_show(rules):
    """As extract's table does, the report shows stories until the figures shown reach the limit, then counts
    the stories it leaves out (JSON and Markdown list them all)."""
    from rich.console import Console

    from claimcheck.compare import Totals
    from claimcheck.diff_report import render_stories

    claims, documents = [], []
    for n in range(6):  # six stories of three documents, each story's figures conflicting
        for k in range(3):
            doc = f"s{n}d{k}"
            documents.append({"id": doc, "story": f"s{n}", "published": None, "title": f"story {n}"})
            claims.append(troops_claim(f"{n}{k}", 100 + 50 * k, doc=doc))
    comparison = Comparer(rules).compare(claims, documents)
    console = Console(record=True, width=160)
    totals = Totals()
    render_stories(totals.counting(comparison.parts()), comparison.claims, comparison.documents, console, limit=5)
    text = console.export_text()
    assert text.count("Story: story") == 2  # 3 figures, then 6: the limit of 5 is passed after the second story
    assert "… and 4 more stories, 4 questions, 12 conflicts: the report stops at 5 figures" in text
    assert (totals.stories, totals.conflicts) == (6, 18)  # every story counted all the same
    full = Console(record=True, width=160)
    render_stories(comparison.parts(), comparison.claims, comparison.documents, full)
    assert full.export_text().count("Story: story") == 6 and "more stories" not in full.export_text()


def test_markdown_and_table(seeds_claims):
    _, db = seeds_claims
    md = runner.invoke(app, ["diff", "--topic", "artillery", "-f", "markdown", "--db", str(db)]).stdout
    assert md.startswith("# claimcheck diff") and "### how many shells supplied?" in md
    assert "## Story: Russian Shoigu’s visit to North Korea sparks new arms fears — 4 outlets, Dec 28, 2024" in md
    assert "| “nearly five million artillery shells” | [4.5 M, 5 M) |" in md
    assert "Same origin: not independent." in md
    table = runner.invoke(app, ["diff", "--topic", "troops", "--db", str(db)]).stdout
    assert "COMPATIBLE" in table and "11,000–15,000" in table


def test_exit_codes(seeds_claims, tmp_path):
    _, db = seeds_claims
    assert runner.invoke(app, ["diff", "--fail-on", "conflict", "--db", str(db)]).exit_code == 1
    assert runner.invoke(app, ["diff", "--topic", "troops", "--fail-on", "conflict", "--db", str(db)]).exit_code == 0
    unknown = runner.invoke(app, ["diff", "--topic", "artilery", "--db", str(db)])
    assert unknown.exit_code == 2 and "did you mean artillery" in unknown.output
    missing = runner.invoke(app, ["diff", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    bad = runner.invoke(app, ["diff", "-"], input='{"hello": 1}')
    assert bad.exit_code == 2 and "not a claims JSON document" in bad.output


def test_empty_store_is_an_error(tmp_path):
    from claimcheck.store import Store

    Store(tmp_path / "empty.db").close()
    result = runner.invoke(app, ["diff", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 2 and "holds no claims" in result.output


KILLED_TROOPS = {"id": "killed", "class": "troop", "noun": "soldier", "specific": False, "part": False,
                 "update": False}
SENT_TROOPS = {**KILLED_TROOPS, "id": "supplied", "noun": "troop"}


def test_syndicated_copy_is_flagged(rules):
    sentence = "Officials said 300 soldiers were killed in the attack on Monday."
    claims = [{"id": f"c{i}", "doc": doc, "kind": "quantity", "text": "300 soldiers", "sentence": sentence + extra,
               "topic": "killed", "attribution": None, "hedges": [], "denial": False, "measure": KILLED_TROOPS,
               "quantity": {"value": 300, "low": 300, "high": 300, "low_inclusive": True, "high_inclusive": True,
                            "unit": "soldier", "vague": False, "additional": False}}
              for i, (doc, extra) in enumerate([("a", ""), ("b", " "), ("c", " Police later said more.")])]
    [group] = Comparer(rules).compare(claims).all_groups()
    assert group.verdict == "agree" and group.syndicated == [["c0", "c1"]]


def test_big_blocks_are_swept_not_paired(rules):
    """Over the pairwise limit the verdict comes from sorting; the counts match the pairwise answer."""
    comparer = Comparer(rules)
    claims = []
    for i in range(comparer.pairwise_limit + 50):
        v = 1000 + (i % 7) * 10
        claims.append({"id": f"c{i}", "doc": f"d{i}", "kind": "quantity", "text": f"{v} troops", "sentence": f"s{i}",
                       "topic": "troops", "attribution": None, "hedges": [], "denial": False, "measure": SENT_TROOPS,
                       "quantity": {"value": v, "low": v, "high": v, "low_inclusive": True, "high_inclusive": True,
                                    "unit": "troop", "vague": False, "additional": False}})
    [group] = comparer.compare(claims).all_groups()
    n = len(claims)
    counts = [sum(1 for i in range(n) if i % 7 == k) for k in range(7)]
    expected = sum(counts[a] * counts[b] for a in range(7) for b in range(a + 1, 7))
    assert group.verdict == "conflict" and group.conflict_count == expected
    assert group.combined["low"] == 1000 and group.combined["high"] == 1060


def troops_claim(i, v, doc=None, vague=False, low=None, high=None):
    return {"id": f"c{i}", "doc": doc or f"d{i}", "kind": "quantity", "text": f"{v} troops", "sentence": f"s{i}",
            "topic": "troops", "attribution": None, "hedges": [], "denial": False, "measure": SENT_TROOPS,
            "quantity": {"value": None if vague else v, "low": v if low is None else low,
                         "high": v if high is None else high, "low_inclusive": True, "high_inclusive": not vague,
                         "unit": "troop", "vague": vague, "additional": False}}


def test_unattributed_documents_are_separate_origins(rules):
    """Document ids like "10_13ecbplus.xml" and "10_14ecbplus.xml" look alike; they are still two sources."""
    claims = [troops_claim(0, 100, doc="10_13ecbplus.xml"), troops_claim(1, 200, doc="10_14ecbplus.xml")]
    [group] = Comparer(rules).compare(claims).all_groups()
    assert group.combined["origins"] == 2
    assert group.conflicts[0]["shared_origin"] is False


def test_a_big_group_is_reported_with_its_conflicts_and_a_sample(rules):
    from rich.console import Console

    from claimcheck.diff_report import render

    claims = [troops_claim(i, 1000 + (i % 7) * 10) for i in range(500)]
    # a vague figure far above the precise ones: drawn as an arrow at the right end, not off the chart
    claims.append(troops_claim(500, "millions of", vague=True, low=1e6, high=1e9))
    comparison = Comparer(rules).compare(claims)
    console = Console(record=True, width=200)
    render(comparison, console)
    text = console.export_text()
    assert "more figures (--format json lists every one)" in text
    assert text.count("“1000 troops”") + text.count("“1060 troops”") >= 2  # the widest conflict's figures
    assert len(text.splitlines()) < 120
    assert "▶" in text


# -- stories, measures, parts and updates ------------------------------------------------------------------

def killed(i, doc, v, *, update=False, noun="people", specific=False, part=False, text=None):
    return {"id": f"k{i}", "doc": doc, "kind": "quantity", "text": text or f"{v} {noun}", "sentence": f"s{i}",
            "topic": "killed", "attribution": None, "hedges": [], "denial": False,
            "measure": {"id": "killed", "class": "person", "noun": noun, "specific": specific, "part": part,
                        "update": update},
            "quantity": {"value": v, "low": v, "high": v, "low_inclusive": True, "high_inclusive": True,
                         "unit": noun, "vague": False, "additional": False}}


def docs(*dated):
    return [{"id": d, "story": "s1", "published": p, "title": None, "publisher": None} for d, p in dated]


def test_a_later_higher_toll_updates_an_earlier_one(rules):
    comparer = Comparer(rules)
    [group] = comparer.compare([killed(0, "a", 3), killed(1, "b", 5)],
                               docs(("a", "2024-02-20"), ("b", "2024-02-22"))).all_groups()
    assert group.conflict_count == 0 and group.verdict == "agree"
    [update] = group.updates
    assert update["claims"] == ["k0", "k1"] and (update["from"], update["to"]) == ("2024-02-20", "2024-02-22")
    assert group.combined["low"] == group.combined["high"] == 5  # the latest figure
    # the same day: a conflict
    [same_day] = comparer.compare([killed(0, "a", 3), killed(1, "b", 5)],
                                  docs(("a", "2024-02-20"), ("b", "2024-02-20"))).all_groups()
    assert same_day.conflict_count == 1 and not same_day.updates
    # a toll that goes down later is no update
    [down] = comparer.compare([killed(0, "a", 5), killed(1, "b", 3)],
                              docs(("a", "2024-02-20"), ("b", "2024-02-22"))).all_groups()
    assert down.conflict_count == 1 and not down.updates
    # undated, but the text says "rose to"
    [said] = comparer.compare([killed(0, "a", 3), killed(1, "b", 5, update=True)],
                              docs(("a", None), ("b", None))).all_groups()
    assert said.conflict_count == 0 and len(said.updates) == 1


def test_parts_are_shown_with_the_total_and_never_conflict(rules):
    claims = [killed(0, "a", 3), killed(1, "b", 2, noun="victim", part=True, text="two of the victims"),
              killed(2, "b", 1, noun="man", specific=True, text="one man"),
              killed(3, "c", 2, noun="man", specific=True, text="two men")]
    groups = Comparer(rules).compare(claims, docs(("a", None), ("b", None), ("c", None))).all_groups()
    general = next(g for g in groups if not g.part_of)
    assert general.text == "how many people killed?" and general.parts == ["k1"]
    assert general.conflict_count == 0 and [e.ids[0] for e in general.entries] == ["k0"]
    men = next(g for g in groups if g.part_of)
    assert men.part_of == "killed: person" and men.text == "how many men killed?"
    assert men.conflict_count == 1  # "one man" and "two men" do answer the same question


def test_topic_filter_also_selects_by_measure(rules):
    """'Four people were injured' carries the topic people and measures injured: --topic injured finds it."""
    people = {**killed(0, "a", 4), "topic": "people"}
    people["measure"] = {**people["measure"], "id": "injured"}
    [group] = Comparer(rules).compare([people], docs(("a", None)), topic="injured").all_groups()
    assert group.text == "how many people injured?"
    assert Comparer(rules).compare([people], docs(("a", None)), topic="troops").all_groups() == []


def test_claims_of_different_stories_are_never_compared(rules):
    documents = [{"id": "a", "story": "s1", "published": None}, {"id": "b", "story": "s2", "published": None}]
    comparison = Comparer(rules).compare([killed(0, "a", 3), killed(1, "b", 50)], documents)
    assert comparison.conflicts == 0 and len(comparison.all_groups()) == 2
    assert [s.id for s in comparison.stories] == ["s1", "s2"]
    only = Comparer(rules).compare([killed(0, "a", 3), killed(1, "b", 50)], documents, story="s2")
    assert [g.entries[0].ids for g in only.all_groups()] == [("k1",)]


def test_a_mixed_feed_keeps_events_apart(tmp_path):
    """ECB+ articles on five events, two pairs of them of one kind (two rehab stays, two prison escapes): no
    conflict diff lists pairs claims of two different events."""
    from .test_stories import bench_records

    records = bench_records("1_ecb", "1_ecbplus", "3_ecb", "3_ecbplus", "22_ecb", per_cluster=8)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(feed), "-f", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, json.loads(SCHEMA.read_text()))
    gold = {r["id"]: r["cluster"] for r in records}
    assert len(out["stories"]) >= 2  # the events with figures to compare
    pairs = [c["documents"] for s in out["stories"] for g in s["groups"] for c in g["conflicts"]]
    assert all(gold[a] == gold[b] for a, b in pairs)
    for story in out["stories"]:
        assert len({gold[d] for d in story["documents"]}) == 1, story["documents"]


def test_a_figure_of_another_year_is_background(rules):
    """An article on a 2012 quake recalls the 2004 tsunami: its toll is not compared with this quake's."""
    from claimcheck.updates import is_background

    tsunami = "In 2004 a massive tremor sparked a tsunami that killed 170,000 people in the province."
    assert is_background(tsunami, 2012)
    assert not is_background(tsunami, 2004) and not is_background(tsunami, None)
    # a year before a comma is a year ("In 2004, a tsunami ..."); a figure with a thousands comma is not
    assert is_background("In 2004, a tsunami killed 230,000 people in Aceh.", 2012)
    assert not is_background("Some 2,004 people were killed.", 2012)
    assert not is_background("The quake killed five people on Tuesday.", 2012)
    today = {**killed(0, "a", 5), "sentence": "The quake killed five people on Tuesday."}
    then = {**killed(1, "b", 170000), "sentence": tsunami}
    comparison = Comparer(rules).compare([today, then], docs(("a", "2012-04-11"), ("b", "2012-04-12")))
    assert comparison.conflicts == 0 and comparison.background == {"s1": ["k1"]}


def test_a_figure_of_another_time_named_in_words_is_background(rules):
    """ECB+ 20_4ecbplus, on November 2005's Qeshm quake: "In February, a quake ... hit ... Zarand, killing 612 people"
    is February's quake; the same words in a February article are this month's news."""
    from claimcheck.updates import compile_recalls, is_background

    recalls = compile_recalls(rules.diff["recalls"])
    zarand = ("In February, a quake measuring 6.4 on the Richter scale hit the southern town of Zarand, killing 612 "
              "people and wounding around 1,400.")
    assert is_background(zarand, None, recalls) and is_background(zarand, 2005, recalls, "2005-11-28")
    assert not is_background(zarand, 2005, recalls, "2005-02-23")
    assert is_background("In early March, a gunman shot and wounded three people at a printing facility.", None,
                         recalls)
    assert not is_background("In Athens, three people died in a burning bank.", None, recalls)
    today = {**killed(0, "a", 10), "sentence": "The quake killed 10 people on Sunday."}
    then = {**killed(1, "b", 612), "sentence": zarand}
    comparison = Comparer(rules).compare([today, then], docs(("a", "2005-11-28"), ("b", "2005-11-28")))
    assert comparison.conflicts == 0 and comparison.background == {"s1": ["k1"]}


def test_recalls_anywhere_in_the_sentence_and_after_an_attributed_figure(rules):
    """ECB+ topics 20 and 10 (dev): news names its own event's day by weekday and an earlier one by month or by
    how long ago; for an attributed figure only words after it date the figure."""
    from claimcheck.updates import compile_recalls, is_background

    recalls = compile_recalls(rules.diff["recalls"])
    september = ("A powerful quake with a magnitude of 6.1 struck southern Iran in September near the port city of "
                 "Bandar Abbas, killing at least seven people and injuring 40, 15 of them on Qeshm.")
    assert is_background(september, None, recalls)
    assert not is_background(september, 2008, recalls, "2008-09-10")  # September's own news
    bam = ("The rocky and barren island was hit almost two years after the southeastern city of Bam was destroyed "
           "in a quake that killed tens of thousands of people.")
    assert is_background(bam, None, recalls)
    # a month with its day is a date, which may be the event's own
    assert not is_background("The jury began hearing the case Sept. 22 and convicted him of killing four people.",
                             None, recalls)
    assert not is_background("A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring "
                             "five people.", None, recalls)
    hunter = ("According to a report in the Los Angeles Times, the Angels have made an offer that would be the "
              "biggest contract in the history of the franchise, surpassing the $90 million deal they gave to "
              "Torii Hunter last season.")
    assert is_background(hunter, None, recalls, after=hunter.index("$90"))
    shells = ("In July, South Korean Defense Minister Shin Won-sik revealed that North Korea had transferred more "
              "than 5 million artillery shells to Russia.")
    assert not is_background(shells, 2024, recalls, after=shells.index("more than"))
    assert is_background(shells, 2024, recalls)  # unattributed, the month would date the figure


def test_recall_words_only_spare_the_search(rules):
    """A pattern's ``words`` skip the sentences that hold none of them: what the pattern finds is unchanged, in any
    case ("THREE YEARS AGO")."""
    from claimcheck.updates import compile_recalls, is_background

    with_words = compile_recalls(rules.diff["recalls"])
    without = compile_recalls([{"regex": row["regex"]} for row in rules.diff["recalls"]])
    assert any(r.words for r in with_words)
    for sentence in ("The fire THREE YEARS AGO killed 20.", "Last Decade, 50 people died on its roads.",
                     "Two years later, 5 people were hurt.", "The past years saw 3 fires.", "It rained 3 days ago.",
                     "In February, a quake killed 612 people.", "Officials said 300 soldiers were killed."):
        assert is_background(sentence, None, with_words) == is_background(sentence, None, without), sentence


@given(st.text(alphabet="0123456789189 20,.-abc", max_size=40))
def test_years_in_reads_what_its_pattern_finds(text):
    """years_in skips the pattern on a text without "18", "19" or "20": the same years either way."""
    from claimcheck.story_features import _YEAR, years_in

    assert years_in(text) == {int(y) for y in _YEAR.findall(text)}


def test_figures_of_documents_of_different_years_are_not_compared(rules):
    """A conflict is between figures of the same time: a story's documents from two years report two occasions.
    The year is the date's, else the story's when its dates fall in one year; a year the text names does not
    place a document (ECB+ topic 37: undated reports of one quake name 2002 and 2004, the quakes they recall). A
    higher figure later is still an update of a cumulative toll."""
    comparer = Comparer(rules)
    undated = [{"id": "a", "story": "s1", "published": None, "year": 2003},
               {"id": "b", "story": "s1", "published": None, "year": 2008}]
    [group] = comparer.compare([killed(0, "a", 40), killed(1, "b", 12)], undated).all_groups()
    assert group.conflict_count == 1 and group.other_years == 0
    [dated] = comparer.compare([killed(0, "a", 40), killed(1, "b", 12)],
                               docs(("a", "2003-05-01"), ("b", "2008-05-01"))).all_groups()
    assert dated.conflict_count == 0 and dated.other_years == 1
    [grew] = comparer.compare([killed(0, "a", 12), killed(1, "b", 40)],
                              docs(("a", "2003-05-01"), ("b", "2008-05-01"))).all_groups()
    assert grew.conflict_count == 0 and len(grew.updates) == 1 and grew.other_years == 0
    one_year_story = [*docs(("c", "2008-05-01"), ("d", "2008-06-01")), {"id": "a", "story": "s1", "published": None}]
    [placed] = comparer.compare([killed(0, "a", 40), killed(1, "c", 12)], one_year_story).all_groups()
    assert placed.other_years == 0 and placed.unplaced == 1  # the story's year, but no date of its own


def test_big_and_small_groups_follow_one_rule(rules):
    """Sorting (big groups) and pairing (small ones) give the same count, with touching open ends ("more than
    1,000" against "1,000") and figures of different years alike."""
    comparer = Comparer(rules)
    comparer.cumulative_measures = frozenset()  # the count, not updates (only pairing sees a later, higher toll)
    docs_ = [{"id": f"d{i}", "story": "s1", "published": ("2003-05-01", "2008-05-01", None)[i % 3]}
             for i in range(comparer.pairwise_limit + 30)]
    claims = []
    for i in range(len(docs_)):
        v = 1000 + (i % 4) * 10
        more_than = i % 5 == 0  # (v, inf): touches v itself at a point it does not include
        claims.append(troops_claim(i, v, doc=f"d{i}"))
        if more_than:
            claims[-1]["quantity"].update(value=None, high=None, low_inclusive=False, qualifier="gt")
    [big] = comparer.compare(claims, docs_).all_groups()
    entries = big.entries
    from claimcheck.compare import apart, unplaced
    expected = sum(1 for i, a in enumerate(entries) for b in entries[i + 1:]
                   if relation(a, b) == "conflict" and not apart(a, b) and not unplaced(a, b))
    assert big.conflict_count == expected > 0
    small = Comparer(rules)
    small.cumulative_measures = frozenset()
    small.pairwise_limit = len(claims) + 1
    [paired] = small.compare(claims, docs_).all_groups()
    assert paired.conflict_count == expected and paired.other_years == big.other_years > 0
    assert paired.unplaced == big.unplaced > 0


def test_a_toll_with_no_topic_is_compared_by_its_measure(tmp_path):
    """'The death toll rose to 14' names no counted noun, so no topic; it measures deaths, and two days after
    '12 people' it is an update, from the store and from stdin alike."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "published": "2023-05-17", "title": "Floods kill 12 in northern Italy",
                    "text": "Heavy rain in Emilia-Romagna killed 12 people, regional officials said."}) + "\n"
        + json.dumps({"id": "b", "published": "2023-05-19", "title": "Emilia-Romagna flood death toll rises",
                      "text": "The death toll from floods in Emilia-Romagna rose to 14 on Friday, officials said."})
        + "\n", encoding="utf-8")
    db = tmp_path / "claims.db"
    extracted = runner.invoke(app, ["extract", str(feed), "--db", str(db), "-f", "json"])
    assert extracted.exit_code == 0, extracted.output
    for out in (runner.invoke(app, ["diff", "--db", str(db), "-f", "json"]).stdout,
                runner.invoke(app, ["diff", "-", "-f", "json"], input=extracted.stdout).stdout,
                runner.invoke(app, ["diff", "--db", str(db), "--topic", "killed", "-f", "json"]).stdout):
        [group] = [g for s in json.loads(out)["stories"] for g in s["groups"]
                   if g["measure"]["id"] == "killed"]
        assert group["conflict_count"] == 0
        [update] = group["updates"]
        assert update["documents"] == ["a", "b"] and (update["from"], update["to"]) == ("2023-05-17", "2023-05-19")


# -- one rule whatever the size of the group --------------------------------------------------------------------

def _interval(i, low, high, low_inclusive=True, high_inclusive=True):
    claim = troops_claim(i, low)
    claim["quantity"].update(value=low if low == high else None, low=low, high=high, low_inclusive=low_inclusive,
                             high_inclusive=high_inclusive and high is not None)
    return claim


TOUCHING = [  # "nearly 5,000" [4500, 5000), "more than 5,000" (5000, inf), "5,000", "at least 5,000" [5000, inf),
    (4500, 5000, True, False), (5000, None, False, True), (5000, 5000, True, True), (5000, None, True, True),
    (4000, 4500, True, True), (6000, 6000, True, True)]  # and two that touch at a closed end, and one above


@pytest.mark.parametrize("copies", [1, 3])
def test_touching_open_ends_get_one_verdict_in_small_and_big_groups(rules, copies):
    claims = [_interval(i, *TOUCHING[i % len(TOUCHING)]) for i in range(len(TOUCHING) * copies)]
    paired = Comparer(rules)
    swept = Comparer(rules)
    swept.pairwise_limit = 2  # every group is swept
    [small] = paired.compare(claims).all_groups()
    [big] = swept.compare(claims).all_groups()
    assert small.conflict_count > 0
    assert (big.verdict, big.conflict_count) == (small.verdict, small.conflict_count)
    assert big.agreement_counts == small.agreement_counts
    if copies == 1:  # (with more, the widest gaps fill the listed conflicts)
        touching = [c for c in small.conflicts if "touch at a point neither includes" in c["reason"]]
        assert len(touching) == 4  # [4500, 5000) against 5000, (5000, inf) and [5000, inf); 5000 and (5000, inf)


def test_agreements_are_counted_and_listed_only_on_request(rules):
    claims = [troops_claim(i, 1000) for i in range(8)]  # 28 agreeing pairs
    [group] = Comparer(rules).compare(claims).all_groups()
    assert group.agreement_counts == {"agree": 28, "compatible": 0}
    assert len(group.agreements) == 5
    [everything] = Comparer(rules, list_agreements=True).compare(claims).all_groups()
    assert len(everything.agreements) == 28 and everything.agreement_counts == group.agreement_counts


def test_near_identical_wording_is_found_in_big_groups_too(rules):
    comparer = Comparer(rules)
    comparer.pairwise_limit = 2
    sentence = "Officials in the capital said on Monday that {} troops had been sent to the northern border region."
    claims = [troops_claim(i, 1000) for i in range(4)]
    for c, (doc, word) in zip(claims, [("a", "1,000"), ("b", "1000"), ("c", "1,000"), ("c", "1,000")],
                              strict=True):
        c["doc"], c["sentence"] = doc, sentence.format(word)
    claims[3]["sentence"] = claims[3]["sentence"].replace("region", "area")
    [group] = comparer.compare(claims).all_groups()
    # b differs from a by a comma (its second half is a's), c repeats a word for word, and c's second claim (one
    # word changed: its first half is a's) pairs with a, not with c's first claim, of its own document
    assert group.syndicated == [["c0", "c1"], ["c0", "c2"], ["c0", "c3"]]


# -- dated and undated documents ---------------------------------------------------------------------------------

QESHM_2008 = ("A strong 5.6 -magnitude earthquake jolted part of Qeshm island in the Gulf off Iran's southern "
              "Hormozgan province on Sunday, state television reported. According to the student ISNA news agency, "
              "the quake on the outskirts of Dargahan, a small town on the island, injured two people.")
QESHM_2005 = ("Ten people were killed and at least 50 injured when an earthquake razed mud-brick villages on the "
              "Persian Gulf island of Qeshm off Iran's southern coast Sunday, officials and state media said.")


def _injured_group(tmp_path, published_a, published_b):
    feed = tmp_path / f"qeshm-{published_a}-{published_b}.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n"
                            for i, p, t in (("a", published_a, QESHM_2008), ("b", published_b, QESHM_2005))),
                    encoding="utf-8")
    out = runner.invoke(app, ["extract", str(feed), "--no-store", "-f", "json"])
    assert out.exit_code == 0, out.output
    diffed = runner.invoke(app, ["diff", "-", "-f", "json"], input=out.stdout)
    stories = json.loads(diffed.stdout)["stories"]
    assert len(stories) == 1  # one island, one kind of event: the words alone cannot tell the two quakes apart
    [group] = [g for g in stories[0]["groups"] if g["measure"]["id"] == "injured"]
    return group


def test_an_undated_figure_is_not_set_against_a_dated_one(tmp_path):
    """ECB+ topic 20: an undated report of the 2008 Qeshm earthquake ("two people" hurt) and a report of the 2005
    one ("at least 50 injured"). Against a dated document, an undated one's figure may be of another occasion or an
    earlier count: the pair is counted as unplaced, not called a conflict. Two dated documents of one year, or two
    undated ones, are compared as ever."""
    mixed = _injured_group(tmp_path, None, "2005-11-28")
    assert (mixed["conflict_count"], mixed["unplaced"]) == (0, 1)
    assert "dated and an undated document" in mixed["reason"]
    for published in ((None, None), ("2005-11-28", "2005-11-28")):
        compared = _injured_group(tmp_path, *published)
        assert (compared["conflict_count"], compared["unplaced"], compared["verdict"]) == (1, 0, "conflict")


def test_big_and_small_groups_leave_out_the_same_unplaced_pairs(rules):
    comparer = Comparer(rules)
    # one date for the dated: a later higher troop count would be an update, which only pairing sees
    docs_ = [{"id": f"d{i}", "story": "s1", "published": "2024-03-01" if i % 3 else None}
             for i in range(comparer.pairwise_limit + 30)]
    claims = [troops_claim(i, 1000 + (i % 5) * 10, doc=f"d{i}") for i in range(len(docs_))]
    [big] = comparer.compare(claims, docs_).all_groups()
    small = Comparer(rules)
    small.pairwise_limit = len(claims) + 1
    [paired] = small.compare(claims, docs_).all_groups()
    assert (big.conflict_count, big.unplaced) == (paired.conflict_count, paired.unplaced)
    assert big.unplaced > 0 and big.conflict_count > 0
    assert big.agreement_counts == paired.agreement_counts


def test_a_later_figure_against_its_documents_first_is_not_compared(tmp_path):
    """ECB+ 20_4ecbplus and 20_3ecbplus: after its own toll ("a total of 10 people") an article recalls February's
    Zarand quake, and "It killed 612 people" names no time the rules can see. The document's own figure is its
    first; a later one that contradicts it is listed as secondary, never set against another outlet's "Ten
    people"."""
    own = ("Qeshm island governor Heydar Alishbandi told AFP that a total of 10 people had been killed and that "
           "the death toll was not expected to rise further.")
    recalled = "It killed 612 people and injured more than 1,400, leveling several villages."
    feed = tmp_path / "qeshm.jsonl"
    feed.write_text(json.dumps({"id": "a", "published": "2005-11-27", "text": f"{own}\n{recalled}"}) + "\n"
                    + json.dumps({"id": "b", "published": "2005-11-28", "text": QESHM_2005}) + "\n",
                    encoding="utf-8")
    out = runner.invoke(app, ["extract", str(feed), "--no-store", "-f", "json"])
    assert out.exit_code == 0, out.output
    diffed = json.loads(runner.invoke(app, ["diff", "-", "-f", "json"], input=out.stdout).stdout)
    [story] = diffed["stories"]
    [killed_group] = [g for g in story["groups"] if g["measure"]["id"] == "killed"]
    texts = {c["id"]: c["text"] for c in diffed["claims"]}
    assert [texts[i] for i in killed_group["secondary"]] == ["612 people"]
    assert killed_group["conflict_count"] == 0 and killed_group["verdict"] == "agree"
    assert "contradicting its document's first" in killed_group["reason"]
    # the same two sentences in two documents: each is its document's first, and they conflict
    apart = tmp_path / "apart.jsonl"
    apart.write_text(json.dumps({"id": "a", "published": "2005-11-27", "text": own}) + "\n"
                     + json.dumps({"id": "c", "published": "2005-11-27", "text": recalled}) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["extract", str(apart), "--no-store", "-f", "json"])
    diffed = json.loads(runner.invoke(app, ["diff", "-", "-f", "json"], input=out.stdout).stdout)
    groups = [g for s in diffed["stories"] for g in s["groups"] if g["measure"]["id"] == "killed"]
    assert sum(g["conflict_count"] for g in groups) == (1 if len(diffed["stories"]) == 1 else 0)
