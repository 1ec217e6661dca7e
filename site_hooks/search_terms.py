"""MkDocs hook: make dates, figures and the readers' own words findable in search.

One job, after Material's search plugin has written ``search/search_index.json``:
add to every indexed section a hidden field ``terms`` (indexed, never displayed)
holding the figures and dates of its text as one token each, and the reader's
words of ``search_terms.yaml`` whose pattern its text matches.

Why: the plugin segments only runs of Han characters with jieba, so the notice's
deadline (year 年 6月20日前) is indexed as year / 年 / 6 / 月 / 20 / 日前, while the
search box sends 6月20日 as one term (Material's query segmenter splits Han runs
only, and leaves digits attached): no page could be found by a date or by 40亿元 or
15个. The field gives
each a token of its own: ``<year>年6月20日``, ``6月20日``, ``6月20日前``, ``40亿元``,
``15个``; the search box's prefix match (``6月20日*``) then finds them.

Material's query segmenter also never keeps the last word of a Han run (研发经费 is
sent as 研发*), so a reader's multi-word phrase is found by its first word; the
page boosts (front matter ``search: boost``) put the source pages first.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from checker.law.pack import load_catalogue

FIELD = "terms"
WORDS_FILE = Path(__file__).with_name("search_terms.yaml")
# Zero-width space (the plugin's segment mark) and markup left in the indexed text.
NOISE = re.compile(r"\u200b|<[^>]*>")
# A hidden token is a whole date, figure or word the reader typed, not a fragment of
# one: it weighs as a title does (Material: title 1000, text 1), so it outweighs the
# single characters (时, 日) the query segmenter also sends when they sit in a title.
BOOST = 1000.0
DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日(前)?")


@cache
def _words() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    data = yaml.safe_load(WORDS_FILE.read_text("utf-8"))
    words = {word: re.compile(pattern) for word, pattern in data["words"].items()}
    fields = (f for s in load_catalogue().sections for f in s.fields)
    units = {f.unit for f in fields if getattr(f, "unit", None)} | set(data["units"])
    # Longest first, so 亿元 wins over 元 and 万元 over 万.
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    figure = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*({alternatives})")
    return words, figure


def terms_of(text: str) -> list[str]:
    """The hidden tokens of one section's indexed text, in order of appearance, once each."""
    words, figure = _words()
    plain = NOISE.sub("", text)
    found: list[str] = []
    for m in DATE.finditer(plain):
        year, month, day, before = m.groups()
        date = f"{month}月{day}日"
        found += ([f"{year}年{date}"] if year else []) + [date] + ([date + before] if before else [])
    found += [number + unit for number, unit in figure.findall(plain)]
    found += [word for word, pattern in words.items() if pattern.search(plain)]
    return list(dict.fromkeys(found))


def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        raise PluginError("search_terms: search/search_index.json was not written (is the search plugin on?)")
    index = json.loads(path.read_text("utf-8"))
    index["config"]["fields"][FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        terms = terms_of(doc.get("title", "") + " " + doc.get("text", ""))
        if terms:
            doc[FIELD] = " ".join(terms)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
