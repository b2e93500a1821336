import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# what claimcheck builds once from the rules is cached per user: the tests use a folder of their own, made before
# anything is loaded, so they neither read a developer's cache nor leave anything in it
_CACHE = tempfile.mkdtemp(prefix="claimcheck-test-cache-")
os.environ["CLAIMCHECK_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

from claimcheck.extract import SpeakerContext, paragraph_claims  # noqa: E402
from claimcheck.pipeline import build_nlp  # noqa: E402  (after the cache folder is set)
from claimcheck.rules import load_rules  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"


@pytest.fixture(scope="session")
def rules():
    return load_rules(RULES)


@pytest.fixture(scope="session")
def nlp(rules):
    return build_nlp(rules)


@pytest.fixture(scope="session")
def quantities(nlp):
    """text -> list of (span text, Quantity, topic) in order."""

    def run(text):
        doc = nlp(text)
        return [(s.text, s._.cc_quantity, s._.cc_topic) for s in doc.spans["cc_quantities"]]

    return run


@pytest.fixture(scope="session")
def seed_texts():
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def claims_of(nlp, *paragraphs):
    """The claims of consecutive paragraphs, with speakers carried from one to the next as in a real run."""
    context, out = SpeakerContext(), []
    for text in paragraphs:
        out.extend(paragraph_claims(nlp(text), doc_id="t", context=context))
    return out


def claim(claims, text):
    """The claim whose text starts with ``text``."""
    found = [c for c in claims if c.text.startswith(text)]
    assert found, (text, [c.text for c in claims])
    return found[0]
