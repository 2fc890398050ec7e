"""See the network: a map of the member institutions and who worked with whom.

Pure parts, testable without a database: :mod:`.geo` (distances, the map
projection, the scale bar), :mod:`.outline` (the region's borders, stored in
``data/outline.json``), :mod:`.labels` (placing town names without overlap)
and :mod:`.svg` (drawing the map and the works-by-year chart).  The parts that
ask the database, always through the portal's visibility rules
(:func:`portal.content.visible_pages`): :mod:`.collaboration` (shared projects,
works per year) and :mod:`.selection` (the map's filters).
"""
