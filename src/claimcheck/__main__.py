"""``python -m claimcheck``: the same as the ``claimcheck`` command."""

from .cli import main

main()
