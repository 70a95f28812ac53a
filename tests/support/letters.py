"""Letters with no form model, rendered like a scanned page: the police report of a lost card (surat
keterangan kehilangan). Text only, from the given values; saved as a one-page PDF as a phone scanner app would."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from tools.docgen.render import font

DPI = 200


def police_report_pdf(
    name: str = "SITI AMINAH", nik: str = "3171015403010023", number: str = "123/VII/2026"
) -> bytes:
    page = Image.new("L", (int(8.27 * DPI), int(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    lines = [
        ("KEPOLISIAN NEGARA REPUBLIK INDONESIA", True),
        ("DAERAH METRO JAYA - SEKTOR GAMBIR", True),
        ("", False),
        ("SURAT KETERANGAN TANDA LAPOR KEHILANGAN", True),
        (f"Nomor: SKTLK/{number}/SEK.GBR", False),
        ("", False),
        ("Yang bertanda tangan di bawah ini menerangkan bahwa pada hari ini telah datang", False),
        ("seorang pelapor dengan identitas sebagai berikut:", False),
        (f"Nama            : {name}", False),
        (f"NIK             : {nik}", False),
        ("Alamat          : JL. KEBON SIRIH NO. 5 JAKARTA PUSAT", False),
        ("", False),
        ("Melaporkan telah kehilangan barang berupa satu buah Kartu Tanda Penduduk", False),
        ("elektronik atas nama pelapor. Surat keterangan ini dibuat untuk keperluan", False),
        ("pengurusan penggantian KTP elektronik di Dinas Kependudukan dan Pencatatan Sipil.", False),
        ("", False),
        ("Jakarta, 20 Juli 2026", False),
        ("KEPALA KEPOLISIAN SEKTOR GAMBIR", True),
    ]
    y = int(0.8 * DPI)
    for text, bold in lines:
        if text:
            draw.text((int(0.8 * DPI), y), text, fill=0, font=font(34, bold=bold))
        y += 60
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=DPI)
    return out.getvalue()
