"""Classification from printed words, tolerant of a misread letter, strict about ambiguity."""

from __future__ import annotations

from ektp.ocr.classify import classify, document_title, looks_like_letter


def test_each_form() -> None:
    assert classify("KARTU KELUARGA No. 3201 Nama Kepala Keluarga", 2.0)[0] == "kk"
    assert classify("KUTIPAN AKTA KELAHlRAN Nama Ayah Nama Ibu", 2.0)[0] == "akta"
    assert (
        classify("PROVINSI JAWA BARAT NIK Gol. Darah Kel/Desa Berlaku Hingga SEUMUR HIDUP", 2.0)[0] == "ktp"
    )
    assert classify("SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA DATA DAERAH ASAL", 2.0)[0] == "skpwni"
    assert classify("KUTIPAN AKTA PERKAWINAN suami istri", 2.0)[0] == "marriage"


def test_unknown_and_ambiguous_text() -> None:
    assert classify("Daftar belanja: beras, minyak, gula", 2.0)[0] is None
    # Status perkawinan on a KTP is not a marriage certificate.
    kind, scores = classify("Status Perkawinan KAWIN Gol. Darah O Berlaku Hingga", 2.0)
    assert kind == "ktp" and scores["marriage"] == 0


# An SKPWNI issued by the Dinas as a letter: letterhead, its title, a number, the origin in a sentence, the
# destination as a label block, the people who move in a table, a closing. It names the KK twice on the way.
SKPWNI_AS_LETTER = """PEMERINTAH KABUPATEN LAMONGAN
DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL
Jl. Diponegoro No. 74 Telp. (0322) 588907 Kode Pos 62273
SURAT KETERANGAN PINDAH WNI
Nomor: 474.1/7437/413.208/2026
Yang bertanda tangan di bawah ini, Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten
Lamongan, menerangkan bahwa:
Nama Lengkap : WULAN PRASETYO
NIK : 3524266110920033
Nomor Kartu Keluarga : 3524262607260040
Nama Kepala Keluarga : H. EKO HARTONO
adalah benar penduduk yang beralamat di GG. FLAMBOYAN I NO. 42, RT 012 RW 009, Desa/Kelurahan
WEDORO, Kecamatan GLAGAH, yang akan pindah ke alamat:
Alamat Tujuan : JL. PEMUDA NO. 69
Desa/Kelurahan : SAMUDA
Kecamatan : GALELA BARAT
Kepindahan tersebut dengan alasan PENDIDIKAN, klasifikasi kepindahan ANTAR PROVINSI, jenis
kepindahan ANGGOTA KELUARGA, dengan rencana tanggal pindah 10 SEPTEMBER 2026.
No NIK Nama Lengkap SHDK
1 3524266110920033 WULAN PRASETYO ISTRI
Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.
Atas perhatiannya diucapkan terima kasih.
KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"""

COVERING_LETTER = """Lamongan, 3 Agustus 2026
Kepada Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil
Perihal: Permohonan pindah
Dengan hormat,
bersama surat ini saya lampirkan fotokopi Kartu Keluarga dan Akta Kelahiran anak saya
sebagai syarat permohonan. Demikian surat ini saya buat.
Atas perhatian Bapak/Ibu saya ucapkan terima kasih.
Hormat saya,
WULAN PRASETYO"""


def test_a_document_laid_out_as_a_letter_is_the_document_its_title_names() -> None:
    kind, scores = classify(SKPWNI_AS_LETTER, 2.0)
    assert kind == "skpwni", scores
    assert document_title(SKPWNI_AS_LETTER) == "skpwni"  # not the KK it names below its title
    assert not looks_like_letter(SKPWNI_AS_LETTER)  # a titled document is not a covering letter
    # Without its title (misread), its field vocabulary still names it over the KK it refers to.
    untitled = SKPWNI_AS_LETTER.replace("SURAT KETERANGAN PINDAH WNI", "")
    assert classify(untitled, 2.0)[0] == "skpwni"


def test_the_first_heading_in_capitals_is_the_title() -> None:
    kk = "KARTU KELUARGA\nNo. 3524262607260040\nNama Kepala Keluarga : H. EKO HARTONO\nNo. Akta Kelahiran"
    assert document_title(kk) == "kk" and classify(kk, 2.0)[0] == "kk"
    akta = "PENCATATAN SIPIL\nKUTIPAN AKTA KELAHlRAN\nBahwa di LAMONGAN ... sesuai Kartu Keluarga Nomor 3524"
    assert document_title(akta) == "akta" and classify(akta, 2.0)[0] == "akta"
    # Names in mixed case are references (labels, prose), never a title.
    assert document_title("Nomor Kartu Keluarga : 3524262607260040") is None


def test_a_covering_letter_that_names_documents_stays_a_letter() -> None:
    kind, scores = classify(COVERING_LETTER, 2.0)
    assert kind is None, scores
    assert document_title(COVERING_LETTER) is None
    assert looks_like_letter(COVERING_LETTER)
    # Naming one document in passing does not make the letter that document.
    one = COVERING_LETTER.replace(" dan Akta Kelahiran anak saya", "")
    assert classify(one, 2.0)[0] is None and looks_like_letter(one)


def test_the_dinas_letter_in_place_of_a_card_is_a_ktp() -> None:
    """Round 10 (blind): the `Surat Keterangan Pengganti KTP-el` the Dinas issues while a card is printed carries
    the card's fields under a letterhead; with no card title it was no type at all and every field was lost."""
    suket = (
        "PEMERINTAH KABUPATEN GRESIK\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n"
        "SURAT KETERANGAN PENGGANTI KTP-EL\nNomor : 471.13/8467/Dukcapil/2013\n"
        "NIK : 1606105903870029\nNama : YULI SRI WIDODO\nGolongan Darah : B\nKelurahan/Desa : BANYUURIP\n"
        "Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya."
    )
    assert document_title(suket) == "ktp" and classify(suket, 2.0)[0] == "ktp"
    recorded = suket.replace("PENGGANTI", "PEREKAMAN")  # its data recorded, the card not yet printed
    assert document_title(recorded) == "ktp" and classify(recorded, 2.0)[0] == "ktp"
    # Named in passing, in mixed case, it titles nothing (a covering letter asking for one).
    asking = "Perihal : Permohonan Surat Keterangan Pengganti KTP-el\nDengan hormat,\nHormat saya,"
    assert document_title(asking) is None and looks_like_letter(asking)


def test_letters_that_mention_a_substitute_card_are_no_ktp() -> None:
    """From the review: with `PENGGANTI KTP` alone as a title, a covering letter, a police report of a lost
    card and a certificate of domicile that mention one were read as cards."""
    for text in (
        "SURAT PENGANTAR PEREKAMAN KTP-EL\nKepada Yth. Kepala Dinas\nDengan hormat,\nHormat kami,",
        "SURAT KETERANGAN TANDA LAPOR KEHILANGAN\nUntuk keperluan : PENGURUSAN PENGGANTI KTP",
        "SURAT KETERANGAN DOMISILI\nNama : BUDI\nKeperluan : PEREKAMAN KTP-EL\nDemikian surat ini",
    ):
        assert classify(text, 2.0)[0] != "ktp", text


def test_a_family_apps_screen_with_its_short_relationship_label_is_a_kk() -> None:
    # A family app's screen of the KK (its title in title case, no `Status Hubungan`, no `Jenis Pekerjaan`):
    # before, nothing reached the score, and the page was no form at all.
    app = (
        "Kartu Keluarga Data Kartu Keluarga Nomor KK 3525070305130015 Kepala Keluarga Bayu Santoso "
        "Anggota (4) Jenis Kelamin Laki-Laki Hubungan Keluarga Kepala Keluarga Pekerjaan Karyawan Swasta"
    )
    assert classify(app, 2.0)[0] == "kk"
    # The SKPWNI's table of the family who move prints the same label: its own phrases still decide.
    moving = (
        "SURAT KETERANGAN PINDAH WNI DATA DAERAH ASAL Nomor Kartu Keluarga Nama Kepala Keluarga "
        "DATA KEPINDAHAN Klasifikasi Kepindahan Jenis Kepindahan DATA DAERAH TUJUAN Alamat Tujuan "
        "Anggota Keluarga Yang Pindah No NIK Nama Lengkap Hubungan Keluarga"
    )
    assert classify(moving, 2.0)[0] == "skpwni"
