""":mod:`claimcheck.lexicon`: what a word can be, from spaCy's lookup tables, without a trained model.

``spacy-lookups-data`` ships English lemma tables: a form -> lemma lookup and the lists of known nouns,
adjectives and verbs. That is enough to tell "troops" (plural of the noun "troop") from "died" (a verb form),
which is all the counted-noun heuristic needs.
"""

from __future__ import annotations

from functools import cache

from spacy.lookups import load_lookups


class Lexicon:
    def __init__(self, lemma_lookup, nouns: frozenset[str], adjectives: frozenset[str], verbs: frozenset[str],
                 collective: frozenset[str], lemma_overrides: dict[str, str] | None = None):
        self._lookup = lemma_lookup
        self.nouns = nouns
        self.adjectives = adjectives
        self.verbs = verbs
        self.collective = collective
        self.lemma_overrides = dict(lemma_overrides or {})

    def lemma(self, lower: str) -> str:
        return self._lookup.get(lower, lower)

    def noun_lemma(self, lower: str, *, proper: bool = False) -> str:
        """The lemma of a word read as a noun: "troops" -> "troop"; "number" stays "number" (the table's lemma is
        the adjective "numb"); ``noun_lemmas`` in ``rules/nouns.json`` settles the rest ("crew", not "crow").
        ``proper``: the word is capitalised, where "-is" ends a people's plural ("Somalis", "Yemenis"), not a
        singular such as "crisis"."""
        if lower in self.lemma_overrides:
            return self.lemma_overrides[lower]
        if proper and lower.endswith("is") and len(lower) > 4 and lower not in self._lookup \
                and lower not in self.nouns:
            return lower[:-1]
        lemma = self.lemma(lower)
        if lemma != lower and lemma not in self.nouns and lower in self.nouns:
            return lower  # "number" (not the adjective "numb")
        if lemma != lower and lemma in self.verbs and lower.endswith("ed"):
            return lower  # "20 wounded", "12 injured": a participle standing for people, not the verb "wound"
        if lemma == lower and lower not in self._lookup and lower not in self.nouns and len(lower) > 3 \
                and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ies")):
            return lower[:-1]  # a plural the table does not know: "chipsets" -> "chipset"
        return lemma

    def form_ids(self, lemmas: frozenset[str]) -> frozenset[int]:
        """The string ids (``Token.lower``) of every lower-case form whose lemma is one of ``lemmas``.

        The lookup table is keyed by string ids, so this is the only way to ask it "which forms": a component
        can then find its candidate tokens in a PhraseMatcher pass (``CueMatcher``'s ``words``) instead of a Python
        call per token.
        """
        from spacy.strings import get_string_id

        ids = {key for key, lemma in self._lookup.items() if lemma in lemmas}
        # a word the table does not list is its own lemma
        ids.update(i for i in map(get_string_id, lemmas) if i not in self._lookup)
        return frozenset(ids)

    def is_plural_noun(self, lower: str) -> bool:
        """A noun in a plural form ("shells", "troops") or a collective head ("people", "personnel"); a form the
        rules give a noun lemma of its own is a plural when the lemma differs ("lives": "life", not "live")."""
        if lower in self.collective:
            return True
        if lower in self.lemma_overrides:
            return self.lemma_overrides[lower] != lower
        lemma = self.lemma(lower)
        return lemma != lower and lower.endswith("s") and lemma in self.nouns

    def is_plural_form(self, lower: str) -> bool:
        """A plural noun, counting plurals of words the table lacks ("slayings", "palestinians"); a word the table
        has is a plural only as a noun ("allows" and "lives" are verb forms there)."""
        return self.is_plural_noun(lower) or (
            lower not in self._lookup and lower not in self.nouns and self.noun_lemma(lower) != lower)

    def is_nominal(self, lower: str) -> bool:
        """Could modify or head a noun phrase: a known noun or adjective, or an unknown word (likely a name)."""
        if lower in self.nouns or lower in self.adjectives or lower in self.lemma_overrides:
            return True
        lemma = self.lemma(lower)
        if lemma in self.nouns:
            return True
        return lower not in self.verbs and lemma not in self.verbs

    def is_participle(self, lower: str) -> bool:
        """A verb form that can still modify a noun ("wounded soldiers", "North Korean-made weapons")."""
        lemma = self.lemma(lower)
        return lemma != lower and lemma in self.verbs and not lower.endswith("s")


def lexicon_for(nouns: dict) -> Lexicon:
    """The English lexicon with the collective heads and noun lemmas of a rules folder's ``nouns.json``."""
    return english_lexicon(frozenset(nouns.get("collective_heads", ())),
                           tuple(sorted(nouns.get("noun_lemmas", {}).items())))


@cache
def english_lexicon(collective: frozenset[str] = frozenset(),
                    lemma_overrides: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """The English lexicon, loaded once per process (the tables take a moment to read)."""
    lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
    index = lookups.get_table("lemma_index")
    return Lexicon(
        lookups.get_table("lemma_lookup"),
        nouns=frozenset(index["noun"]),
        adjectives=frozenset(index["adj"]),
        verbs=frozenset(index["verb"]),
        collective=collective,
        lemma_overrides=dict(lemma_overrides),
    )
