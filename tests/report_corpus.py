"""The corpus the report tests run on: the seed articles and one hostile document, extracted into a store.

The hostile document is a report of troop numbers whose title, publisher, text and quotes carry markup that would
run if the report did not escape it: each payload sets ``window.__xss`` (a test in the browser checks it stays
undefined) or adds an element (checked in the DOM and in the parsed HTML).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli import app

from .conftest import SEEDS

SCRIPT = "<script>window.__xss = 1</script>"
IMAGE = '"><img src=x onerror="window.__xss = 2">'
HOSTILE = {
    "id": "hostile <b>1</b>",
    "title": f"Troops {SCRIPT} sent",
    "source": f"Evil {IMAGE} Times",
    "published": "2024-12-28",
    "text": (f"Troops {SCRIPT} sent\n"
             f"Officials said that North Korea has sent 12,000 troops {IMAGE} to Russia.\n"
             f"The ministry said “{SCRIPT} more than 5 million artillery shells were supplied”, officials added.\n"),
}


def build(tmp: Path) -> tuple[Path, Path]:
    """Extract the seeds and the hostile document into a store under ``tmp``; (the store, the report)."""
    corpus = tmp / "hostile.jsonl"
    corpus.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = tmp / "claims.db"
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(SEEDS), str(corpus), "--db", str(db), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    report = tmp / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    return db, report
