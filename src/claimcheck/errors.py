""":mod:`claimcheck.errors`: the errors a user must act on; the CLI turns each into one line on stderr."""


class ClaimcheckError(Exception):
    """Base class: the message is shown to the user as it is."""


class RulesError(ClaimcheckError):
    """A file under ``rules/`` is malformed. The message starts with ``path:line:``."""


class InputError(ClaimcheckError):
    """An input path the user named cannot be used at all (missing, not readable)."""


class StoreError(ClaimcheckError):
    """The store cannot be used: not a claimcheck store, or one written by a newer version."""
