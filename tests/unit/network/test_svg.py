"""The map and the works-by-year chart are well-formed SVG that escapes every name; no database needed."""

import xml.etree.ElementTree as ET

import pytest

from portal.network import svg

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG_TAG = "{http://www.w3.org/2000/svg}"


def marker(key, name, kind="company", town="Goslar", lat=51.906, lon=10.429):
    return svg.MapMarker(key=key, name=name, kind=kind, kind_label=kind.title(), town=town, lat=lat, lon=lon,
                         url=f"/members/{key}/")


MARKERS = [
    marker("hmr", "Harzer Metallrückgewinnung GmbH"),
    marker("lk", "Landkreis Goslar, Abfallwirtschaft", kind="municipality", lat=51.905, lon=10.428),
    marker("ho", "Hochschule Oberharz", kind="university", town="Clausthal-Zellerfeld", lat=51.805, lon=10.335),
    marker("mw", "Magnettechnik Wernigerode GmbH", town="Wernigerode", lat=51.835, lon=10.785),
    marker("isr", "Institut für Sekundärrohstoffe Harz", kind="institute", town="Osterode am Harz", lat=51.727,
           lon=10.252),
    marker("verein", "Verein Bergbauregion Harz", kind="association", town="Bad Harzburg", lat=51.881, lon=10.562),
]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def draw(markers=MARKERS, links=(), **kwargs):
    return svg.network_map(markers, links, title="Karte der Mitglieder", description="Sechs Institutionen",
                           **kwargs)


def test_the_map_is_well_formed_svg_with_title_and_description():
    root = parse(draw())
    assert root.tag == f"{SVG_TAG}svg"
    assert root.get("aria-labelledby") == "network-map-title network-map-desc"
    assert root.find("svg:title", NS).text == "Karte der Mitglieder"
    assert root.find("svg:desc", NS).text == "Sechs Institutionen"
    assert root.get("viewBox").startswith("0 0 800 ")


def test_one_marker_per_institution_linked_to_its_profile_and_labelled():
    root = parse(draw())
    links = root.findall(".//svg:g[@class='map-markers']/svg:a", NS)
    assert [a.get("href") for a in links] == [f"/members/{m.key}/" for m in MARKERS]
    for a, m in zip(links, MARKERS):
        assert a.get("aria-label") == f"{m.name}, {m.kind_label}, {m.town}"
        assert a.find("svg:title", NS).text == a.get("aria-label")
        assert len(list(a)) == 2  # the title and one shape


def test_each_kind_has_its_own_shape_and_colour():
    root = parse(draw())
    looks = {}
    for a, m in zip(root.findall(".//svg:g[@class='map-markers']/svg:a", NS), MARKERS):
        shape = a[1]
        corners = [tuple(float(v) for v in p.split(",")) for p in shape.get("points", "").split()]
        # a circle, or a polygon's corners relative to its first one (the same shape anywhere on the map)
        outline = (shape.tag, tuple((round(x - corners[0][0], 1), round(y - corners[0][1], 1)) for x, y in corners))
        looks.setdefault(m.kind, set()).add((outline, shape.get("fill")))
    assert all(len(found) == 1 for found in looks.values())  # one look per kind
    shapes = [next(iter(found))[0] for found in looks.values()]
    fills = [next(iter(found))[1] for found in looks.values()]
    assert len(looks) == 5 and len(set(shapes)) == 5 and len(set(fills)) == 5


def test_names_and_towns_are_escaped():
    hostile = [marker("x", '<script>alert("x")</script>', town="<b>Goslar</b> & Co"),
               marker("y", "O'Brien \"&\" Söhne", town="Seesen", lat=51.891, lon=10.178)]
    links = [svg.MapLink("x", "y", 1, "<script> – O'Brien: 1 shared project")]
    markup = str(draw(hostile, links))
    assert "<script>" not in markup and "<b>" not in markup
    assert "&lt;script&gt;" in markup
    root = parse(markup)
    first = root.find(".//svg:g[@class='map-markers']/svg:a", NS)
    assert first.find("svg:title", NS).text == '<script>alert("x")</script>, Company, <b>Goslar</b> & Co'
    assert root.find(".//svg:line/svg:title", NS).text.startswith("<script>")
    towns = [text.text for text in root.findall(".//svg:g[@class='map-towns']/svg:text", NS)]
    assert "<b>Goslar</b> & Co" in towns


def test_links_join_the_two_markers_and_grow_with_the_shared_projects():
    links = [svg.MapLink("hmr", "ho", 1, "eins"), svg.MapLink("ho", "mw", 4, "vier"),
             svg.MapLink("ho", "not-on-the-map", 2, "fehlt")]
    root = parse(draw(links=links))
    lines = root.findall(".//svg:g[@class='map-links']/svg:line", NS)
    assert [line.find("svg:title", NS).text for line in lines] == ["eins", "vier"]
    assert float(lines[1].get("stroke-width")) > float(lines[0].get("stroke-width"))
    markers = root.findall(".//svg:g[@class='map-markers']/svg:a", NS)
    ho = markers[2][1]  # a triangle: its first point is the top
    x, y = (float(v) for v in ho.get("points").split()[0].split(","))
    assert float(lines[0].get("x2")) == pytest.approx(x, abs=0.2)


def test_no_links_no_link_group():
    assert parse(draw()).find(".//svg:g[@class='map-links']", NS) is None


def test_towns_are_labelled_once_without_overlap():
    root = parse(draw())
    texts = root.findall(".//svg:g[@class='map-towns']/svg:text", NS)
    names = [t.text for t in texts]
    assert len(names) == len(set(names))
    assert set(names) <= {m.town for m in MARKERS}
    assert "Goslar" in names


def test_coincident_markers_are_spread_apart():
    twins = [marker("a", "A"), marker("b", "B")]
    root = parse(draw(twins))
    a, b = (m[1] for m in root.findall(".//svg:g[@class='map-markers']/svg:a", NS))
    assert a.get("points") != b.get("points")


def test_a_scale_bar_in_km():
    root = parse(draw())
    label = root.find(".//svg:g[@class='map-scale']/svg:text", NS).text
    value, unit = label.split()
    assert unit == "km" and value in {"1", "2", "5", "10", "20", "50"}


def test_the_outline_is_drawn_when_it_reaches_the_map_and_can_be_replaced():
    root = parse(draw())
    states = root.find(".//svg:g[@class='map-outline map-outline-states']", NS)
    assert states is not None and states.findall("svg:path", NS)  # the border in the Harz is in view
    own = {"states": [], "countries": [], "coast": [[(51.8, 10.3), (51.9, 10.7)]]}
    root = parse(draw(outline=own))
    assert root.find(".//svg:g[@class='map-outline map-outline-states']", NS) is None
    coast = root.find(".//svg:g[@class='map-outline map-outline-coast']", NS)
    assert coast.find("svg:path", NS).get("d").startswith("M")


def test_every_drawn_coordinate_is_a_plain_number():
    markup = str(draw())
    assert "nan" not in markup.lower() and "inf" not in markup.lower().replace("info", "")


def test_a_map_needs_an_institution():
    with pytest.raises(ValueError):
        draw([])


def test_the_legend_icon_is_hidden_from_screen_readers():
    icon = parse(svg.legend_icon("university"))
    assert icon.get("aria-hidden") == "true" and icon.find("svg:polygon", NS) is not None
    assert parse(svg.legend_icon("unknown-kind")).find("svg:circle", NS) is not None


SERIES = [svg.Series("projects", "Projekte"), svg.Series("papers", "Beiträge"),
          svg.Series("technologies", "Technologien")]


def test_the_chart_stacks_one_bar_segment_per_nonzero_count_with_its_figure():
    rows = [(2019, (1, 0, 0)), (2022, (2, 1, 0)), ("undatiert", (0, 0, 3))]
    root = parse(svg.works_chart(rows, SERIES, title="Arbeiten nach Jahr", description="Neun"))
    assert root.get("role") == "img" and root.find("svg:title", NS).text == "Arbeiten nach Jahr"
    bars = root.findall(".//svg:rect[@class]", NS)
    assert [bar.find("svg:title", NS).text for bar in bars] == [
        "2019 · Projekte: 1", "2022 · Projekte: 2", "2022 · Beiträge: 1", "undatiert · Technologien: 3"]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[3] == pytest.approx(150) and heights[0] == pytest.approx(50)  # 3 is the tallest stack
    # stacked: the paper segment of 2022 sits on top of its project segment
    project, paper = bars[1], bars[2]
    assert float(paper.get("y")) + float(paper.get("height")) == pytest.approx(float(project.get("y")))
    years = [t.text for t in root.findall("svg:text", NS)]
    assert {"2019", "2022", "undatiert", "Projekte", "Beiträge", "Technologien"} <= set(years)


def test_the_chart_escapes_its_labels_and_is_empty_without_rows():
    hostile = [svg.Series("projects", "<script>")]
    markup = str(svg.works_chart([(2020, (1,))], hostile, title="<t>", description="&"))
    assert "<script>" not in markup and "<t>" not in markup
    parse(markup)
    assert str(svg.works_chart([], SERIES, title="t", description="d")) == ""
