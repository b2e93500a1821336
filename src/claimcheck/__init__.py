""":mod:`claimcheck`: extract numeric and attributed claims from news articles and compare them across sources.

The public API:

- :func:`claimcheck.pipeline.build_nlp` builds the rule-based spaCy pipeline from a rules folder.
- :func:`claimcheck.process.extract_documents` streams documents through it and yields their claims.
- :func:`claimcheck.reader.read_inputs` turns paths (files, folders, ``-``) into documents.
"""

__version__ = "0.3.0"

CLAIMS_SCHEMA = "claimcheck/claims@2"


def schema_path():
    """The JSON Schema of ``extract --format json`` output, shipped inside the package."""
    from pathlib import Path

    return Path(__file__).parent / "schema" / "claims-2.schema.json"
