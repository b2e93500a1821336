""":mod:`claimcheck.web_page`: a saved web page's article text and metadata, read with trafilatura.

trafilatura (the ``html`` extra) finds the main text of a page and leaves out what is around it (navigation,
cookie banners, related links, comments, scripts), and reads the title, the site's name, the published date and
the canonical URL from the page's markup (``<title>``, Open Graph and schema.org tags, htmldate). The text it
returns is the document text: claim offsets index it, and it is what the store keeps.

Without trafilatura a page is not read (:data:`INSTALL_HINT` says what to install); the reader then lists it as
``skipped`` with that hint, so no page is ever dropped silently.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

HTML_SUFFIXES = (".html", ".htm")
INSTALL_HINT = "reading HTML needs trafilatura: pip install 'claimcheck[html]'"
NO_MAIN_TEXT = "no main text found in the page (trafilatura found only navigation, banners or nothing)"


@dataclass(frozen=True)
class Page:
    """What a page yields: its main text (None when it has none) and what its markup says about it."""

    text: str | None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None


def available() -> bool:
    """Is trafilatura installed? (Checked once per run by the reader, not per page.)"""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def read_page(html: str, *, url: str | None = None) -> Page:
    """The main text and metadata of one page.

    Args:
        html: the page's markup, decoded.
        url: where the page came from, when known (a JSONL record's ``url``); helps trafilatura with relative
            links and the site's name.

    Raises:
        ImportError: trafilatura is not installed (see :func:`available`).
    """
    import trafilatura

    # its warnings ("discarding data: None") would reach stderr through logging's last-resort handler, unformatted;
    # what they say is in the document's status and reason
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # comments and tables are left out: reader comments are not the outlet's claims, and a table's cells come out
    # as one number a line with nothing to say what they count. favor_precision: a number from a menu or a teaser
    # taken for the article's would be compared as an outlet's claim, a short paragraph missed is only a claim less;
    # and without it, a page with no article (a script-rendered shell) gives its menu as the text
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False, include_images=False, include_links=False,
                                        favor_precision=True)
    text = _text(getattr(found, "text", None)) if found is not None else None
    if found is None or not text:
        return Page(None)
    return Page(text, title=_field(found, "title"), publisher=_field(found, "sitename"),
                published=_field(found, "date"), url=_field(found, "url"))


def _text(text: str | None) -> str | None:
    """The extracted text with newlines as the reader writes them (``\\n``), or None when it is blank."""
    if not text or not text.strip():
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None)
    return value.strip() or None if isinstance(value, str) else None
