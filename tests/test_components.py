"""The spaCy side: factories usable from a plain blank pipeline, via the entry points too."""

import subprocess
import sys
from importlib.metadata import entry_points


def test_entry_points_are_declared():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"claimcheck_quantities", "claimcheck_attribution", "claimcheck_topics"} <= names


def test_add_pipe_on_a_blank_pipeline_without_importing_claimcheck():
    """In a fresh interpreter, spaCy finds the factories through the entry points alone."""
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('sentencizer')\n"
        "for name in ('claimcheck_quantities', 'claimcheck_attribution', 'claimcheck_topics'): nlp.add_pipe(name)\n"
        "doc = nlp('Officials said more than 5 million artillery shells were delivered.')\n"
        "[s] = doc.spans['cc_quantities']\n"
        "[st] = doc.spans['cc_statements']\n"
        "print(s.text, s._.cc_quantity.low, s._.cc_topic, st._.cc_statement.attribution.speaker, sep='|')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "more than 5 million artillery shells|5000000.0|artillery|Officials"


def test_pipe_analysis(nlp):
    summary = nlp.analyze_pipes()
    assert all(problems == [] for problems in summary["problems"].values())


def test_cue_spans_are_inspectable(nlp):
    doc = nlp("Nearly 300 people were killed.")
    assert [(s.text, s.label_, s.id_) for s in doc.spans["cc_quantity_cues"] if s.label_ == "QUALIFIER"] == [
        ("Nearly", "QUALIFIER", "approx_below")]


def test_tokenizer_cuts_numbers_and_survives_saving(nlp):
    """The digit-guarded affixes cut glued forms, and a saved tokenizer loads into a plain blank pipeline."""
    import spacy

    text = "It cost USD115, ranged 5k-20k, hit x>10 and 10,000–12,000; £74m."
    expected = ["It", "cost", "USD", "115", ",", "ranged", "5", "k", "-", "20", "k", ",", "hit", "x", ">", "10",
                "and", "10,000", "–", "12,000", ";", "£", "74", "m", "."]
    assert [t.text for t in nlp.tokenizer(text)] == expected
    plain = spacy.blank("en")
    plain.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in plain.tokenizer(text)] == expected
    # words with no digit are cut exactly as spaCy cuts them
    words = "Mr. Smith's co-operation (in the U.S.) wasn't enough!"
    assert [t.text for t in nlp.tokenizer(words)] == [t.text for t in spacy.blank("en").tokenizer(words)]
