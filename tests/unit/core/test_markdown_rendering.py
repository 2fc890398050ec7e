"""What editors get when they paste Markdown: the specification of render_markdown."""

from __future__ import annotations

import re

from django.utils.safestring import SafeString

from portal.core.markdown import LINK_REL, markdown_to_text, render_markdown

from .inspect_html import inspect

ABSTRACT_DE = """\
# Rückgewinnung von Indium aus LCD-Glas

## Zielsetzung

Indium-Zinn-Oxid (ITO) wird aus zerkleinertem **LCD-Glas** mit *verdünnter*
Schwefelsäure (H<sub>2</sub>SO<sub>4</sub>) gelaugt.[^quelle]

## Ergebnisse

| Parameter        | Wert   | Einheit |
|:-----------------|-------:|:-------:|
| Laugungsausbeute | 92,5   | %       |
| Temperatur       | 60     | °C      |

- Zerkleinerung auf < 1 mm
- Laugung bei 60 °C
- Fällung als In(OH)<sub>3</sub>

Weitere Details im [Projektbericht](/projekte/indium-lcd/) und bei
[Fraunhofer IWKS](https://www.iwks.fraunhofer.de/) oder per
[E-Mail](mailto:kontakt@example.org).

[^quelle]: Müller, A.; Schmidt, B.: *Laugung von ITO*, Tagungsband 2024, S. 12–19.
"""

ABSTRACT_EN = """\
## Hydrometallurgical recovery of cobalt from spent Li-ion batteries

Black mass was leached with `H2SO4` and `H2O2` as reductant:

1. Discharge and dismantling
2. Leaching at pH 1.5
3. Solvent extraction with Cyanex 272

```python
recovery = cobalt_in_product / cobalt_in_feed  # 0.97
```

> Cobalt recovery reached 97 % at laboratory scale.

*[SX]: solvent extraction

SX separated Co from Ni.
"""


def test_returns_safe_html_that_templates_output_unescaped():
    assert isinstance(render_markdown("*Indium*"), SafeString)
    assert str(render_markdown("*Indium*")) == "<p><em>Indium</em></p>"


def test_empty_or_missing_text_renders_as_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_german_abstract_keeps_its_structure():
    output = str(render_markdown(ABSTRACT_DE))
    assert "<strong>LCD-Glas</strong>" in output
    assert "<em>verdünnter</em>" in output
    assert "H<sub>2</sub>SO<sub>4</sub>" in output
    assert "In(OH)<sub>3</sub>" in output
    assert "<li>Zerkleinerung auf &lt; 1 mm</li>" in output
    assert "<td align=\"right\">92,5</td>" in output
    assert "<th align=\"center\">Einheit</th>" in output
    assert "Müller, A.; Schmidt, B.: <em>Laugung von ITO</em>" in output


def test_english_abstract_keeps_its_structure():
    output = str(render_markdown(ABSTRACT_EN))
    assert "<h2>Hydrometallurgical recovery of cobalt from spent Li-ion batteries</h2>" in output
    assert "<code>H2SO4</code>" in output
    assert re.search(r"<ol>\s*<li>Discharge and dismantling</li>", output)
    assert '<pre><code class="language-python">recovery = cobalt_in_product / cobalt_in_feed  # 0.97\n</code></pre>' in output
    assert re.search(r"<blockquote>\s*<p>Cobalt recovery reached 97 % at laboratory scale.</p>\s*</blockquote>", output)
    assert '<abbr title="solvent extraction">SX</abbr>' in output


def test_the_page_title_stays_the_only_h1():
    """Headings are demoted so that the highest level in the text becomes h2."""
    output = str(render_markdown(ABSTRACT_DE))
    assert "<h1" not in output
    assert "<h2>Rückgewinnung von Indium aus LCD-Glas</h2>" in output
    assert "<h3>Zielsetzung</h3>" in output
    # A text that already starts at h2 is not shifted.
    assert str(render_markdown("## Methods\n\n### Leaching")) == "<h2>Methods</h2>\n<h3>Leaching</h3>"
    # Levels never go past h6.
    assert "<h6>Sechs</h6>" in str(render_markdown("# Eins\n\n###### Sechs"))


def test_raw_h1_loses_its_markup_but_keeps_its_words():
    assert inspect(str(render_markdown("<h1>Titel</h1>"))).tags == set()
    assert "Titel" in str(render_markdown("<h1>Titel</h1>"))


def test_links_keep_http_https_mailto_and_relative_targets_and_get_rel():
    links = {el.attrs["href"]: el.attrs for el in inspect(str(render_markdown(ABSTRACT_DE))).elements if el.tag == "a"}
    assert "/projekte/indium-lcd/" in links
    assert "https://www.iwks.fraunhofer.de/" in links
    assert "mailto:kontakt@example.org" in links
    assert all(attrs["rel"] == LINK_REL for attrs in links.values())
    assert LINK_REL == "noopener nofollow ugc"


def test_link_titles_and_plain_autolinks_work():
    output = str(render_markdown('[Bericht](https://example.org/b.pdf "PDF, 2 MB") <https://example.org/>'))
    assert '<a href="https://example.org/b.pdf" title="PDF, 2 MB" rel="noopener nofollow ugc">Bericht</a>' in output
    assert '<a href="https://example.org/" rel="noopener nofollow ugc">https://example.org/</a>' in output


def test_other_url_schemes_lose_their_link():
    for url in ("ftp://example.org/x", "tel:+4930123", "file:///etc/passwd"):
        (link,) = [el for el in inspect(str(render_markdown(f"[x]({url})"))).elements if el.tag == "a"]
        assert "href" not in link.attrs, url


def test_images_render_as_their_alt_text_so_nothing_is_fetched_from_elsewhere():
    output = str(render_markdown("Abb. 1: ![Fließbild der Laugung](https://cdn.example.org/flow.png) oben."))
    assert output == "<p>Abb. 1: Fließbild der Laugung oben.</p>"
    assert "<img" not in str(render_markdown('<img src="/media/images/flow.png" alt="Fließbild">'))
    linked = str(render_markdown("[![Logo](/media/logo.png)](https://example.org/)"))
    assert linked == '<p><a href="https://example.org/" rel="noopener nofollow ugc">Logo</a></p>'


def test_footnotes_link_to_their_text_and_back():
    output = str(render_markdown(ABSTRACT_DE))
    elements = inspect(output).elements
    ids = {el.attrs["id"] for el in elements if "id" in el.attrs}
    targets = {el.attrs["href"][1:] for el in elements if el.tag == "a" and el.attrs.get("href", "").startswith("#")}
    assert len(ids) == 2
    assert targets == ids


def test_footnote_ids_differ_between_two_texts_on_one_page():
    first = inspect(str(render_markdown("Eins[^1]\n\n[^1]: erste Quelle"))).elements
    second = inspect(str(render_markdown("Zwei[^1]\n\n[^1]: zweite Quelle"))).elements
    ids = [{el.attrs["id"] for el in elements if "id" in el.attrs} for elements in (first, second)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def test_lists_follow_sane_lists_rules():
    # A numbered list may start elsewhere than 1, and a bullet after numbers starts a new list.
    output = str(render_markdown("3. drei\n4. vier\n\n- Punkt"))
    assert '<ol start="3">' in output
    assert "<ul>" in output


def test_definition_lists_for_glossaries():
    output = str(render_markdown("Schwarzmasse\n:   Aktivmaterial aus zerkleinerten Batterien"))
    assert output == "<dl>\n<dt>Schwarzmasse</dt>\n<dd>Aktivmaterial aus zerkleinerten Batterien</dd>\n</dl>"


def test_editor_classes_ids_and_styles_are_dropped():
    output = str(render_markdown('<p class="hero" id="main" style="color:red">Text</p>'))
    assert output == "<p>Text</p>"
    assert str(render_markdown('<pre><code class="language-python evil">x</code></pre>')) == (
        '<pre><code class="language-python">x</code></pre>'
    )


def test_simple_inline_html_for_formulas_is_kept():
    assert str(render_markdown("m<sup>2</sup> und CO<sub>2</sub>")) == "<p>m<sup>2</sup> und CO<sub>2</sub></p>"


def test_plain_text_for_search_has_the_words_and_no_markup():
    text = markdown_to_text(ABSTRACT_DE)
    assert text.startswith("Rückgewinnung von Indium aus LCD-Glas Zielsetzung Indium-Zinn-Oxid")
    assert "H2SO4" in text
    assert "Laugungsausbeute 92,5 %" in text
    assert "Projektbericht" in text
    assert "<" not in text.replace("< 1 mm", "")
    assert "↩" not in text
    assert "/projekte/" not in text
