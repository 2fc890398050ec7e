"""Editors create every page type through the Wagtail admin, without a developer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from home.models import HomePage
from portal.demo.pdf import make_pdf
from portal.events.models import EventIndexPage, EventPage, PaperPage
from portal.news.models import NewsArticlePage, NewsIndexPage
from portal.projects.models import ProjectIndexPage, ProjectPage
from portal.technologies.models import TechnologyIndexPage, TechnologyProfilePage
from tests.e2e.admin_flow import create_page, inline_formset, moderator, rich_text, streamfield, upload_document
from tests.support.content import make_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(moderator())
    return client


@pytest.fixture
def tags():
    return make_taxonomy()


@pytest.fixture
def home() -> HomePage:
    return HomePage.objects.get()


def test_project(editor, home, tags):
    index = create_page(editor, home, ProjectIndexPage, {"title": "Projekte", "slug": "projekte"})
    report = upload_document(editor, "InRec Bericht", make_pdf(["Indium aus LCD-Glas."]), "inrec.pdf")
    project = create_page(editor, index, ProjectPage, {
        "title": "Indium-Rückgewinnung aus LCD-Altgeräten", "slug": "inrec", "acronym": "InRec",
        "summary": "Indium aus dem Glas ausgedienter Flachbildschirme.", "status": "completed",
        "start_date": "2019-04-01", "end_date": "2022-03-31", "language": "de",
        "funding_body": "BMBF", "trl_reached": "5",
        "key_findings": streamfield([("finding", "Über 90 % des Indiums lassen sich laugen.")]),
        "results": rich_text("<p>Die Laugung löst das Indium.</p>"),
        "metals": [tags["gallium"].pk], "processes": [tags["leaching"].pk],
        "partners": inline_formset([{"institution": tags["institute"].pk, "role": "coordinator"}]),
        "reports": inline_formset([{"document": report.pk}]),
    })
    assert project.trl_reached == 5
    assert [p.role for p in project.partners.all()] == ["coordinator"]
    assert project.reports.get().document == report
    assert editor.get(project.url).status_code == 200


def test_project_dates_are_validated_in_the_form(editor, home):
    index = create_page(editor, home, ProjectIndexPage, {"title": "Projekte", "slug": "projekte"})
    # The admin speaks the portal's default language, German.
    with pytest.raises(AssertionError, match="Enddatum darf nicht vor dem Startdatum liegen"):
        create_page(editor, index, ProjectPage, {
            "title": "Falsch", "slug": "falsch", "summary": "Endet vor dem Start.",
            "start_date": "2022-01-01", "end_date": "2021-01-01",
        })
    assert not ProjectPage.objects.filter(slug="falsch").exists()


def test_event_and_symposium_paper(editor, home, tags):
    index = create_page(editor, home, EventIndexPage, {"title": "Veranstaltungen", "slug": "veranstaltungen"})
    event = create_page(editor, index, EventPage, {
        "title": "Symposium 2023", "slug": "symposium-2023", "kind": "symposium", "language": "de",
        "summary": "Das Symposium des Netzwerks.", "start_date": "2023-09-20", "end_date": "2023-09-21",
        "place": "Aula, Clausthal-Zellerfeld",
        "programme": streamfield([("markdown", "**9:00** Begrüßung")]),
    })
    paper_pdf = upload_document(editor, "Biolaugung Paper", make_pdf(["Biolaugung von Halden."]), "paper.pdf")
    paper = create_page(editor, event, PaperPage, {
        "title": "Biolaugung von Haldenmaterial", "slug": "biolaugung", "language": "de",
        "session": "Session 1: Hydrometallurgie", "doi": "10.1234/symp.2023.2",
        "abstract": streamfield([("markdown", "Säulenversuche mit *acidophilen Bakterien*.")]),
        "keywords": "Biolaugung, Halden",
        "authors": inline_formset([{"name": "Prof. Lena Vogt", "institution": tags["institute"].pk}], min=1),
        "metals": [tags["copper"].pk], "paper_pdf": paper_pdf.pk,
    })
    assert paper.edition.pk == event.pk
    assert sorted(tag.name for tag in paper.keywords.all()) == ["Biolaugung", "Halden"]
    assert "<em>acidophilen Bakterien</em>" in editor.get(paper.url).content.decode()
    assert paper.title in editor.get(event.url).content.decode()


def test_technology_profile(editor, home, tags):
    index = create_page(editor, home, TechnologyIndexPage, {"title": "Technologien", "slug": "technologien"})
    technology = create_page(editor, index, TechnologyProfilePage, {
        "title": "Indiumlaugung aus Displayglas", "slug": "indiumlaugung", "language": "de",
        "readiness_level": "5", "summary": "Löst Indium aus zerkleinertem Displayglas.",
        "applications": streamfield([("application", "LCD-Recycling")]),
        "providers": [tags["institute"].pk], "metals": [tags["gallium"].pk],
    })
    assert list(technology.providers.all()) == [tags["institute"]]
    assert "LCD-Recycling" in editor.get(technology.url).content.decode()


def test_news_article(editor, home, tags):
    index = create_page(editor, home, NewsIndexPage, {"title": "Aktuelles", "slug": "aktuelles"})
    article = create_page(editor, index, NewsArticlePage, {
        "title": "Rückblick auf das Symposium", "slug": "rueckblick", "language": "de",
        "date": dt.date(2023, 9, 25).isoformat(), "teaser": "Über 150 Teilnehmende.",
        "body": streamfield([("markdown", "Zwei Tage, **zwölf Vorträge**.")]),
        "metals": [tags["copper"].pk],
    })
    assert article.live
    assert "<strong>zwölf Vorträge</strong>" in editor.get(article.url).content.decode()
