"""``manage.py import_markdown``: a folder of Markdown files becomes published pages; bad files are reported, not lost."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from home.models import HomePage
from portal.events.models import EventIndexPage, EventPage, PaperPage
from portal.news.models import NewsArticlePage, NewsIndexPage
from tests.support.content import make_taxonomy
from tests.unit.core.test_markdown_import import NEWS, PAPER

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    tags = make_taxonomy()
    tags["institute"].slug = "tu-clausthal"
    tags["institute"].save()
    home = HomePage.objects.get()
    news = home.add_child(instance=NewsIndexPage(title="Neuigkeiten", slug="neuigkeiten"))
    events = home.add_child(instance=EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))
    edition = events.add_child(instance=EventPage(
        title="Symposium 2025", slug="symposium-2025", kind="symposium", summary="Das zwölfte Symposium.",
        start_date=dt.date(2025, 9, 18), place="Aula, Clausthal-Zellerfeld",
    ))
    return {"news": news, "edition": edition, **tags}


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_markdown", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def folder(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_news_and_papers_are_published_with_sanitised_markdown(site, tmp_path):
    hostile = NEWS.replace("Die **Laugung**", "<script>alert('x')</script>Die **Laugung**").replace(
        "metals: [In, ga]", "metals: [ga, cu]"
    )
    out, err = run(folder(tmp_path, {"pilotanlage.md": hostile, "indium-lcd.md": PAPER}))
    assert "2 file(s): 2 created, 0 updated, 0 skipped" in out
    assert err == ""

    article = NewsArticlePage.objects.get(slug="pilotanlage")
    assert article.live and article.get_parent().pk == site["news"].pk
    assert {m.slug for m in article.metals.all()} == {"ga", "cu"}
    html = str(article.body[0].render())
    assert "<strong>Laugung</strong>" in html and "<script" not in html

    paper = PaperPage.objects.get(slug="indium-lcd")
    assert paper.live and paper.get_parent().pk == site["edition"].pk
    assert [(a.name, a.institution and a.institution.slug) for a in paper.authors.all()] == [
        ("Dr. Anna Berger", "tu-clausthal"), ("Jonas Weber", None),
    ]
    assert sorted(tag.name for tag in paper.keywords.all()) == ["LCD glass", "indium"]
    assert paper.doi == "10.1234/rc.2025.17"


def test_importing_again_updates_instead_of_duplicating(site, tmp_path):
    files = folder(tmp_path, {"indium-lcd.md": PAPER})
    run(files)
    (tmp_path / "indium-lcd.md").write_text(PAPER.replace("Session 2", "Session 4"), encoding="utf-8")
    out, _ = run(files)
    assert "0 created, 1 updated" in out
    paper = PaperPage.objects.get(slug="indium-lcd")
    assert paper.session == "Session 4: Hydrometallurgy"
    assert paper.revisions.count() == 2


def test_a_bad_file_is_reported_and_the_good_ones_still_land(site, tmp_path):
    files = folder(tmp_path, {
        "a-unknown-metal.md": NEWS.replace("metals: [In, ga]", "metals: [unobtainium]"),
        "b-good.md": NEWS,
        "c-missing-edition.md": PAPER.replace("Symposium-2025", "symposium-1999"),
        "d-bad-doi.md": PAPER.replace("10.1234/rc.2025.17", "not a doi"),
    })
    with pytest.raises(CommandError, match="3 file\\(s\\) were not imported"):
        run(files)
    assert list(NewsArticlePage.objects.values_list("slug", flat=True)) == ["b-good"]
    assert not PaperPage.objects.exists()  # the bad DOI rolled its page back entirely


def test_the_reasons_name_the_file_and_the_fix(site, tmp_path, capsys):
    files = folder(tmp_path, {
        "a-unknown-metal.md": NEWS.replace("metals: [In, ga]", "metals: [unobtainium]"),
        "c-missing-edition.md": PAPER.replace("Symposium-2025", "symposium-1999"),
        "d-bad-doi.md": PAPER.replace("10.1234/rc.2025.17", "not a doi"),
    })
    err = StringIO()
    with pytest.raises(CommandError), translation.override("en"):  # messages follow the active language
        call_command("import_markdown", str(files), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "a-unknown-metal.md: skipped: unknown metal slug(s): unobtainium" in lines[0]
    assert "c-missing-edition.md: skipped: no event edition with slug 'symposium-1999' (known: symposium-2025)" in lines[1]
    assert "d-bad-doi.md: skipped: doi: A DOI looks like 10.1234/something" in lines[2]


def test_drafts_and_dry_runs(site, tmp_path):
    files = folder(tmp_path, {"pilotanlage.md": NEWS})
    out, _ = run(files, "--dry-run")
    assert "1 would be created" in out and not NewsArticlePage.objects.exists()
    run(files, "--draft")
    article = NewsArticlePage.objects.get()
    assert not article.live and article.has_unpublished_changes


def test_an_empty_or_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no \\*.md files"):
        run(tmp_path)
    with pytest.raises(CommandError, match="is not a folder"):
        run(tmp_path / "nowhere")
