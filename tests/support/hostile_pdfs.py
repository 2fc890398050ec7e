"""Hostile and awkward PDF files, generated on the fly, for the ingestion tests.

Every function returns the bytes of one file and documents what it
exercises.  Nothing here touches the network or needs a fixture file:
text PDFs come from fpdf2, scans from Pillow + fpdf2, and the malformed
files are written by hand with :func:`raw_pdf`, so that each defect is
exactly the one named.

The words a test looks for are module constants, so a test and its file
cannot drift apart.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from fpdf import FPDF

from portal.demo.pdf import make_pdf

# --- what the files say, so tests can look for it --------------------------

#: text inside the PDF that opens with an empty user password
INDIUM_SENTENCE = "Die Rückgewinnung von Indium aus LCD-Glas gelingt durch Laugung mit Salzsäure."
#: text of the PDF protected by a real password (never readable)
SECRET_SENTENCE = "Vertraulicher Zwischenbericht: Germanium aus Flugasche."
USER_PASSWORD = "geheim"

#: text of the truncated and corrupt files (recoverable when pypdf can rebuild the xref)
DAMAGED_PAGES = [
    "Zwischenbericht Tantal. Die Kondensatorschrott-Fraktion wurde magnetisch vorsortiert.",
    "Kapitel 2: Die Tantalpulver-Ausbeute lag bei 91 Prozent nach der Chlorierung.",
]

#: the scanned page: three distinctive words OCR has to find, and the full text
SCAN_WORDS = ("Rückgewinnung", "Indium", "Flüssigkristallanzeigen")
SCAN_LINES = (
    "Rückgewinnung von Indium",
    "aus Flüssigkristallanzeigen",
    "Abschlussbericht 2024",
)

#: the page of the JavaScript/attachment file, and the word only its attachment holds
VISIBLE_TEXT = "Technologieprofil Wismut: Raffination von Bleibarren im Harz."
ATTACHMENT_WORD = "Schmuggelwortanhang"
JAVASCRIPT_ONLY_WORD = "Skriptgeheimnis"

#: pages of the 1,000-page file
THOUSAND = 1000

#: how deep :func:`deeply_nested` nests its arrays
NESTING_DEPTH = 100_000

#: what the decompression bomb's content stream inflates to
BOMB_INFLATED_BYTES = 3 * 1024**3


# --- building blocks ---------------------------------------------------------


def raw_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Assemble a PDF from object bodies; object *n* is ``objects[n-1]``.

    Writes a correct cross-reference table, so that any defect in a file
    built on this is the one the caller put there on purpose.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def pdf_string(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsiEncoding, escaped."""
    data = text.encode("cp1252")
    data = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + data + b")"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _text_content(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 760 Td " + pdf_string(text) + b" Tj ET"


# --- the cases ---------------------------------------------------------------


def encrypted_with_password() -> bytes:
    """RC4-encrypted with a non-empty user password (``geheim``).

    Exercises: the extractor must refuse it with code ``encrypted`` and a
    sentence telling the editor to upload an unprotected copy, and must not
    guess or brute-force the password.
    """
    return _encrypted(user_password=USER_PASSWORD, text=SECRET_SENTENCE)


def encrypted_with_empty_user_password() -> bytes:
    """Encrypted with an owner password only: anyone may open it.

    Many publishers "protect" reports this way to forbid printing or
    copying.  Exercises: decrypting with the empty password, then ordinary
    extraction of a German sentence with umlauts.
    """
    return _encrypted(user_password="", text=INDIUM_SENTENCE)


def _encrypted(user_password: str, text: str) -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypted_aes_with_empty_user_password() -> bytes:
    """AES-128 encrypted with an empty user password, as Acrobat writes them.

    Anyone may open it, but reading its streams needs AES, which pypdf has
    through the ``cryptography`` package (a requirement). Exercises: the text
    is read, not silently lost.
    """
    import io

    import pypdf

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Germanium aus Flugaschen: AES-verschluesselter Bericht des Netzwerks.")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def truncated_xref() -> bytes:
    """A good two-page report cut off just before its cross-reference table.

    What an interrupted upload or a full disk leaves behind: every object
    is there, but ``xref``, ``trailer``, ``startxref`` and ``%%EOF`` are not.
    Exercises: pypdf's non-strict recovery, which rebuilds the table by
    scanning for ``n 0 obj``.
    """
    data = make_pdf(DAMAGED_PAGES, title="Zwischenbericht Tantal")
    return data[: data.rindex(b"\nxref\n") + 1]


def corrupt_xref() -> bytes:
    """A good report whose cross-reference table points at the wrong places.

    Every offset in the table is shifted by 7 bytes and ``startxref``
    points into the middle of the file, as happens when a tool edits a PDF
    and does not rewrite the table.  Exercises: recovery from a lying xref.
    """
    data = bytearray(make_pdf(DAMAGED_PAGES, title="Zwischenbericht Tantal"))
    xref = data.rindex(b"\nxref\n") + 1
    head, table = bytes(data[:xref]), bytes(data[xref:])
    lines = table.split(b"\n")
    for index, line in enumerate(lines):
        if len(line) >= 18 and line[10:11] == b" " and line.rstrip().endswith(b" n"):
            lines[index] = b"%010d" % (int(line[:10]) + 7) + line[10:]
    table = b"\n".join(lines)
    start = table.rindex(b"startxref\n") + len(b"startxref\n")
    end = table.index(b"\n", start)
    table = table[:start] + b"%d" % (len(head) // 2) + table[end:]
    return head + table


def zero_bytes() -> bytes:
    """An empty file: an upload that never arrived.  Refused before extraction (``empty``)."""
    return b""


def not_a_pdf() -> bytes:
    """A ZIP archive (a zipped report) uploaded under a ``.pdf`` name.

    Exercises: the check by content, not by name (``not_pdf``).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bericht.pdf", make_pdf(["Ein Bericht in einem ZIP-Archiv."]))
    return buffer.getvalue()


def image_only_scan(pages: int = 1) -> bytes:
    """A4 pages that are greyscale pictures of German text, with no text layer.

    What a scanner produces.  The text is drawn with DejaVu Sans at 16 pt
    in a 200 dpi image, which tesseract reads reliably.  Exercises: the OCR
    extractor (page rendered with pdftoppm, recognised with tesseract).
    Every page shows :data:`SCAN_LINES`.
    """
    from PIL import Image, ImageDraw

    dpi = 200
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), color=255)
    draw = ImageDraw.Draw(image)
    font = _scan_font(size=round(16 / 72 * dpi))
    y = round(1.2 * dpi)
    for line in SCAN_LINES:
        draw.text((round(1.0 * dpi), y), line, font=font, fill=0)
        y += round(0.45 * dpi)
    png = io.BytesIO()
    image.save(png, format="PNG")
    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(png.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def _scan_font(size: int):
    from PIL import ImageFont

    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size=size)
    # Pillow's bundled font covers Latin-1; good enough if DejaVu is missing.
    return ImageFont.load_default(size=size)


def thousand_pages() -> bytes:
    """A 1,000-page report with a line of text on every page.

    Exercises: extraction time and memory of a long (but honest) document
    within the sandbox limits.  Page *n* says ``Seite n von 1000``.
    """
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("Helvetica", size=11)
    for number in range(1, THOUSAND + 1):
        pdf.add_page()
        pdf.cell(0, 6, f"Seite {number} von {THOUSAND}: Kupferrecycling aus Elektronikschrott.")
    return bytes(pdf.output())


def decompression_bomb() -> bytes:
    """A page whose FlateDecode content stream inflates to 3 GiB of spaces.

    About 3 MB on disk.  A naive extractor inflates it all and runs out of
    memory or time.  Exercises: pypdf's decompression limit and, behind it,
    the sandbox's memory and time limits.
    """
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _FONT,
            stream(bomb_stream(), extra=b"/Filter /FlateDecode "),
        ]
    )


def bomb_stream() -> bytes:
    """The zlib data of :func:`decompression_bomb`: a text line, then 3 GiB of spaces.

    Built without compressing 3 GiB: after a full flush zlib starts afresh,
    so every 1 MiB block of spaces compresses to the same bytes, which are
    repeated; the Adler-32 checksum is combined arithmetically.  A valid
    zlib stream: inflating it all yields exactly that, checksum included.
    """
    prefix = _text_content("Bombe") + b"\n"
    block = b" " * (1 << 20)
    repeats = BOMB_INFLATED_BYTES // len(block)
    compressor = zlib.compressobj(9)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert body == again, "zlib did not restart after a full flush"
    end = compressor.flush(zlib.Z_FINISH)  # empty final block + Adler-32 of the 2 blocks fed
    checksum = _adler32_combine(zlib.adler32(prefix), _adler32_repeat(block, repeats), len(block) * repeats)
    return head + body * repeats + end[:-4] + checksum.to_bytes(4, "big")


_ADLER_BASE = 65521


def _adler32_combine(adler1: int, adler2: int, length2: int) -> int:
    """Adler-32 of A+B from the checksums of A and B (zlib's adler32_combine)."""
    remainder = length2 % _ADLER_BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (remainder * sum1) % _ADLER_BASE
    sum1 = (sum1 + (adler2 & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + (adler1 >> 16) + (adler2 >> 16) + _ADLER_BASE - remainder) % _ADLER_BASE
    return (sum2 << 16) | sum1


def _adler32_repeat(block: bytes, times: int) -> int:
    """Adler-32 of ``block * times`` by doubling, without building it."""
    result, result_length = 1, 0  # checksum of b""
    power, power_length = zlib.adler32(block), len(block)
    while times:
        if times & 1:
            result = _adler32_combine(result, power, power_length)
            result_length += power_length
        power = _adler32_combine(power, power, power_length)
        power_length *= 2
        times >>= 1
    return result


def deeply_nested() -> bytes:
    """A page whose dictionary holds an array nested 100,000 levels deep.

    ``[[[[ ... ]]]]`` is legal syntax, but a recursive-descent parser (pypdf's
    is one) runs out of stack: Python raises ``RecursionError``, a C parser
    may crash.  Exercises: the sandbox turning that into ``corrupt``.
    """
    nested = b"[" * NESTING_DEPTH + b"]" * NESTING_DEPTH
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Nested " + nested + b" >>",
            _FONT,
            stream(_text_content("Tief verschachtelt.")),
        ]
    )


def javascript_and_attachment() -> bytes:
    """A text page, JavaScript run on opening, and an attached file.

    The catalog's ``/OpenAction`` and its ``/Names /JavaScript`` tree carry
    JavaScript; ``/Names /EmbeddedFiles`` and a file-attachment annotation
    carry ``anhang.txt``, whose only content is :data:`ATTACHMENT_WORD`.
    Exercises: extraction returns the page text and nothing else -- scripts
    are never run, attachments never opened.
    """
    script = pdf_string(f"app.alert('{JAVASCRIPT_ONLY_WORD}'); this.exportDataObject({{cName: 'anhang.txt'}});")
    attachment = f"{ATTACHMENT_WORD}: dieser Text steht nur im Anhang.\n".encode()
    return raw_pdf(
        [
            # 1: catalog, running JavaScript on open, with name trees for scripts and files
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R "
            b"/Names << /JavaScript << /Names [(init) 6 0 R] >> /EmbeddedFiles << /Names [(anhang.txt) 7 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            # 3: the page, with a file-attachment annotation pointing at the same file
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [9 0 R] >>",
            _FONT,
            stream(_text_content(VISIBLE_TEXT)),
            # 6: the JavaScript action
            b"<< /Type /Action /S /JavaScript /JS " + script + b" >>",
            # 7: the file specification and 8: the embedded file itself
            b"<< /Type /Filespec /F (anhang.txt) /UF (anhang.txt) /EF << /F 8 0 R >> >>",
            stream(attachment, extra=b"/Type /EmbeddedFile /Subtype /text#2Fplain "),
            # 9: the annotation
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [72 700 92 720] /FS 7 0 R "
            b"/Contents (Anhang) /Name /PushPin >>",
        ]
    )


def weird_metadata() -> bytes:
    """A text page whose document information holds odd objects instead of strings.

    ``/Title`` is an indirect reference to a string with a NUL byte in it,
    ``/Author`` an array, ``/Subject`` a dictionary.  Exercises: title and
    author coerced to plain strings (NULs removed, anything else dropped).
    """
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _FONT,
            stream(_text_content(VISIBLE_TEXT)),
            b"<< /Title 7 0 R /Author [(Anna) (M\374ller)] /Subject << /Lang /de >> >>",
            b"(Jahresbericht\000 Indium)",
        ],
        trailer_extra=b"/Info 6 0 R ",
    )


#: every case by name
ALL = {
    "encrypted_with_password": encrypted_with_password,
    "encrypted_with_empty_user_password": encrypted_with_empty_user_password,
    "encrypted_aes_with_empty_user_password": encrypted_aes_with_empty_user_password,
    "truncated_xref": truncated_xref,
    "corrupt_xref": corrupt_xref,
    "zero_bytes": zero_bytes,
    "not_a_pdf": not_a_pdf,
    "image_only_scan": image_only_scan,
    "thousand_pages": thousand_pages,
    "decompression_bomb": decompression_bomb,
    "deeply_nested": deeply_nested,
    "javascript_and_attachment": javascript_and_attachment,
    "weird_metadata": weird_metadata,
}
