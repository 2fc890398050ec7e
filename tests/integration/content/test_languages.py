"""German by default, English on request: the interface, its switcher, and the language of content.

The interface strings are written in English in templates and code and
translated to German by ``locale/de/LC_MESSAGES/django.po``; the compiled
``django.mo`` is committed, so a fresh machine needs no gettext tools.  A
visitor switches with the language menu (``set_language`` stores a cookie),
so a page keeps its address in both languages.  Content is not translated:
every content page records the language it is written in and marks it up.
"""

from __future__ import annotations

import ast
import gettext
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation.template import templatize
from wagtail.models import Page

from portal.content import ContentLanguageMixin
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Institution
from portal.technologies.models import TechnologyProfilePage
from tests.integration.content.test_demo_site import demo  # noqa: F401 -- the seeded demo site, once per module
from tests.unit.core.inspect_html import inspect

ATOM = "{http://www.w3.org/2005/Atom}"
BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
UPDATE_CATALOGUE = (
    "Run `.venv/bin/python manage.py makemessages -l de -i .venv -i tests -i node_modules -i var`, "
    "translate the new entries in locale/de/LC_MESSAGES/django.po, then "
    "`.venv/bin/python manage.py compilemessages -i .venv` and commit both files."
)


def german() -> Client:
    """A first-time visitor: no cookie, no language preference."""
    return Client()


def english() -> Client:
    """A visitor whose browser asks for English."""
    return Client(headers={"Accept-Language": "en"})


def fetch(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def html_lang(body: str) -> str:
    return next(element.attrs.get("lang") for element in inspect(body).elements if element.tag == "html")


def attribute_values(body: str, name: str) -> set[str]:
    return {value for _tag, attribute, value in inspect(body).attributes() if attribute == name}


def public_paths() -> list[str]:
    """Every live page, the member directory, a profile and a search."""
    paths = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    paths += [reverse("institution-list"), Institution.objects.order_by("slug").first().get_absolute_url()]
    paths.append(reverse("search") + "?q=Indium")
    return paths


# --- The interface language ------------------------------------------------


@pytest.mark.django_db
def test_the_home_page_speaks_german_by_default(demo):  # noqa: F811
    response = german().get("/")
    body = response.content.decode()
    text = inspect(body).text

    assert html_lang(body) == "de"
    assert response["Content-Language"] == "de"
    for phrase in (
        "Zum Inhalt springen",
        "Projekte",
        "Veranstaltungen und Beiträge",
        "Mitglieder",
        "Ausgewählte Ergebnisse",
        "Neueste Nachrichten",
        "Anstehende Veranstaltungen",
        f"{demo['institutions']} Mitglieder",
        f"{demo['projects']} Projekte",
        f"{demo['documents']} indexierte Dokumente",
        "Recycling-Cluster Metalle · Recycling strategischer Metalle im Harz",
        "Nachrichten-Feed (Atom)",
    ):
        assert phrase in text, phrase
    assert {"Hauptnavigation", "Der Cluster in Zahlen"} <= attribute_values(body, "aria-label")
    assert "Ergebnisse, Beiträge, Partner suchen" in attribute_values(body, "placeholder")
    for phrase in ("Skip to content", "Featured results", "Latest news", "Upcoming events", "documents indexed"):
        assert phrase not in text, phrase


@pytest.mark.django_db
def test_a_browser_that_asks_for_english_gets_the_english_interface(demo):  # noqa: F811
    response = english().get("/")
    body = response.content.decode()
    text = inspect(body).text

    assert html_lang(body) == "en"
    assert response["Content-Language"] == "en"
    for phrase in (
        "Skip to content",
        "Events and papers",
        "Members",
        "Featured results",
        "Latest news",
        "Upcoming events",
        f"{demo['institutions']} members",
        f"{demo['projects']} projects",
        f"{demo['documents']} documents indexed",
        "Metals Recycling Cluster · recycling of strategic metals in the Harz region",
    ):
        assert phrase in text, phrase
    assert {"Main", "The cluster in figures"} <= attribute_values(body, "aria-label")
    for phrase in ("Zum Inhalt springen", "Ausgewählte Ergebnisse", "Neueste Nachrichten", "Mitglieder"):
        assert phrase not in text, phrase


@pytest.mark.django_db
def test_caches_keep_the_languages_apart(demo):  # noqa: F811
    """The same address answers in two languages, chosen by header or cookie."""
    vary = {value.strip().lower() for value in german().get("/")["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


@dataclass
class LanguageMenu:
    action: str = ""
    next: str = ""
    options: list[tuple[str, str, str, bool]] = field(default_factory=list)  # value, lang, label, selected


class _LanguageMenuParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.menu: LanguageMenu | None = None
        self._in_menu = False
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form" and "language" in attrs.get("class", "").split():
            self.menu, self._in_menu = LanguageMenu(action=attrs.get("action", "")), True
        elif self._in_menu and tag == "input" and attrs.get("name") == "next":
            self.menu.next = attrs.get("value", "")
        elif self._in_menu and tag == "option":
            self._option = [attrs.get("value", ""), attrs.get("lang", ""), "", "selected" in attrs]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value, lang, label, selected = self._option
            self.menu.options.append((value, lang, label.strip(), selected))
            self._option = None
        elif tag == "form":
            self._in_menu = False


def language_menu(body: str) -> LanguageMenu:
    parser = _LanguageMenuParser()
    parser.feed(body)
    parser.close()
    assert parser.menu is not None, "the page has no language menu"
    return parser.menu


@pytest.mark.django_db
def test_the_language_menu_leads_from_every_page_to_the_same_page_in_the_other_language(demo):  # noqa: F811
    visitor = german()
    for path in public_paths():
        menu = language_menu(fetch(visitor, path))
        assert menu.action == reverse("set_language"), path
        assert menu.next == path, "the menu must return the visitor to this very page"
        # Each language is offered in its own name, marked with its own language.
        assert menu.options == [("de", "de", "Deutsch", True), ("en", "en", "English", False)], path

        switched = visitor.post(menu.action, {"language": "en", "next": menu.next})
        assert switched.status_code == 302 and switched["Location"] == path
        english_body = fetch(visitor, path)
        assert html_lang(english_body) == "en", path
        assert [option[3] for option in language_menu(english_body).options] == [False, True]

        back = visitor.post(menu.action, {"language": "de", "next": path})
        assert back["Location"] == path
        assert html_lang(fetch(visitor, path)) == "de", path


@pytest.mark.django_db
def test_the_chosen_language_stays_for_the_rest_of_the_visit(demo):  # noqa: F811
    visitor = german()
    visitor.post(reverse("set_language"), {"language": "en", "next": "/"})
    for path in ("/", "/projects/", reverse("institution-list"), "/news/"):
        body = fetch(visitor, path)
        assert html_lang(body) == "en", path
        assert "Skip to content" in inspect(body).text


# --- Translated labels on the pages ----------------------------------------


LABELS = [
    pytest.param(
        "/projects/inrec/",
        ["Abgeschlossen", "Laufzeit", "Förderung", "Erreichter Technologie-Reifegrad (TRL)", "TRL 5",
         "Hochschule Oberharz (Koordination)", "Berichte und Arbeitsergebnisse", "(PDF, 3 Seiten)"],
        ["Completed", "Duration", "Funding", "Technology readiness level reached", "TRL 5",
         "Hochschule Oberharz (Coordinator)", "Reports and deliverables", "(PDF, 3 pages)"],
        id="project: status, TRL, partner role, report",
    ),
    pytest.param(
        "/projects/",
        ["Status", "Jeder Status", "Geplant", "Laufend", "Abgeschlossen", "Alle Metalle", "Alle Verfahren", "Filtern"],
        ["Status", "Any status", "Planned", "Running", "Completed", "All metals", "All processes", "Filter"],
        id="project list: status filter",
    ),
    pytest.param(
        "/events/",
        ["Art", "Alle Arten", "Symposium", "Innovationsforum", "Firmenexkursion", "Angebot für Schulen",
         "Demnächst", "Vergangene Veranstaltungen"],
        ["Kind", "All kinds", "Symposium", "Innovation Forum", "Company excursion", "School outreach",
         "Upcoming", "Past events"],
        id="events: kinds",
    ),
    pytest.param(
        "/members/",
        ["Typ", "Alle Typen", "Unternehmen", "Hochschule", "Forschungsinstitut", "Kommune", "Verband",
         "Finden Sie Partner nach den Metallen und Verfahren"],
        ["Type", "All types", "Company", "University", "Research institute", "Municipality", "Association",
         "Find partners by the metals and processes they know"],
        id="member directory: institution types",
    ),
    pytest.param(
        "/members/hochschule-oberharz/",
        ["Hochschule", "Kompetenzen", "Projekte", "Beiträge", "Technologien"],
        ["University", "Expertise", "Projects", "Papers", "Technologies"],
        id="member profile",
    ),
    pytest.param(
        "/events/symposium-2023/paper-01/",
        ["Kurzfassung", "Stichwörter:"],
        ["Abstract", "Keywords:"],
        id="symposium paper",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "in_german", "in_english"), LABELS)
def test_interface_labels_and_choices_are_shown_in_the_visitors_language(demo, path, in_german, in_english):  # noqa: F811
    german_text = inspect(fetch(german(), path)).text
    english_text = inspect(fetch(english(), path)).text
    for phrase in in_german:
        assert phrase in german_text, phrase
    for phrase in in_english:
        assert phrase in english_text, phrase


@pytest.mark.django_db
def test_a_technology_profile_names_its_readiness_level_in_german_and_english(demo):  # noqa: F811
    technology = TechnologyProfilePage.objects.live().first()
    german_body = fetch(german(), technology.url)
    english_body = fetch(english(), technology.url)
    level = f"TRL {technology.readiness_level}"
    assert f'<dt lang="de">Technologie-Reifegrad (TRL)</dt><dd>{level}</dd>' in german_body
    assert f'<dt lang="en">Technology readiness level</dt><dd>{level}</dd>' in english_body
    assert '<dt lang="de">Angeboten von</dt>' in german_body and '<dt lang="en">Offered by</dt>' in english_body


@pytest.mark.django_db
def test_the_search_page_speaks_the_visitors_language(demo):  # noqa: F811
    german_body = fetch(german(), "/search/?q=Indium")
    german_text = inspect(german_body).text
    assert html_lang(german_body) == "de"
    assert "<title>„Indium“ – Suche · Recycling-Cluster Metalle</title>" in german_body
    for phrase in ("Projekte, Beiträge und Technologien durchsuchen", "Metall", "Verfahren", "Einrichtung",
                   "Filter anwenden", "Projekt · 2019", "InRec Abschlussbericht, Seite 1"):
        assert phrase in german_text, phrase
    # items tagged with indium count too (ranked retrieval): the number follows the index, the words the language
    assert re.search(r"\b\d+ Ergebnisse\b", german_text)
    assert "Ergebnisse filtern" in attribute_values(german_body, "aria-label")

    english_body = fetch(english(), "/search/?q=Indium")
    english_text = inspect(english_body).text
    assert "<title>“Indium” – Search · Metals Recycling Cluster</title>" in english_body
    for phrase in ("Search projects, papers and technologies", "Metal", "Process", "Institution",
                   "Apply filters", "Project · 2019", "InRec Abschlussbericht, page 1"):
        assert phrase in english_text, phrase
    assert re.search(r"\b\d+ results\b", english_text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "in_german", "in_english"),
    [
        ("Neodym&type=project", ["1 Ergebnis"], ["1 result"]),
        ("xyzzyq", ["0 Ergebnisse", "Keine Ergebnisse. Versuchen Sie es mit weniger Wörtern oder entfernen Sie einen Filter."],
         ["0 results", "No results. Try fewer words or remove a filter."]),
    ],
)
def test_the_result_count_uses_the_right_plural_form(demo, query, in_german, in_english):  # noqa: F811
    german_text = inspect(fetch(german(), f"/search/?q={query}")).text
    english_text = inspect(fetch(english(), f"/search/?q={query}")).text
    for phrase in in_german:
        assert phrase in german_text, phrase
    for phrase in in_english:
        assert phrase in english_text, phrase
    assert "1 Ergebnisse" not in german_text and "1 results" not in english_text


@pytest.mark.django_db
def test_the_news_feeds_are_titled_in_the_visitors_language(demo):  # noqa: F811
    atom = ET.fromstring(german().get("/feeds/news.atom").content)
    assert atom.find(f"{ATOM}title").text == "Recycling-Cluster Metalle – Aktuelles"
    assert atom.find(f"{ATOM}subtitle").text.startswith("Neuigkeiten aus dem Recycling-Cluster")

    rss = ET.fromstring(german().get("/feeds/news.rss").content)
    assert rss.find("channel/title").text == "Recycling-Cluster Metalle – Aktuelles"
    assert rss.find("channel/language").text == "de"
    assert "Kupfer" in [category.text for category in rss.findall("channel/item/category")]

    rss = ET.fromstring(english().get("/feeds/news.rss").content)
    assert rss.find("channel/title").text == "Metals Recycling Cluster – News"
    assert rss.find("channel/description").text.startswith("News from the recycling cluster")
    assert rss.find("channel/language").text == "en"
    assert "Copper" in [category.text for category in rss.findall("channel/item/category")]


@pytest.mark.django_db
def test_a_missing_page_says_so_in_the_visitors_language(demo):  # noqa: F811
    assert "Seite nicht gefunden" in inspect(fetch(german(), "/gibt-es-nicht/", status=404)).text
    assert "Page not found" in inspect(fetch(english(), "/gibt-es-nicht/", status=404)).text


# --- The language of content ----------------------------------------------


def content_models() -> list[type]:
    return [model for model in apps.get_models() if issubclass(model, ContentLanguageMixin)]


@pytest.mark.django_db
def test_every_content_page_records_its_language_and_marks_it_up(demo):  # noqa: F811
    models = content_models()
    assert {model.__name__ for model in models} >= {
        "ProjectPage", "EventPage", "PaperPage", "TechnologyProfilePage", "NewsArticlePage",
    }
    seen = set()
    for model in models:
        pages = list(model.objects.live())
        assert pages, model.__name__
        for page in pages:
            assert page.language in {"de", "en"}, page.url
            seen.add(page.language)
            for visitor, interface in ((german(), "de"), (english(), "en")):
                body = fetch(visitor, page.url)
                assert html_lang(body) == interface, page.url
                articles = [element for element in inspect(body).elements if element.tag == "article"]
                assert [article.attrs.get("lang") for article in articles] == [page.language], page.url
    assert seen == {"de", "en"}
    assert ProjectPage.objects.get(slug="inrec").language == "de"
    assert ProjectPage.objects.get(slug="cuprint").language == "en"


@pytest.mark.django_db
def test_interface_labels_inside_content_are_marked_with_the_interface_language(demo):  # noqa: F811
    """A screen reader reads a German project's English labels as English, and vice versa."""
    german_project = fetch(english(), "/projects/inrec/")
    assert '<article lang="de">' in german_project
    assert '<dt lang="en">Partners</dt>' in german_project
    assert '<h2 id="results" lang="en">Results</h2>' in german_project

    english_project = fetch(german(), "/projects/cuprint/")
    assert '<article lang="en">' in english_project
    assert '<dt lang="de">Partner</dt>' in english_project
    assert '<h2 id="results" lang="de">Ergebnisse</h2>' in english_project


# --- The catalogue ----------------------------------------------------------


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # plural form -> text; 0 for singular entries
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


_PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _PO_ESCAPES[match.group(1)], text)


def parse_po(text: str) -> list[Entry]:
    """A minimal reader for what ``makemessages`` writes (polib is not a dependency)."""
    entries: list[Entry] = []
    entry, keyword, plural_index = Entry(line=1), None, 0
    for number, raw in enumerate(text.splitlines() + [""], start=1):
        line = raw.strip()
        if not line:
            if keyword is not None:
                entries.append(entry)
            entry, keyword = Entry(line=number + 1), None
            continue
        if line.startswith("#~"):
            entry.obsolete, keyword = True, "obsolete"
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = _PO_KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unescape(match.group(3))
        elif line.startswith('"') and line.endswith('"') and keyword:
            value = _unescape(line[1:-1])
        else:
            raise AssertionError(f"django.po line {number} is not valid PO: {raw!r}")
        if match and keyword.startswith("msgstr"):
            plural_index = int(index or 0)
            entry.msgstr[plural_index] = ""
        if keyword == "msgctxt":
            entry.context = (entry.context or "") + value
        elif keyword == "msgid":
            entry.msgid += value
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            entry.msgstr[plural_index] += value
    return entries


def catalogue() -> tuple[dict[str, str], list[Entry]]:
    entries = parse_po(CATALOGUE.read_text(encoding="utf-8"))
    header = next(entry for entry in entries if entry.msgid == "" and entry.context is None)
    metadata = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    return metadata, [entry for entry in entries if entry is not header]


_PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


def test_the_german_catalogue_translates_every_entry():
    metadata, entries = catalogue()
    assert metadata["Language"] == "de"
    assert metadata["Plural-Forms"].startswith("nplurals=2; plural=(n != 1);")
    assert len(entries) > 100
    problems = []
    for entry in entries:
        where = f"line {entry.line}: {entry.msgid!r}"
        if entry.obsolete:
            problems.append(f"{where} is obsolete (#~); delete it")
        if "fuzzy" in entry.flags:
            problems.append(f"{where} is fuzzy; check the translation and remove the flag")
        expected_forms = 2 if entry.msgid_plural is not None else 1
        if sorted(entry.msgstr) != list(range(expected_forms)) or not all(entry.msgstr.values()):
            problems.append(f"{where} lacks a translation ({expected_forms} form(s) needed)")
        if "python-format" in entry.flags:
            # A translation may not name a placeholder its source lacks (that raises
            # KeyError), nor drop one, except in the singular of a plural entry.
            source = set(_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
            for form, text in entry.msgstr.items():
                used = set(_PLACEHOLDER.findall(text))
                last = set(_PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
                if not used <= source or (form > 0 or entry.msgid_plural is None) and used != last:
                    problems.append(f"{where} changes the placeholders: {text!r}")
    assert not problems, "\n".join(problems)


def test_the_compiled_catalogue_is_up_to_date_with_the_po_file():
    """The committed django.mo says exactly what django.po says."""
    assert COMPILED.exists(), "locale/de/LC_MESSAGES/django.mo is missing. " + UPDATE_CATALOGUE
    with COMPILED.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    _metadata, entries = catalogue()
    stale = []
    for entry in entries:
        if entry.msgid_plural is None:
            if entry.context is None:
                found = [translations.gettext(entry.msgid)]
            else:
                found = [translations.pgettext(entry.context, entry.msgid)]
        elif entry.context is None:
            found = [translations.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        else:
            found = [translations.npgettext(entry.context, entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        if found != [entry.msgstr[i] for i in sorted(entry.msgstr)]:
            stale.append(entry.msgid)
    assert not stale, f"django.mo is older than django.po for {stale}. " + UPDATE_CATALOGUE


# Strings marked for translation, found the way makemessages finds them.
_SKIPPED_DIRS = {".venv", "tests", "node_modules", "var", "locale", ".git", "__pycache__"}
_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_TEMPLATE_CALL = re.compile(rf"\b(n?p?gettext)\(({_STRING}(?:, {_STRING})*)(?:, count)?\)")
_PY_FUNCTIONS = {
    "_": "gettext", "gettext": "gettext", "gettext_lazy": "gettext", "gettext_noop": "gettext",
    "pgettext": "pgettext", "pgettext_lazy": "pgettext",
    "ngettext": "ngettext", "ngettext_lazy": "ngettext",
    "npgettext": "npgettext", "npgettext_lazy": "npgettext",
}


def _key(function: str, arguments: tuple[str, ...]) -> tuple[str | None, str]:
    return (arguments[0], arguments[1]) if function.startswith(("pgettext", "npgettext")) else (None, arguments[0])


def _project_files(*suffixes: str):
    for path in sorted(BASE_DIR.rglob("*")):
        relative = path.relative_to(BASE_DIR)
        if path.suffix in suffixes and path.is_file() and not _SKIPPED_DIRS & set(relative.parts[:-1]):
            yield path


def marked_strings() -> dict[tuple[str | None, str], str]:
    found: dict[tuple[str | None, str], str] = {}
    for path in _project_files(".html", ".txt"):
        for match in _TEMPLATE_CALL.finditer(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            arguments = ast.literal_eval(f"({match.group(2)},)")
            found.setdefault(_key(match.group(1), arguments), str(path.relative_to(BASE_DIR)))
    for path in _project_files(".py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            arguments = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if name in _PY_FUNCTIONS and arguments and len(arguments) >= (2 if name.startswith(("p", "np")) else 1):
                found.setdefault(_key(_PY_FUNCTIONS[name], tuple(arguments)), str(path.relative_to(BASE_DIR)))
    return found


def test_every_string_marked_for_translation_is_in_the_catalogue_and_nothing_else():
    marked = marked_strings()
    _metadata, entries = catalogue()
    in_catalogue = {entry.key for entry in entries if not entry.obsolete}
    missing = sorted(f"{marked[key]}: {key[1]!r}" for key in set(marked) - in_catalogue)
    assert not missing, "Marked but not in the German catalogue:\n" + "\n".join(missing) + "\n" + UPDATE_CATALOGUE
    unused = sorted(repr(key[1]) for key in in_catalogue - set(marked))
    assert not unused, "In the catalogue but no longer marked anywhere:\n" + "\n".join(unused) + "\n" + UPDATE_CATALOGUE
