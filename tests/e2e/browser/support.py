"""Small helpers for the browser tests: the portal's own words and the demo's data."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation

from portal.demo import content
from portal.projects.models import ProjectPartner


def translated(message: str, language: str) -> str:
    """``message`` as the portal shows it in ``language`` (from the message catalogue)."""
    with translation.override(language):
        return translation.gettext(message)


def translated_plural(singular: str, plural: str, number: int, language: str) -> str:
    """A ``{% blocktranslate count %}`` message as the portal shows it in ``language``."""
    with translation.override(language):
        return translation.ngettext(singular, plural, number)


def role_label(role: str, language: str) -> str:
    """A project partner's role as the portal names it in ``language``."""
    with translation.override(language):
        return str(ProjectPartner.Role(role).label)


def short_date(date: dt.date, language: str) -> str:
    """A date as the portal's templates print it with ``SHORT_DATE_FORMAT`` in ``language``."""
    with translation.override(language):
        return formats.date_format(date, "SHORT_DATE_FORMAT")


def demo_project(slug: str) -> dict:
    return next(project for project in content.PROJECTS if project["slug"] == slug)


def institution_name(slug: str) -> str:
    return next(row[1] for row in content.INSTITUTIONS if row[0] == slug)


def news_newest_first() -> list[tuple[str, str, dt.date]]:
    """(slug, title, date) of the demo's news articles, newest first."""
    rows = [(slug, title, dt.date.fromisoformat(date)) for slug, title, _lang, date, *_ in content.NEWS]
    return sorted(rows, key=lambda row: row[2], reverse=True)
