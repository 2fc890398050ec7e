"""The search vocabulary as the portal keeps it (registered with ``search.vocabulary.set_source``).

* synonym sets: every active :class:`SynonymSet`, and for every metal
  (groups too) and every process its German and English name when they
  differ ("Kupfer", "Copper");
* symbols: every metal with a chemical symbol and its names
  (``("Cu", ("Kupfer", "Copper"))``);
* labels: the names of every metal, process and institution with its facet
  and slug (``("metal", "cu", ("Kupfer", "Copper", "Cu"))``), so that naming
  one finds the items tagged with it; an institution also without its legal
  form ("Magnettechnik Wernigerode" for "… GmbH"), as people name it.

Sets that share a phrase (ignoring case) are merged into one, so the search
layer receives sets that do not overlap: the set "Seltene Erden / SEE / REE"
and the group of metals named "Seltene Erden" / "Rare earth elements"
become one set.  Four queries, whatever the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal.synonyms.models import SynonymSet, split_terms
from portal.taxonomy.models import Institution, Metal, Process
from search.vocabulary import Vocabulary


def read_vocabulary() -> Vocabulary:
    sets = [split_terms(terms) for terms in SynonymSet.objects.filter(active=True).values_list("terms", flat=True)]
    symbols = []
    labels = []
    for slug, name_de, name_en, symbol in Metal.objects.values_list("slug", "name_de", "name_en", "symbol"):
        names = split_terms(f"{name_de}\n{name_en}")
        sets.append(names)
        if symbol.strip() and names:
            symbols.append((symbol.strip(), names))
        labels.append(("metal", slug, names))
    for slug, name_de, name_en in Process.objects.values_list("slug", "name_de", "name_en"):
        names = split_terms(f"{name_de}\n{name_en}")
        sets.append(names)
        labels.append(("process", slug, names))
    labels += [("institution", slug, tuple(dict.fromkeys((name, short_name(name)))))
               for slug, name in Institution.objects.values_list("slug", "name")]
    return Vocabulary(synonym_sets=merge(sets), symbols=tuple(sorted(symbols)),
                      labels=tuple(label for label in labels if label[2]))


#: legal forms that people leave out when they name a company or association ("Harzer Metallhütte" for "… GmbH")
LEGAL_FORMS = ("gmbh & co. kg", "gmbh & co kg", "ggmbh", "gmbh", "mbh", "kgaa", "ag", "kg", "ohg", "ug", "se", "eg",
               "e.v.", "ev", "e. v.", "ltd.", "ltd", "inc.", "inc", "llc", "plc", "s.a.", "sa", "b.v.", "bv", "ab",
               "a.s.", "s.r.o.", "sp. z o.o.")
_LEGAL_FORM = re.compile(r"[\s,]+(?:" + "|".join(re.escape(form) for form in sorted(LEGAL_FORMS, key=len, reverse=True))
                         + r")\s*$", re.IGNORECASE)


def short_name(name: str) -> str:
    """``name`` without a trailing legal form ("Batterie-Recycling Harz GmbH" → "Batterie-Recycling Harz")."""
    shorter = _LEGAL_FORM.sub("", name.strip())
    return shorter if shorter and shorter != name.strip() else name.strip()


def merge(sets: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """The sets with those that share a phrase (ignoring case) joined, in order; sets of one phrase left out."""
    groups: list[list[str] | None] = []
    where: dict[str, int] = {}  # folded phrase -> index of its group
    for phrases in sets:
        touched = sorted({where[p.casefold()] for p in phrases if p.casefold() in where})
        target = touched[0] if touched else len(groups)
        if not touched:
            groups.append([])
        group = groups[target]
        for index in touched[1:]:  # this set joins two groups that were apart
            for phrase in groups[index]:
                where[phrase.casefold()] = target
            group += groups[index]
            groups[index] = None
        for phrase in phrases:
            if phrase.casefold() not in where:
                where[phrase.casefold()] = target
                group.append(phrase)
    return tuple(tuple(group) for group in groups if group is not None and len(group) > 1)
