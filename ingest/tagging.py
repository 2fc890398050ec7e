"""Tags recognised in a document's text: metals, processes and institutions.

Pure functions. ``suggest`` gets the text and a :class:`Vocabulary` (built
from the taxonomy by :func:`load_vocabulary`) and returns what it found with
its evidence: how often, and an example. ``detect_tags`` is the pipeline's
interface and keeps only the slugs, per kind, in taxonomy order.

How a term is recognised
------------------------
* **Names**, in any case, at the start of a word. German names (and names the
  two languages share, like "Indium") count with any ending, so inflections
  and compounds count: "Kupfers", "Kupferrecycling", "Indiumoxid",
  "kupferhaltig". Names of at least :data:`MIN_IN_COMPOUND` letters also count
  inside a compound ("Altkupfer", "Haufenlaugung"); shorter ones only at its
  start, so "Zinn" counts in "Zinnoxid" but nothing short hides in a long word.
  Known false friends are excluded: a "Platine" is a circuit board, not
  platinum, and "Zinnober" is not tin.
* German nouns in *-ung* also count as their verb ("Laugung": "laugen",
  "gelaugt", "Lauge"), nouns in *-ie* as their adjective ("Hydrometallurgie":
  "hydrometallurgisch").
* **English names** count as whole words with simple inflections: "tin" and
  "tins" but never "tiny"; "leaching", "leached", "leach";
  "hydrometallurgy", "hydrometallurgical".
* **Several words**: adjectives may be inflected ("Seltener Erden") and words
  may be joined by a hyphen or a line break ("sensor-based sorting"). A German
  adjective with its noun also counts as one compound ("Seltenerdmagnete"), and
  a group name ending in "elements"/"metals"/"-metalle" also counts without it
  ("rare earths", "Platingruppenelemente").
* **Chemical symbols** are case-sensitive and count only in a chemical
  context: in a formula ("In2O3", "NdFeB"), as an ion ("Cu2+", "Co(II)"), after
  a quantity ("5 % Cu", "120 ppm Ga"), before a hyphenated chemistry word
  ("Ga-haltig", "Cu-Gehalt", "Li-Ionen"), alone in parentheses ("Indium (In)")
  or joined to another symbol by a slash or hyphen ("Cu/Zn", "Nd-Fe-B"). In a
  list joined by commas or "und"/"and" ("In, Ga und Ge") a symbol is weak
  evidence: it takes two such mentions. "In der Laugung", "In the first
  step", "In-situ", "Co-Autor" and "GmbH & Co. KG" never count.
* **Acronyms** are case-sensitive whole words: a group's short slug ("REE",
  "PGM", also "PGMs") and an institution's acronym given in parentheses in its
  name ("Technische Universität Clausthal (TUC)"). Legal forms ("GmbH", "AG",
  "e. V.") may be left out when an institution is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: the kinds of tag, in the order they are reported (keys of ``detect_tags``)
KINDS = ("metals", "processes", "institutions")

#: names at least this long also count inside a compound ("Altkupfer")
MIN_IN_COMPOUND = 6
#: names shorter than this are ignored (too ambiguous to look for)
MIN_NAME = 3
#: evidence needed: one strong mention, or this many weak ones
WEAK_MENTIONS_NEEDED = 2
#: characters of context on each side of an example
EXAMPLE_CONTEXT = 60

STRONG, WEAK = 2, 1

ELEMENT_SYMBOLS = frozenset(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr "
    "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb "
    "Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf "
    "Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og".split()
)


@dataclass(frozen=True)
class Term:
    """One entry of the taxonomy, as the text may name it.

    ``names`` are German or shared by both languages (inflected and
    compounded freely), ``names_en`` English (whole words).
    """

    slug: str
    names: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    symbol: str = ""
    acronyms: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Vocabulary:
    metals: tuple[Term, ...] = ()
    processes: tuple[Term, ...] = ()
    institutions: tuple[Term, ...] = ()
    # Compiled patterns per term, filled on first use.
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Suggestion:
    """A term found in a text, with the evidence an editor needs to judge it."""

    kind: str
    slug: str
    label: str
    mentions: int
    example: str
    position: int  # where the first mention starts in the text


_last_vocabulary: Vocabulary | None = None


def load_vocabulary() -> Vocabulary:
    """The taxonomy as it stands in the database (labels in the active language).

    Read afresh every time, so a change is seen at once; but if it equals the
    last one read, that one is returned, with the patterns it has compiled
    (compiling them cost a worker more than the tagging itself).
    """
    global _last_vocabulary
    vocabulary = _read_vocabulary()
    if vocabulary != _last_vocabulary:
        _last_vocabulary = vocabulary
    return _last_vocabulary


def _read_vocabulary() -> Vocabulary:
    from portal.taxonomy.models import Institution, Metal, Process

    return Vocabulary(
        metals=tuple(
            Term(
                m.slug,
                names=(m.name_de,),
                names_en=(m.name_en,),
                symbol=m.symbol,
                acronyms=group_acronyms(m.slug, m.symbol),
                label=m.label,
            )
            for m in Metal.objects.all()
        ),
        processes=tuple(
            Term(p.slug, names=(p.name_de,), names_en=(p.name_en,), label=p.label) for p in Process.objects.all()
        ),
        institutions=tuple(
            Term(i.slug, names=(i.name,), acronyms=acronyms_in(i.name), label=i.name)
            for i in Institution.objects.all()
        ),
    )


def detect_tags(text: str, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Slugs of the terms named in ``text``, per kind, in taxonomy order."""
    found = {(s.kind, s.slug) for s in suggest(text, vocabulary)}
    return {kind: [t.slug for t in getattr(vocabulary, kind) if (kind, t.slug) in found] for kind in KINDS}


def suggest(text: str, vocabulary: Vocabulary) -> list[Suggestion]:
    """The terms named in ``text`` with their evidence.

    Ordered by kind (metals, processes, institutions), then by mentions
    (most first), then in taxonomy order.
    """
    if not text:
        return []
    lower = _lower(text)
    symbols = _symbol_mentions(text, {t.symbol for t in vocabulary.metals if t.symbol})
    suggestions = []
    for kind in KINDS:
        terms = getattr(vocabulary, kind)
        found = _resolve_overlaps(
            [(start, end, index, strength)
             for index, term in enumerate(terms)
             for start, end, strength in _mentions(text, lower, kind, term, vocabulary, symbols)]
        )
        by_term: dict[int, list[tuple[int, int]]] = {}
        for start, _end, index, strength in found:
            by_term.setdefault(index, []).append((start, strength))
        ranked = []
        for index, mentions in by_term.items():
            strong = sum(1 for _, strength in mentions if strength == STRONG)
            if strong == 0 and len(mentions) < WEAK_MENTIONS_NEEDED:
                continue
            term = terms[index]
            first = min(start for start, _ in mentions)
            ranked.append((-len(mentions), index, Suggestion(
                kind=kind, slug=term.slug, label=term.label or term.slug, mentions=len(mentions),
                example=_example(text, first), position=first,
            )))
        suggestions += [suggestion for *_, suggestion in sorted(ranked, key=lambda item: item[:2])]
    return suggestions


# --- names ----------------------------------------------------------------------

# Marks a pattern that must start a word; checked in ``_mentions``, not by the regex.
_START = r"(?<!\w)"
_END = r"(?!\w)"
_SEP = r"[\s,\-\u2010\u2013/]+"  # between the words of a name: spaces, line breaks, hyphens, commas
_WORD = re.compile(r"[^\W_]+")
_GERMAN_ADJECTIVE_ENDINGS = r"(?:e|en|er|es|em)?"
_GERMAN_NOUN_ENDINGS = r"(?:e|en|er|es|em|s|n)?"
_GENERIC_HEADS_EN = ("elements", "element", "metals", "metal")
_GENERIC_HEADS_DE = ("metalle", "metall", "elemente", "element")
# A whole word that starts like a name but means something else.
_FALSE_FRIENDS = re.compile(
    r"\w*platine"  # circuit board, "Leiterplatine"
    r"|\w*platinen\w*"  # "Platinen", "Platinenbestückung"
    r"|zinnober\w*"  # cinnabar, a mercury ore
    r"|zinnen?",  # battlements
)
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:GmbH\s*&\s*Co\.?\s*KG|gGmbH|GmbH|mbH|AG|KG|KGaA|SE|eG|UG|e\.\s?V\.|Ltd\.?|Inc\.?|plc|S\.A\.)\s*$"
)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    lower_case: bool  # searched in the lower-cased text (names), or as written (acronyms)
    word_start: bool  # must start a word


def _mentions(text, lower, kind, term, vocabulary, symbols):
    """(start, end, strength) of every mention of ``term`` in ``text``."""
    key = (kind, term)
    if key not in vocabulary._patterns:
        vocabulary._patterns[key] = _compile(kind, term)
    for pattern in vocabulary._patterns[key]:
        haystack = lower if pattern.lower_case else text
        for match in pattern.regex.finditer(haystack):
            start, end = match.span()
            # Word starts are checked here rather than by a look-behind, so
            # that each pattern starts with a literal and is searched fast.
            if pattern.word_start and start > 0 and _is_word_character(haystack[start - 1]):
                continue
            if not _is_false_friend(lower, start, end):
                yield start, end, STRONG
    if kind == "metals" and term.symbol:
        yield from symbols.get(term.symbol, ())


def _compile(kind: str, term: Term) -> list[_Pattern]:
    sources: list[str] = []
    if kind == "institutions":
        for name in term.names:
            sources += _institution_patterns(name)
    else:
        group = kind == "metals" and not term.symbol
        for name in term.names:
            sources += _german_patterns(name.lower(), group=group)
        for name in term.names_en:
            sources += _english_patterns(name.lower(), group=group)
    patterns = [
        _Pattern(re.compile(source.removeprefix(_START)), lower_case=True, word_start=source.startswith(_START))
        for source in dict.fromkeys(sources)
    ]
    for acronym in term.acronyms:  # case-sensitive
        patterns.append(_Pattern(re.compile(re.escape(acronym) + r"s?" + _END), lower_case=False, word_start=True))
    return patterns


def _german_patterns(name: str, group: bool = False) -> list[str]:
    words = _WORD.findall(name)
    if not words or len(name) < MIN_NAME:
        return []
    *head, last = words
    prefix = "".join(_german_adjective(word) + _SEP for word in head)
    patterns = [_START + prefix + form for form in _german_last_word(last, after_stem="" if head else "(?=e|t|bar)")]
    if not head and len(last) >= MIN_IN_COMPOUND:
        patterns.append(re.escape(last))  # also inside a compound: "Altkupfer", "Haufenlaugung"
    if group and not head:
        for generic in _GENERIC_HEADS_DE:
            rest = last[: -len(generic)]
            if last.lower().endswith(generic) and len(rest) >= 5:
                patterns.append(_START + re.escape(rest))  # "Platingruppen(elemente)"
                break
    if len(words) == 2 and head[0].lower().endswith("e"):
        # An adjective and its noun written as one word: "Seltene Erden" -> "Seltenerdmagnet".
        noun = re.sub(r"(?:en|n|e)$", "", last.lower())
        if len(noun) >= 3:
            patterns.append(_START + re.escape(head[0][:-1] + noun))
    return patterns


def _german_adjective(word: str) -> str:
    if word.lower().endswith("e") and len(word) > 3:
        return re.escape(word[:-1]) + _GERMAN_ADJECTIVE_ENDINGS + _END
    return re.escape(word) + _GERMAN_NOUN_ENDINGS + _END


def _german_last_word(word: str, after_stem: str) -> list[str]:
    """Forms of a name's last word; any ending may follow (inflection, compounds).

    A noun in -ung also counts as its verb, whose stem must be followed by
    ``after_stem`` (alone, "Laug" must not find "laughing"; after an adjective,
    "sensorgestützte Sortieranlage" may).
    """
    forms = [re.escape(word)]
    lower = word.lower()
    if lower.endswith("ung") and len(word) >= 6:
        stem = word[:-3]  # "Laugung": "Lauge", "laugen", "laugt", "laugbar", "gelaugt"
        forms.append(re.escape(stem) + after_stem)
        forms.append("ge" + re.escape(stem.lower()) + r"(?=t)")
    elif lower.endswith("ie") and len(word) >= 6:
        forms.append(re.escape(word[:-2]) + r"(?=isch)")  # "hydrometallurgisch"
    return forms


def _english_patterns(name: str, group: bool = False) -> list[str]:
    words = _WORD.findall(name)
    if not words or len(name) < MIN_NAME:
        return []
    variants = [words]
    if group and len(words) >= 2 and words[-1].lower() in _GENERIC_HEADS_EN:
        variants.append(words[:-1])  # "rare earth(s)", "platinum group"
    patterns = []
    for variant in variants:
        *head, last = variant
        prefix = "".join(re.escape(word) + _SEP for word in head)
        patterns.append(_START + prefix + _english_last_word(last) + r"(?:['\u2019]s)?" + _END)
    return patterns


def _english_last_word(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ing") and len(word) > 5:
        return re.escape(word[:-3]) + r"(?:ing|ings|e|es|ed)?"  # leaching, leached, leach
    if lower.endswith("y") and len(word) > 3 and lower[-2] not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies|ical|ic|ically)"  # hydrometallurgy, -ical
    return re.escape(word) + r"(?:s|es)?"


def _institution_patterns(name: str) -> list[str]:
    names = [name]
    short = _LEGAL_FORM.sub("", name)
    short = re.sub(r"\s*\([^)]*\)\s*$", "", short)  # "... (TUC)"
    if short != name and len(short) >= 4:
        names.append(short)
    patterns = []
    for variant in names:
        words = _WORD.findall(variant.lower())
        if words and len(variant) >= MIN_NAME:
            patterns.append(_START + _SEP.join(re.escape(w) + r"(?:s|es|n|en|e)?" for w in words) + _END)
    return patterns


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _lower(text: str) -> str:
    """``text`` in lower case, character for character (so positions agree)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # "İ" lowers to two characters


def _is_false_friend(text: str, start: int, end: int) -> bool:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return _FALSE_FRIENDS.fullmatch(text[start:end]) is not None


def acronyms_in(name: str) -> tuple[str, ...]:
    """An acronym given in parentheses in an institution's name: "... (TUC)", "... (IfS)".

    At least two capitals: "(Harz)" is a word, not an acronym.
    """
    return tuple(
        candidate for candidate in re.findall(r"\(([^()\s]{2,12})\)", name)
        if sum(character.isupper() for character in candidate) >= 2
    )


def group_acronyms(slug: str, symbol: str) -> tuple[str, ...]:
    """A group's short slug is its usual acronym: "ree" -> "REE", "pgm" -> "PGM"."""
    if not symbol and slug.isalpha() and 2 <= len(slug) <= 4:
        return (slug.upper(),)
    return ()


# --- chemical symbols -----------------------------------------------------------

# A run of element symbols with counts: "In2O3", "NdFeB", "LiCoO2", "Cu2".
_FORMULA = re.compile(r"[A-Z][a-z]?\d*(?:[A-Z][a-z]?\d*){0,9}(?![\w])")
_FORMULA_PART = re.compile(r"([A-Z][a-z]?)(\d*)")
_ION_AFTER = re.compile(r"\d*\+|\s?\((?:I|II|III|IV|V|VI)\)(?!\w)")
_QUANTITY_BEFORE = re.compile(
    r"\d(?:[.,]\d+)?\s*(?:%|‰|(?:Gew|Ma|Masse|At|Mol|wt|at|mol|vol)\.?[\s-]*%|ppm|ppb|mg/kg|mg/l|g/t|g/l|kg/t|t)\s*$",
    re.IGNORECASE,
)
_CHEMISTRY_WORDS = (
    "haltig", "gehalt", "reich", "arm", "frei", "konzentrat", "anteil", "ion", "legierung", "erz", "schlacke",
    "salz", "oxid", "verbindung", "basis", "basiert", "rückgewinnung", "recycling", "ausbringen", "ausbeute",
    "fällung", "lösung", "magnet", "schrott", "pulver", "komplex", "verlust", "bearing", "rich", "containing",
    "based", "free", "content", "concentrate", "alloy", "ore", "recovery", "oxide", "salt", "yield", "grade",
    "loaded", "powder", "scrap", "complex", "loss",
)
_HYPHEN_WORD_AFTER = re.compile(r"[-\u2010\u2011](?i:" + "|".join(_CHEMISTRY_WORDS) + ")")
_PAIR_AFTER = re.compile(r"\s*[/\-\u2010\u2013]\s*([A-Z][a-z]?)(?![A-Za-z])")
_PAIR_BEFORE = re.compile(r"(?<![\w])([A-Z][a-z]?)\s*[/\-\u2010\u2013]\s*$")
_LIST = r"(?:\s*,\s*|\s+(?:und|and|sowie|oder|or)\s+)"
_LIST_AFTER = re.compile(_LIST + r"([A-Z][a-z]?)(?![\w.])")
_LIST_BEFORE = re.compile(r"(?<![\w])([A-Z][a-z]?)" + _LIST + "$")


def _symbol_mentions(text: str, symbols: set[str]) -> dict[str, list[tuple[int, int, int]]]:
    """(start, end, strength) of each symbol in ``symbols`` used chemically in ``text``."""
    found: dict[int, tuple[str, int, int]] = {}
    if not symbols:
        return {}

    def record(symbol: str, start: int, strength: int) -> None:
        if symbol in symbols and found.get(start, ("", 0, 0))[2] < strength:
            found[start] = (symbol, start + len(symbol), strength)

    for match in _FORMULA.finditer(text):
        if match.start() > 0 and _is_word_character(text[match.start() - 1]):
            continue
        parts = [(m.group(1), m.group(2), m.start()) for m in _FORMULA_PART.finditer(match.group())]
        if all(symbol in ELEMENT_SYMBOLS for symbol, _, _ in parts) and (
            len(parts) >= 2 or any(count for _, count, _ in parts)
        ):
            for symbol, _, offset in parts:
                record(symbol, match.start() + offset, STRONG)

    alternatives = "|".join(sorted(map(re.escape, symbols), key=len, reverse=True))
    for match in re.finditer(rf"(?:{alternatives})(?![\w])", text):
        symbol, start, end = match.group(), match.start(), match.end()
        if start > 0 and _is_word_character(text[start - 1]):
            continue
        before, after = text[max(0, start - 30):start], text[end:end + 40]
        if (
            _ION_AFTER.match(after)
            or _QUANTITY_BEFORE.search(before)
            or _HYPHEN_WORD_AFTER.match(after)
            or (before.rstrip(" ").endswith("(") and after.lstrip(" ").startswith(")") and not _word_follows(after))
            or _other_symbol(_PAIR_AFTER.match(after))
            or _other_symbol(_PAIR_BEFORE.search(before))
        ):
            record(symbol, start, STRONG)
        elif _other_symbol(_LIST_AFTER.match(after)) or _other_symbol(_LIST_BEFORE.search(before)):
            record(symbol, start, WEAK)

    mentions: dict[str, list[tuple[int, int, int]]] = {}
    for start, (symbol, end, strength) in sorted(found.items()):
        mentions.setdefault(symbol, []).append((start, end, strength))
    return mentions


def _other_symbol(match: re.Match | None) -> bool:
    return match is not None and match.group(1) in ELEMENT_SYMBOLS


def _word_follows(after: str) -> bool:
    """ "(In)stabilität": a bracketed prefix, not a symbol."""
    rest = after.lstrip(" ")[1:]
    return bool(rest) and rest[0].isalpha()


# --- helpers --------------------------------------------------------------------


def _resolve_overlaps(matches):
    """Drop mentions inside a longer one ("Platin" inside "Platingruppenmetalle")."""
    kept, last_end = [], -1
    for match in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
        if match[0] >= last_end:
            kept.append(match)
            last_end = match[1]
    return kept


def _example(text: str, position: int) -> str:
    """The words around ``position``, on one line."""
    start = max(0, position - EXAMPLE_CONTEXT)
    end = min(len(text), position + EXAMPLE_CONTEXT)
    snippet = text[start:end]
    if start > 0 and " " in snippet[: position - start]:
        snippet = snippet.split(" ", 1)[1]
    if end < len(text) and " " in snippet[-EXAMPLE_CONTEXT // 2:]:
        snippet = snippet.rsplit(" ", 1)[0]
    snippet = " ".join(snippet.split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")
