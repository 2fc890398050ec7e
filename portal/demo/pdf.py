"""Generate real PDFs with a text layer, for demo content and tests."""

from __future__ import annotations

from fpdf import FPDF


def make_pdf(pages: list[str], title: str = "", author: str = "") -> bytes:
    """Return a PDF whose page *n* carries the text ``pages[n-1]``.

    Uses a core font, so the text must be Latin-1 (German umlauts and
    ß are fine); other characters are replaced rather than failing.
    """
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_auto_page_break(auto=False)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        safe = text.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 6, safe)
    return bytes(pdf.output())
