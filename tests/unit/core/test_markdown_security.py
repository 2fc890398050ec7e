"""Nothing an editor pastes can run script in a visitor's browser.

Every payload in ``payloads.HOSTILE`` is rendered and the output is read back
with an HTML parser (which decodes entities as a browser does) and checked
against the policy of ``portal.core.markdown``.
"""

from __future__ import annotations

import re

import pytest

from portal.core.markdown import ALLOWED_TAGS, ALLOWED_URL_SCHEMES, render_markdown, sanitise_html

from .inspect_html import inspect, url_scheme
from .payloads import HOSTILE

FORBIDDEN_TAGS = ("script", "iframe", "object", "embed", "svg", "math", "style", "form", "base", "meta", "link", "img")
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "class", "id", "start", "align", "colspan", "rowspan"}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}

PAYLOADS = [pytest.param(payload, survivor, id=name) for name, payload, survivor in HOSTILE]


def test_the_battery_is_big_enough_and_names_are_unique():
    assert len(HOSTILE) >= 30
    assert len({name for name, _, _ in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize(("payload", "survivor"), PAYLOADS)
def test_no_forbidden_element_reaches_the_page(payload, survivor):
    output = str(render_markdown(payload))
    for tag in FORBIDDEN_TAGS:
        assert not re.search(rf"<\s*{tag}\b", output, re.IGNORECASE), f"<{tag}> in {output!r}"
    assert inspect(output).tags <= ALLOWED_TAGS


@pytest.mark.parametrize(("payload", "survivor"), PAYLOADS)
def test_no_event_handler_or_style_attribute_survives(payload, survivor):
    attributes = inspect(str(render_markdown(payload))).attributes()
    for tag, name, value in attributes:
        assert not re.fullmatch(r"on\w+", name, re.IGNORECASE), f"<{tag} {name}={value!r}>"
        assert name in ALLOWED_ATTRIBUTES, f"<{tag} {name}={value!r}>"


@pytest.mark.parametrize(("payload", "survivor"), PAYLOADS)
def test_no_attribute_holds_a_script_or_data_url(payload, survivor):
    """Checked on decoded attribute values, as a browser reads them.

    Not on the whole decoded output: a payload the Markdown step did not take
    for HTML (``<IMG SRC=JaVaScRiPt:…>``) is shown escaped, as harmless text,
    and decoding that text would report a URL no browser ever sees as one.
    """
    for tag, name, value in inspect(str(render_markdown(payload))).attributes():
        assert url_scheme(value) not in DANGEROUS_SCHEMES, f"<{tag} {name}={value!r}>"
        if name == "href":
            assert url_scheme(value) in ALLOWED_URL_SCHEMES | {None}, f"<{tag} href={value!r}>"


@pytest.mark.parametrize(("payload", "survivor"), [p for p in PAYLOADS if p.values[1] is not None])
def test_harmless_text_survives(payload, survivor):
    assert survivor in inspect(str(render_markdown(payload))).text


@pytest.mark.parametrize(("payload", "survivor"), PAYLOADS)
def test_output_is_stable_under_a_second_sanitising_pass(payload, survivor):
    """A browser re-parsing the output finds nothing new (no mutation XSS)."""
    output = str(render_markdown(payload))
    assert str(sanitise_html(output)) == output


def test_script_content_is_dropped_not_shown():
    output = str(render_markdown("<script>alert('XSS')</script>Weiter"))
    assert "alert" not in output
    assert "Weiter" in output


def test_html_shown_as_code_stays_visible_as_text():
    output = str(render_markdown('Beispiel: `<img src=x onerror="alert(1)">`'))
    assert '<code>&lt;img src=x onerror="alert(1)"&gt;</code>' in output or (
        "<code>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</code>" in output
    )
    assert inspect(output).tags == {"p", "code"}


def test_a_link_whose_url_was_removed_keeps_its_words_but_no_href():
    output = str(render_markdown("[Bericht](javascript:alert(1))"))
    (link,) = [el for el in inspect(output).elements if el.tag == "a"]
    assert "href" not in link.attrs
    assert inspect(output).text == "Bericht"


def test_attribute_values_cannot_break_out_of_their_quotes():
    output = str(render_markdown('[x](https://example.org "t" onmouseover="alert(1)")'))
    (link,) = [el for el in inspect(output).elements if el.tag == "a"]
    assert set(link.attrs) <= {"href", "title", "rel"}
