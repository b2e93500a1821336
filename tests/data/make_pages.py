"""Write ``tests/data/pages/*.html``: saved-web-page copies of seed articles, with a page's furniture around the text.

Run once (``python tests/data/make_pages.py``); the pages are committed, and the tests read them as they are. Each
seed's reporting lines become the article (a short line without a closing stop is a subheading); the lines
``rules/boilerplate.jsonl`` flags go where a page keeps them (a teaser in the related links, "Leave a Comment" over
the comments). Around the article go a navigation menu, scripts, a cookie banner, related links and reader comments,
each holding numbers ("845 partners", "10 million shells") that must never become claims. Three layouts, as three
kinds of site write them: an ``<article>`` with Open Graph tags, a WordPress ``entry-content`` div with schema.org
JSON-LD, and a ``<main>`` with a Disqus-like comment thread.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from claimcheck.rules import load_rules
from claimcheck.segment import Segmenter

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "pages"

# seed file -> (layout, site name, date, URL)
PAGES = {
    "000_6b33e73df73c8612.txt": ("article", "Bloomberg", "2024-12-28",
                                 "https://www.bloomberg.com/news/articles/2024-12-28/shoigu-kim-talks"),
    "002_1dee5ac349f07ba8.txt": ("wordpress", "London Daily Report", "2024-12-28",
                                 "https://londondaily.example/russia-north-korea-shoigu"),
    "004_6881012dfa7ffe4d.txt": ("main", "Kyiv Post", "2024-12-28",
                                 "https://www.kyivpost.com/post/44170"),
}

NAV = """<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/markets">Markets: 5 charts to watch</a></li><li><a href="/live">Live: 24 hours of Ukraine war</a></li>
<li><a href="/subscribe">Subscribe for $1 a week</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent" role="dialog"><p>We and our 845 partners store and access information
on your device. You can accept all 845 or refuse all but 3 essential cookies.</p><button>Accept all</button>
<button>Manage options</button></div>"""

SCRIPTS = """<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"event": "pageview",
"articleWords": 1200, "shells": "7 million"}});</script>
<script src="https://ads.example/loader.js?slots=12" async></script>"""

RELATED = """<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a1">Oil rises 3% as 40,000 barrels go missing</a></li>
<li><a href="/a2">Fed holds rates at 4.5% for a third month</a></li>{teasers}</ul></aside>"""

COMMENTS = """<section id="comments" class="comments-area"><h3>{n} Comments</h3>{prompt}
<div class="comment"><p class="comment-author">ivan_77</p><p>I heard they sent 10 million shells, not 5.</p></div>
<div class="comment"><p class="comment-author">observer</p><p>At least 30,000 troops were sent, my cousin says.</p>
</div></section>"""

FOOTER = """<footer class="site-footer"><p>© 2024 {site}. 731 Lexington Avenue, New York.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · 1-800-555-0199</p></footer>"""


def lines_of(text: str, segmenter: Segmenter) -> tuple[list[str], list[str]]:
    """The reporting lines and the furniture lines of a seed, in order."""
    body, furniture = [], []
    for para in segmenter.paragraphs(text):
        (furniture if para.boilerplate else body).append(para.text)
    return body, furniture


def blocks(body: list[str]) -> str:
    out = []
    for i, line in enumerate(body):
        tag = "h1" if i == 0 and len(line) < 200 and not line.endswith((".", "!", "?")) else (
            "h2" if len(line) < 90 and not line.endswith((".", "!", "?", "”", '"')) else "p")
        out.append(f"<{tag}>{html.escape(line, quote=False)}</{tag}>")
    return "\n".join(out)


def page(layout: str, site: str, date: str, url: str, body: list[str], furniture: list[str]) -> str:
    title = body[0] if len(body[0]) < 200 else site
    teasers = "".join(f'\n<li><a href="/more">{html.escape(line, quote=False)}</a></li>' for line in furniture)
    head = [f"<title>{html.escape(title)} | {html.escape(site)}</title>", f'<link rel="canonical" href="{url}">']
    if layout == "article":
        head += [f'<meta property="og:site_name" content="{html.escape(site)}">',
                 f'<meta property="og:title" content="{html.escape(title)}">',
                 f'<meta property="article:published_time" content="{date}T09:30:00Z">']
        content = f'<article class="story">\n{blocks(body)}\n</article>'
    elif layout == "wordpress":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": date,
              "publisher": {"@type": "Organization", "name": site}}
        head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
        content = (f'<div id="primary" class="content-area"><div class="post">\n<h1 class="entry-title">'
                   f'{html.escape(title)}</h1>\n<div class="entry-content">\n{blocks(body)}\n</div></div></div>')
    else:
        head += [f'<meta property="og:site_name" content="{html.escape(site)}">',
                 f'<meta name="date" content="{date}">']
        content = f'<main id="content">\n<div class="post-content">\n{blocks(body)}\n</div>\n</main>'
    comments = COMMENTS.format(n=2, prompt="<p>Leave a Comment</p><p>Your email address will not be published.</p>")
    return "\n".join(["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', *head,
                      SCRIPTS.format(), "</head><body>", NAV.format(site=html.escape(site)), content,
                      RELATED.format(teasers=teasers), comments, FOOTER.format(site=html.escape(site)),
                      "</body></html>", ""])


# pages with no article: a cookie wall in front of an article that never loaded (trafilatura gives the banner's
# text, which the boilerplate rules then set aside), and a page saved before its script drew the article
COOKIE_WALL = "\n".join(["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Just a moment...'
                         "</title>", SCRIPTS.format(), "</head><body>", NAV.format(site="Daily Example"),
                         FOOTER.format(site="Daily Example"), "</body></html>", ""])
APP_SHELL = "\n".join(["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Daily Example</title>',
                       SCRIPTS.format(), "</head><body>", NAV.split('<div id="cookie')[0].format(site="Daily Example"),
                       '<div id="root"><noscript>You need to enable JavaScript to run this app.</noscript></div>',
                       FOOTER.format(site="Daily Example"), "</body></html>", ""])


def main() -> None:
    segmenter = Segmenter(load_rules(ROOT / "rules"))
    OUT.mkdir(exist_ok=True)
    for name, (layout, site, date, url) in PAGES.items():
        body, furniture = lines_of((ROOT / "seeds" / name).read_text(encoding="utf-8"), segmenter)
        (OUT / name.replace(".txt", ".html")).write_text(page(layout, site, date, url, body, furniture),
                                                         encoding="utf-8")
    (OUT / "cookie_wall.html").write_text(COOKIE_WALL, encoding="utf-8")
    (OUT / "app_shell.html").write_text(APP_SHELL, encoding="utf-8")


if __name__ == "__main__":
    main()
