"""What a query's text means, for every backend alike: clauses, their stems, how many must match.

:func:`text_query` turns the visitor's text into :class:`Clause` objects:

* a **word** (one token, not in quotes) matches where it stands as typed,
  or where a word with the same stem stands (``Metalle`` finds ``Metall``;
  ``Kupferrecycling`` finds ``Recycling von Kupfer``, through its parts;
  see :mod:`search.analysis`), or its translation (``copper`` finds
  ``Kupfer``; see :mod:`search.glossary`);
* a **quoted phrase** of several words matches where its words all
  stand, each as a word would match (stems, parts, translations; its stop
  words are optional), and items holding it as written, word for word and
  in order, rank first (:data:`PHRASE_BONUS`): quotes keep words together
  without losing the documents that say the same in other words
  ("Laugung mit Salzsäure" finds "mit Salzsäure gelaugt");
* a **quoted single word** matches only as written (no stems, no
  translations);
* a **hyphenated chunk** (``LCD-Glas``, ``LED-Abfällen``) matches as
  written, or where each of its words matches as a word would (``LCD`` and
  ``Altglas``: its parts hold ``Glas``);
* **stop words** (``der``, ``aus``, ``the``, ``from``) are optional: they
  add relevance where they match but never decide whether an item matches,
  unless the query has nothing else.

* **synonyms and symbols** (:mod:`search.synonyms`, kept by editors): a
  span of words that a synonym set holds matches any phrase of the set
  ("black mass" finds "Schwarzmasse", "PGM" finds "platinum group
  metals"); an element symbol its metal ("Li" finds "Lithium"), where that
  is safe;
* the **name of an institution** (of several words) matches as written or
  through the items tagged with it, never word by word.

Which items match, and how they rank (ranked retrieval, not boolean
matching): each required clause gets a weight, its rarity among the items
the caller may see (:func:`clause_weights`, BM25's idf); an item is a
candidate when the clauses it holds (in its own fields or on any page of
its PDFs) weigh at least :func:`candidate_share` of the query's total.  One
clause must match; of two, either alone suffices unless it is much more
common than the other (then only the rarer one does); of three or four,
two; of a whole question, two of its rarer words.  A quoted phrase must always match
(as written or word by word).  Candidates rank by a
BM25 score over title, summary, body and PDF pages (field weights 3, 2, 1,
1), plus a coordination bonus (:data:`COORDINATION_BONUS` times the share
of the query's weight the item holds: matching more of the query ranks
higher) and a proximity bonus (:data:`PROXIMITY_BONUS`) when the words
stand within :data:`PROXIMITY_WINDOW` words of each other.

Backends translate these clauses into their own query language; neither
ever sees user text as syntax.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from search.analysis import query_stems, stem, tokens
from search import dictionary, glossary
from search.query import quoted_clauses
from search.synonyms import Span, Thesaurus, is_ambiguous_symbol, phrase_key, thesaurus_of
from search.vocabulary import Vocabulary, current

MAX_ALTERNATIVES = 8  # ways one word may match by stems (its own, its parts', translations)
#: translations a word takes from the general dictionary (search.dictionary) when the field glossary has none
DICTIONARY_TRANSLATIONS = 2
#: shorter stems ("bio", "erz", acronyms) take no translation from the dictionary: too many senses
MIN_DICTIONARY_STEM = 4
MAX_SYNONYM_ALTERNATIVES = 24  # ways a synonym span may match (every phrase of its set, and their forms)

#: what holding a quoted phrase as written (word for word, in order) adds, per phrase
PHRASE_BONUS = 4.0
#: what matching more of the query adds to an item's score, at most (all of the query's weight held)
COORDINATION_BONUS = 4.0
#: what the query's words standing close together add
PROXIMITY_BONUS = 3.0
#: how close (in words) they must stand
PROXIMITY_WINDOW = 6
#: what an item's score is multiplied by, per content type: an institution's own entry (its profile and the list
#: of its work) names many topics in few words; the work itself answers a topic better, and the partner search
#: (search.partners) ranks institutions by that work
ENTRY_WEIGHTS = {"institution": 0.6}
#: what an item adds that an editor tagged with a metal or process selected as a filter (not merely detected)
CHOSEN_TAG_BONUS = 3.0
#: what an item tagged with a facet value that a clause names adds (a label weighs like a short title word)
LABEL_BONUS = 2.0

# Function words of German and English: optional in queries.  Kept short on
# purpose: a word that can carry meaning in this domain ("in" as indium's
# symbol, "ohne", "gegen") is not on it.
STOP_WORDS = frozenset("""
a about an and are as at be by did do does for from had has have how i into is it its of on or our that the
much many
their there these this those to was we were what when where which who why will with you can could should
would get gets
aber als am an auch auf aus bei bis da das dass dem den der des die ein eine einem einen einer eines es für
hat ist im ins mit nach oder sich sind so über um und uns vom von vor war was welche welcher welches welchen welchem wer
werden wie wir wird wurde wurden zu zum zur kann können man gibt gab sie ihr ihre unter viel viele vielen wieviel
""".split())


@dataclass(frozen=True)
class Clause:
    """One clause of the query text."""

    text: str  # as typed (a word or a phrase, without quotes)
    phrase: bool  # True: several words (matched in order as written, or each by its stems); a quoted word: False
    # words: the ways to match by stems, each a group of stems that must all occur
    # (("kupferrecycl",), ("kupf", "recycl"), ("copp", "recycl")); a quoted word: ()
    alternatives: tuple[tuple[str, ...], ...]
    required: bool  # False for stop words: they add relevance only
    quoted: bool = False  # typed in quotes: must match (a single word as written only)
    # synonyms as editors wrote them ("Schwarzmasse"): matched as written too, and highlighted
    synonyms: tuple[str, ...] = ()
    # False for an ambiguous element symbol ("In" beside "Sn"): texts write "in" as a word, so only its
    # metal's names count
    literal: bool = True
    # facet values the clause names ((facet name, slug): "Kupfer" names ("metal", "cu")): items tagged with
    # one hold the clause too, and rank as if the label stood in their text
    tags: tuple[tuple[str, str], ...] = ()

    @property
    def highlight_prefix(self) -> str:
        """The typed word cut to its stem's length, to mark inflected forms (``Metalle`` → ``metall``)."""
        if self.phrase or not self.literal or not self.alternatives or len(self.alternatives[0]) != 1:
            return ""
        return self.text.lower()[:max(len(self.alternatives[0][0]), 3)]

    @property
    def written_forms(self) -> tuple[str, ...]:
        """Everything this clause matches as written: its text (unless it is no literal) and its synonyms."""
        return tuple(dict.fromkeys((self.text, *self.synonyms) if self.literal else self.synonyms))


@dataclass(frozen=True)
class TextQuery:
    clauses: tuple[Clause, ...]
    # (facet name, slug) of the metals and processes selected as filters: items an editor tagged with one rank
    # above items that carry it only because ingestion spotted a mention (CHOSEN_TAG_BONUS)
    chosen_tags: tuple[tuple[str, str], ...] = ()

    @property
    def required(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if clause.required)

    @property
    def optional(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if not clause.required)

    @property
    def proximity_words(self) -> tuple[str, ...]:
        """The single words of the required clauses as typed, for the proximity bonus (empty: no bonus)."""
        words = tuple(word for clause in self.required if not clause.quoted for word in tokens(clause.text))
        return words if len(words) >= 2 else ()

    @property
    def highlighted(self) -> tuple[Clause, ...]:
        """The clauses results mark: all but optional stop words ("aus" is no finding; nor is "Ausbeute")."""
        return tuple(clause for clause in self.clauses
                     if clause.required or clause.text.lower() not in STOP_WORDS)

    @property
    def exact_phrases(self) -> tuple[Clause, ...]:
        """The quoted phrases of several words: holding one as written earns ``PHRASE_BONUS``."""
        return tuple(clause for clause in self.clauses if clause.quoted and clause.phrase)

    def __bool__(self) -> bool:
        return bool(self.clauses)


@dataclass(frozen=True)
class Weights:
    """How much each required clause weighs, and what an item must hold to be a candidate."""

    weights: tuple[float, ...]  # one per ``TextQuery.required`` clause
    threshold: float  # an item is a candidate when the weights of its clauses add up to this
    mandatory: tuple[bool, ...]  # per required clause: it must match whatever the weights (quoted phrases)

    @property
    def total(self) -> float:
        return sum(self.weights)

    def is_candidate(self, matched: Sequence[bool]) -> bool:
        """Whether an item holding the required clauses flagged in ``matched`` is a candidate."""
        if any(must and not held for must, held in zip(self.mandatory, matched)):
            return False
        held = sum(weight for weight, hit in zip(self.weights, matched) if hit)
        return held > 0 and held >= self.threshold - 1e-9

    @property
    def bonuses(self) -> tuple[float, ...]:
        """Per required clause, what holding it adds to an item's score: its share of ``COORDINATION_BONUS``."""
        total = self.total
        return tuple(COORDINATION_BONUS * weight / total if total > 0 else 0.0 for weight in self.weights)

    def coordination(self, matched: Sequence[bool]) -> float:
        """The coordination bonus of an item holding the clauses flagged in ``matched``."""
        return sum(bonus for bonus, hit in zip(self.bonuses, matched) if hit)


def idf(frequency: int, total: int) -> float:
    """BM25's inverse document frequency of a clause that ``frequency`` of ``total`` items hold (always > 0)."""
    return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))


def candidate_share(required: int) -> float:
    """The share of the query's weight an item must hold (see the module's docstring)."""
    return 1.0 if required <= 1 else 0.4


def clause_weights(text: TextQuery, frequencies: Sequence[int], total: int) -> Weights:
    """The :class:`Weights` of ``text``'s required clauses, held by ``frequencies`` of ``total`` visible items.

    In queries of three or more clauses, a clause no visible item holds
    (a word nobody wrote) weighs nothing: it cannot decide anything.  In
    shorter ones it keeps its weight, so that a typo finds nothing and the
    spelling correction gets its turn.
    """
    required = text.required
    if len(frequencies) != len(required):
        raise ValueError(f"{len(required)} required clauses, but {len(frequencies)} frequencies")
    weights = [idf(frequency, total) for frequency in frequencies]
    if len(required) >= 3:
        weights = [0.0 if frequency == 0 else weight for weight, frequency in zip(weights, frequencies)]
    mandatory = tuple(clause.quoted for clause in required)
    free = sum(weight for weight, must in zip(weights, mandatory) if not must)
    threshold = candidate_share(sum(1 for must in mandatory if not must)) * free
    threshold += sum(weight for weight, must in zip(weights, mandatory) if must)
    return Weights(tuple(weights), threshold, mandatory)


def translations(word_stem: str) -> tuple[tuple[str, ...], ...]:
    """The translations of a word, each a group of stems: the field glossary's, else the dictionary's first few.

    The glossary is chosen by hand for the field; where it has a line, the
    general dictionary's many senses would only add noise ("Verfahren" is
    a process here, not a lawsuit).
    """
    field = glossary.translations(word_stem)
    if field:
        return tuple((translation,) for translation in field)
    if len(word_stem) < MIN_DICTIONARY_STEM:
        return ()
    return dictionary.translations(word_stem)[:DICTIONARY_TRANSLATIONS]


def word_alternatives(stems: tuple[str, ...], translate: bool = True) -> tuple[tuple[str, ...], ...]:
    """The ways a word with ``query_stems`` ``stems`` matches: itself, its translations, its parts (translated).

    ``Kupferrecycling``: ``(kupferrecycl)``, ``(kupf, recycl)``, ``(copp, recycl)``.  Where the parts'
    translations make more combinations than :data:`MAX_ALTERNATIVES`, the best-ranked ones come first.
    """
    whole, parts = stems[0], stems[1:]
    found: list[tuple[str, ...]] = [(whole,)]
    if translate:
        found += list(translations(whole))
        if not parts and len(found) == 1:  # a compound of words outside the field's lexicon ("Solarpaneele")
            parts = dictionary.split(whole) or ()
    if parts:
        options = [((part,), *translations(part)) if translate else ((part,),) for part in parts]
        found += [tuple(dict.fromkeys(itertools.chain(*choice)))
                  for choice in _best_combinations(options, MAX_ALTERNATIVES)]
    return tuple(dict.fromkeys(found))[:MAX_ALTERNATIVES]


def _best_combinations(options: Sequence[Sequence[tuple[str, ...]]], limit: int) -> list[tuple]:
    """Up to ``limit`` picks of one option per position, those of the best-ranked options (lowest sum) first."""
    ranked = sorted(itertools.product(*(range(len(choices)) for choices in options)), key=sum)[:limit]
    return [tuple(choices[index] for choices, index in zip(options, pick)) for pick in ranked]


def _chunk_alternatives(words: list[str], translate: bool) -> tuple[tuple[str, ...], ...]:
    """One group of stems per way of matching every word of a chunk (LCD-Glas: lcd+glas, lcd+glass)."""
    per_word = [word_alternatives(query_stems(word), translate=translate) for word in words]
    groups = [tuple(dict.fromkeys(itertools.chain(*choice)))
              for choice in itertools.islice(itertools.product(*per_word), MAX_ALTERNATIVES)]
    return tuple(dict.fromkeys(groups))


def _phrase_alternatives(phrase: str) -> tuple[tuple[str, ...], ...]:
    """The ways a synonym phrase matches: a word as a query word would; several words each by its stem."""
    words = tokens(phrase)
    if len(words) == 1:
        return word_alternatives(query_stems(words[0]))
    return (phrase_key(phrase),) if words else ()


def _span_clause(span: Span, chunks: list[str]) -> Clause:
    text = " ".join(chunks[span.start:span.end])
    words = tokens(text)
    literal = not (span.symbol == text and is_ambiguous_symbol(text))
    found: list[tuple[str, ...]] = list(_chunk_alternatives(words, translate=True)) if literal else []
    if span.symbol and not is_ambiguous_symbol(span.symbol):
        found.append((span.symbol.lower(),))
    for phrase in span.phrases:
        if literal or phrase != text:
            found += _phrase_alternatives(phrase)
    alternatives = tuple(dict.fromkeys(found))[:MAX_SYNONYM_ALTERNATIVES]
    synonyms = tuple(phrase for phrase in span.phrases if phrase.lower() != text.lower())
    return Clause(text, phrase=len(words) > 1, alternatives=alternatives, required=True, synonyms=synonyms,
                  literal=literal)


#: facets whose selected values' names add relevance to a text query
RANKING_FACETS = ("metal", "process")


def text_query(text: str, vocabulary: Vocabulary | None = None,
               filters: Mapping[str, Sequence[str]] | None = None) -> TextQuery:
    """The clauses of ``text`` with their stems, synonyms and symbols.

    ``vocabulary`` defaults to the editors' current one (:func:`search.vocabulary.current`).
    The names of the metals and processes selected in ``filters`` become
    optional clauses, and items an editor tagged with them (rather than
    ingestion, for a passing mention) earn ``CHOSEN_TAG_BONUS``: among the
    items a filter admits, those about the selected value rank first.
    """
    thesaurus: Thesaurus = thesaurus_of(current() if vocabulary is None else vocabulary)
    parsed = quoted_clauses(text)
    clauses: list[Clause] = []
    run: list[str] = []  # consecutive unquoted chunks: synonym phrases may span them

    def flush() -> None:
        spans = {span.start: span for span in thesaurus.spans(run)} if thesaurus and run else {}
        taken = {position for span in spans.values() for position in range(span.start, span.end)}
        phrase_of = {inside: translated for start, (end, translated) in _dictionary_phrases(run, taken).items()
                     for inside in range(start, end)}
        position = 0
        while position < len(run):
            span = spans.get(position)
            if span is not None:
                clauses.append(_span_clause(span, run))
                position = span.end
                continue
            clause = _word_clause(run[position])
            if position in phrase_of:
                clause = _with_phrase_translation(clause, phrase_of[position])
            clauses.append(clause)
            position += 1
        run.clear()

    for chunk, quoted in parsed:
        words = tokens(chunk)
        if quoted or not words:
            flush()
            clauses.append(_quoted_clause(chunk, words, thesaurus) if quoted else
                           Clause(chunk, phrase=True, alternatives=(), required=True))
            continue
        run.append(chunk)
    flush()
    clauses = list({clause.text: clause for clause in clauses}.values())  # "Li Li": once
    if thesaurus:
        clauses = [dataclasses.replace(clause, tags=thesaurus.tags(
            (clause.text, *clause.synonyms) if clause.literal else clause.synonyms))
            if clause.required and not clause.quoted else clause for clause in clauses]
        clauses = [_as_name(clause) for clause in clauses]
    if clauses and not any(clause.required for clause in clauses):
        # "the", "von der": nothing but stop words, so they are what was asked for
        clauses = [dataclasses.replace(clause, required=True) for clause in clauses]
    if clauses and filters and thesaurus:
        written = {clause.text.lower() for clause in clauses}
        for facet in RANKING_FACETS:
            for slug in filters.get(facet, ()):
                for name in thesaurus.names(facet, slug):
                    if name.lower() not in written and tokens(name):
                        written.add(name.lower())
                        clauses.append(dataclasses.replace(_word_clause(name), required=False))
    chosen_tags = tuple((facet, slug) for facet in RANKING_FACETS for slug in (filters or {}).get(facet, ()))
    return TextQuery(tuple(clauses), chosen_tags if clauses else ())


#: most words of a phrase the general dictionary translates as one ("printed circuit board")
MAX_DICTIONARY_PHRASE = 3


def _dictionary_phrases(chunks: Sequence[str], taken: set[int]) -> dict[int, tuple[int, tuple[tuple[str, ...], ...]]]:
    """Runs of two or three words of ``chunks`` that the general dictionary translates as one.

    English says in several words what German says in one ("bulky waste":
    "Sperrmüll", "circuit board": "Leiterplatte"); word by word, neither
    half finds the German compound (see :func:`_with_phrase_translation`).  Maps a start position to the end of
    its run and the translations; the longest run at a position wins, and
    runs avoid the positions in ``taken`` (the editors' synonym spans), stop
    words and words of one or two letters ("in circuit boards": "in" is
    indium's symbol, so no stop word).
    """
    found: dict[int, tuple[int, tuple[tuple[str, ...], ...]]] = {}
    position = 0
    while position < len(chunks):
        for end in range(min(len(chunks), position + MAX_DICTIONARY_PHRASE), position + 1, -1):
            words = chunks[position:end]
            if taken.intersection(range(position, end)) or any(
                    len(tokens(word)) != 1 or len(word) < 3 or word.lower() in STOP_WORDS for word in words):
                continue
            translated = dictionary.translations(" ".join(stem(tokens(word)[0]) for word in words))
            translated = translated[:DICTIONARY_TRANSLATIONS]
            if translated:
                found[position] = (end, translated)
                position = end
                break
        else:
            position += 1
    return found


def _with_phrase_translation(clause: Clause, translated: tuple[tuple[str, ...], ...]) -> Clause:
    """A word of a run the dictionary translates as one ("bulky" of "bulky waste") also matches the translation.

    Each word of the run stays a clause of its own, so coordination and
    candidates work as for any words; an item holding the one German word
    ("Sperrmüll") holds every word of the run.
    """
    alternatives = tuple(dict.fromkeys((*clause.alternatives, *translated)))
    return dataclasses.replace(clause, alternatives=alternatives[:MAX_ALTERNATIVES + DICTIONARY_TRANSLATIONS])


def _as_name(clause: Clause) -> Clause:
    """An institution's name of several words matches as written, or by the items tagged with it.

    Its words scattered over a text say nothing: names are made of the
    field's commonest words ("Harzer Metallrückgewinnung").
    """
    if clause.phrase and not clause.synonyms and any(facet == "institution" for facet, _slug in clause.tags):
        return dataclasses.replace(clause, alternatives=())
    return clause


def _quoted_clause(chunk: str, words: list[str], thesaurus: Thesaurus | None) -> Clause:
    """A quoted word matches as written; a quoted phrase also word by word, its stop words optional.

    Word by word, each span of the phrase that a synonym set or a metal
    holds matches like that span typed without quotes ("Seltener Erden" also
    as "rare earths"), every other word by its stems and translations.
    """
    if len(words) < 2:
        return Clause(chunk, phrase=False, alternatives=(), required=True, quoted=True)
    content = [word for word in words if word.lower() not in STOP_WORDS] or words
    spans = {span.start: span for span in thesaurus.spans(content)} if thesaurus else {}
    units: list[tuple[tuple[str, ...], ...]] = []
    position = 0
    while position < len(content):
        span = spans.get(position)
        if span is not None:
            units.append(_span_clause(span, content).alternatives)
            position = span.end
        else:
            units.append(word_alternatives(query_stems(content[position])))
            position += 1
    groups = (tuple(dict.fromkeys(itertools.chain(*choice)))
              for choice in itertools.islice(itertools.product(*units), MAX_SYNONYM_ALTERNATIVES))
    return Clause(chunk, phrase=True, alternatives=tuple(dict.fromkeys(groups)), required=True, quoted=True)


def _word_clause(chunk: str) -> Clause:
    words = tokens(chunk)
    stop_word = len(words) == 1 and chunk.lower() in STOP_WORDS
    return Clause(chunk, phrase=len(words) > 1, alternatives=_chunk_alternatives(words, translate=not stop_word),
                  required=not stop_word)


__all__ = ["CHOSEN_TAG_BONUS", "COORDINATION_BONUS", "ENTRY_WEIGHTS", "Clause", "LABEL_BONUS", "PHRASE_BONUS", "PROXIMITY_BONUS", "PROXIMITY_WINDOW", "STOP_WORDS", "TextQuery",
           "Weights", "candidate_share", "clause_weights", "idf", "stem", "text_query"]
