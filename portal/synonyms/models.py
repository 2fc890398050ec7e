"""Synonym sets: phrases that members mean the same by, kept by editors.

A query for one phrase of an active set also finds the others
(``search.vocabulary``, fed by :mod:`portal.synonyms.source`).  A wrong set
costs precision on every search that uses one of its phrases, so a set holds
only what a member would really mean the same by: translations, spellings,
abbreviations; never a broader or narrower term.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

MAX_TERM_LENGTH = 80
MAX_TERM_WORDS = 5
SEPARATORS = (";", ", ")  # an editor who wrote several terms on one line


def split_terms(text: str) -> tuple[str, ...]:
    """The terms of a set, one per line: spaces tidied, empty lines and repeats (ignoring case) left out."""
    terms: list[str] = []
    seen: set[str] = set()
    for line in unicodedata.normalize("NFC", text or "").splitlines():
        term = " ".join(line.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return tuple(terms)


def describe(terms: tuple[str, ...]) -> str:
    """A set as editors recognise it: its first three terms."""
    return " / ".join(terms[:3]) + (" / …" if len(terms) > 3 else "")


class SynonymSet(models.Model):
    terms = models.TextField(
        _("terms"),
        help_text=_("One term per line, German and English, abbreviations too, e.g. 'Seltene Erden', "
                    "'rare earths', 'SEE', 'REE'. At most five words each. Repeated lines are left out."),
    )
    note = models.TextField(
        _("note"), blank=True,
        help_text=_("For other editors: why these mean the same, or what was left out on purpose."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active sets are applied to searches."),
    )

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("active")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")

    def __str__(self) -> str:
        return describe(self.phrases())

    def phrases(self) -> tuple[str, ...]:
        """The cleaned terms, in the order written."""
        return split_terms(self.terms)

    def clean(self) -> None:
        terms = self.phrases()
        blank = not self.terms  # refused by the field itself, with the usual message
        self.terms = "\n".join(terms)
        errors = [error for term in terms if (error := _term_error(term))]
        if len(terms) < 2 and not blank:
            errors.append(ValidationError(
                _("Give at least two different terms, one per line: a synonym set says that they mean the same."),
                code="too_few"))
        if self.active and not errors:
            errors += self._terms_in_other_sets(terms)
        if errors:
            raise ValidationError({"terms": errors})

    def _terms_in_other_sets(self, terms: tuple[str, ...]) -> list[ValidationError]:
        """One error for each term that another active set holds already."""
        wanted = {term.casefold(): term for term in terms}
        errors = []
        for other_terms in SynonymSet.objects.filter(active=True).exclude(pk=self.pk).values_list("terms", flat=True):
            other = split_terms(other_terms)
            for term in other:
                if term.casefold() in wanted:
                    errors.append(ValidationError(
                        _("“%(term)s” is already in the active set “%(other)s”. A term may stand in one active "
                          "set only: remove it here or there, or merge the two sets."),
                        code="taken", params={"term": wanted[term.casefold()], "other": describe(other)}))
        return errors


def _term_error(term: str) -> ValidationError | None:
    if len(term) > MAX_TERM_LENGTH:
        return ValidationError(
            _("“%(term)s” is longer than %(limit)d characters: a synonym is a word or a short phrase."),
            code="too_long", params={"term": term, "limit": MAX_TERM_LENGTH})
    if len(term.split()) > MAX_TERM_WORDS:
        return ValidationError(
            _("“%(term)s” has more than %(limit)d words: a synonym is a word or a short phrase."),
            code="too_many_words", params={"term": term, "limit": MAX_TERM_WORDS})
    if any(separator in term for separator in SEPARATORS):
        return ValidationError(
            _("Put each term on a line of its own: “%(term)s” looks like several terms separated by commas or "
              "semicolons."),
            code="several", params={"term": term})
    return None
