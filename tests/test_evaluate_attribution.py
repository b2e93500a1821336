"""The attribution eval: source and relation scores, per cue, resolved speakers and speaker words."""

import json

from claimcheck.evaluate_attribution import merge_cues, pool_cues, score_attribution


def gold_file(tmp_path, *records):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


def test_relation_needs_the_whole_gold_span_inside_the_content(nlp, tmp_path):
    # the content is "the talks had failed"; a gold span running into the next sentence is the wrong content
    text = "Officials said the talks had failed. Nobody came."
    right = score_attribution(nlp, gold_file(tmp_path, {"text": text, "claims": [
        {"span": "the talks had", "speaker": "Officials", "cue": "said"}]}))
    assert (right.speaker.tp, right.relation.tp) == (1, 1)
    wrong = score_attribution(nlp, gold_file(tmp_path, {"text": text, "claims": [
        {"span": "the talks had failed. Nobody", "speaker": "Officials", "cue": "said"}]}))
    assert (wrong.speaker.tp, wrong.speaker.fp, wrong.speaker.fn) == (1, 0, 0)
    assert (wrong.relation.tp, wrong.relation.fp, wrong.relation.fn) == (0, 1, 1)


def test_scores_by_cue_and_resolved(nlp, tmp_path):
    text = "Officials said the talks had failed.\nHe said 5 troops died."
    report = score_attribution(nlp, gold_file(tmp_path, {"text": text, "claims": [
        {"span": "the talks", "speaker": "Officials", "cue": "said", "speaker_text": "Officials"},
        {"span": "5 troops", "speaker": None}]}))
    # "5 troops" gets the carried speaker: a false alarm here, counted under the predicted cue
    assert report.by_cue["said"].source.tp == 1 and report.by_cue["said"].source.fp == 1
    assert (report.speaker_text_ok, report.speaker_text_scored) == (1, 1)
    resolved = score_attribution(nlp, gold_file(tmp_path, {"text": text, "claims": [
        {"span": "5 troops", "speaker": "Officials", "cue": "said", "speaker_text": "He", "resolved": True}]}))
    assert (resolved.resolved.tp, resolved.resolved.fn) == (1, 0)
    assert resolved.speaker_text_scored == 0  # a resolved speaker's words are a pronoun, not the name


def test_rare_cues_are_pooled_in_one_row(nlp, tmp_path):
    text = "Officials said 5 troops died.\nAnalysts warned that 3 tanks were lost."
    report = score_attribution(nlp, gold_file(tmp_path, {"text": text, "claims": [
        {"span": "5 troops", "speaker": "Officials", "cue": "said"},
        {"span": "3 tanks", "speaker": "Analysts", "cue": "warned"}]}))
    merged = merge_cues([report, report])
    assert merged["said"].gold == 2 and merged["warned"].gold == 2
    rows = pool_cues(merged, min_gold=2)
    assert [c for c, _ in rows] == ["said", "warned"]
    rows = pool_cues(merged, min_gold=3)
    assert [(c, s.gold, s.source.tp) for c, s in rows] == [("other (2 cues)", 4, 4)]
