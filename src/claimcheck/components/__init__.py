""":mod:`claimcheck.components`: claimcheck's spaCy components.

Importing this package registers the factories ``claimcheck_quantities``, ``claimcheck_attribution``,
``claimcheck_topics`` and ``claimcheck_measures`` with spaCy (``Language.factory`` runs at import).
``pip install claimcheck`` also exposes them through the ``spacy_factories`` entry point, so
``nlp.add_pipe("claimcheck_quantities")`` works without this import.
"""

from . import attribution, measures, quantities, topics  # noqa: F401  (imported for the registration side effect)
