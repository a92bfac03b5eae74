"""Documents the tests build themselves: PDFs (plain, encrypted, corrupt), DOCX files, and a
DOCX-shaped zip bomb. Nothing is downloaded."""

from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter


def pdf_with_pages(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF, written by hand: one text line per string, one list per page."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3 + 2 * len(pages)
    for index, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        page_ids.append(page_id)
        commands = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands += [f"({escaped}) Tj", "T*"]
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    kids = " ".join(f"{number} 0 R" for number in page_ids)
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    tree = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    everything = [catalog, tree, *objects, font]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(everything, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(everything) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(everything) + 1, xref)
    )
    return out.getvalue()


def encrypted_pdf(password: str = "geheim") -> bytes:  # noqa: S107 - a test fixture
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_pages([["Vertrouwelijk"]]))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf\n%%EOF"


def docx_file() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Subsidieregeling sport"
    document.add_heading("Subsidie voor sportverenigingen", level=1)
    document.add_paragraph(
        "Sportverenigingen in de gemeente kunnen subsidie aanvragen voor activiteiten "
        "die inwoners in beweging brengen."
    )
    document.add_heading("Voorwaarden", level=2)
    document.add_paragraph("De vereniging is ingeschreven bij de KVK.", style="List Bullet")
    document.add_paragraph("De activiteit vindt plaats in de gemeente.", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate(
        [("Soort", "Bedrag"), ("Jeugd", "€ 500"), ("Senioren", "€ 300")]
    ):
        table.cell(row, 0).text = left
        table.cell(row, 1).text = right
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(uncompressed_megabytes: int = 200) -> bytes:
    """A DOCX whose document.xml inflates to ``uncompressed_megabytes`` of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"0" * (1024 * 1024)
            for _ in range(uncompressed_megabytes):
                member.write(block)
    return out.getvalue()


def many_members_docx(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(count):
            archive.writestr(f"word/part{index}.xml", "<x/>")
    return out.getvalue()
