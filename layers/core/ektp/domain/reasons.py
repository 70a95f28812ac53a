"""The one vocabulary of reason and error codes.

Every rejection, warning and API error the system produces carries a code from CATALOGUE, with a message
in Bahasa Indonesia (for residents, first) and in English. The API, the document checks, the verification
stages and the `ektp` CLI all use these codes; docs/reason-codes.md is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Entry:
    message_id: str
    message_en: str
    http_status: int = 422  # used when the code is returned as an API error


# Grouped by where the code arises. Codes are stable API: never rename one, add a new one.
CATALOGUE: dict[str, Entry] = {
    # --- API request errors -------------------------------------------------------------------------
    "MALFORMED_JSON": Entry(
        "Isi permintaan bukan JSON yang sah.", "The request body is not valid JSON.", 400
    ),
    "VALIDATION_FAILED": Entry(
        "Data yang dikirim tidak sesuai format.",
        "The submitted data does not match the expected format.",
        422,
    ),
    "UNKNOWN_FIELD": Entry("Ada kolom yang tidak dikenal.", "The request contains an unknown field.", 422),
    "UNAUTHENTICATED": Entry("Silakan masuk terlebih dahulu.", "Sign-in is required.", 401),
    "FORBIDDEN": Entry("Anda tidak berhak melakukan tindakan ini.", "You are not allowed to do this.", 403),
    "DIRECT_ACCESS_FORBIDDEN": Entry(
        "Gunakan alamat resmi layanan ini; akses langsung ke server tidak diizinkan.",
        "Use the service's published address; calling the API server directly is not allowed.",
        403,
    ),
    "APPLICATION_NOT_FOUND": Entry(
        "Permohonan tidak ditemukan.", "No application with this registration number was found.", 404
    ),
    "INVALID_REGISTRATION_NUMBER": Entry(
        "Nomor registrasi tidak sah; periksa kembali penulisannya.",
        "The registration number is not valid; check it for typos.",
        404,
    ),
    "ROUTE_NOT_FOUND": Entry("Alamat tidak ditemukan.", "No such endpoint.", 404),
    "IDEMPOTENCY_KEY_REUSED": Entry(
        "Kunci Idempotency-Key sudah dipakai untuk permintaan lain.",
        "The Idempotency-Key was already used for a different request.",
        409,
    ),
    "REQUEST_IN_PROGRESS": Entry(
        "Permintaan yang sama sedang diproses; coba lagi sebentar.",
        "The same request is still being processed; retry shortly.",
        409,
    ),
    "CONCURRENT_UPDATE": Entry(
        "Permohonan sedang diubah oleh proses lain; coba lagi.",
        "The application was changed by another request; retry.",
        409,
    ),
    "INVALID_STATUS_TRANSITION": Entry(
        "Tindakan ini tidak dapat dilakukan pada status permohonan saat ini.",
        "This action is not allowed in the application's current status.",
        409,
    ),
    "ALREADY_SUBMITTED": Entry(
        "Permohonan sudah diajukan dan sedang diproses.",
        "The application has already been submitted and is being processed.",
        409,
    ),
    "APPLICATION_INCOMPLETE": Entry(
        "Dokumen wajib belum lengkap atau belum diterima.",
        "Required documents are missing or have not been accepted yet.",
        409,
    ),
    "DOCUMENT_TYPE_NOT_ALLOWED": Entry(
        "Jenis dokumen ini tidak diperlukan untuk jenis permohonan ini.",
        "This document type is not used for this type of application.",
        422,
    ),
    "UNKNOWN_DOCUMENT_TYPE": Entry("Jenis dokumen tidak dikenal.", "Unknown document type.", 422),
    "CONTENT_TYPE_NOT_ALLOWED": Entry(
        "Format berkas tidak diterima untuk dokumen ini (gunakan JPEG, PNG, atau PDF).",
        "This file format is not accepted for this document (use JPEG, PNG or PDF).",
        422,
    ),
    "FILE_TOO_LARGE": Entry("Berkas terlalu besar.", "The file is too large.", 422),
    "TOO_MANY_UPLOADS": Entry(
        "Terlalu banyak unggahan untuk dokumen ini.", "Too many uploads for this document.", 429
    ),
    "THROTTLED": Entry("Terlalu banyak permintaan; coba lagi nanti.", "Too many requests; retry later.", 429),
    "CASE_NOT_IN_REVIEW": Entry(
        "Dokumen hanya dapat dibuka untuk permohonan yang sedang diperiksa.",
        "Documents can only be opened for a case under review.",
        409,
    ),
    # Separation of duties (domain/duties.py): the approving officer took no part in the case.
    "APPROVER_TOOK_PART": Entry(
        "Petugas yang memasukkan data, mengunggah dokumen, merekam biometrik, atau melakukan kunjungan lapangan "
        "permohonan ini tidak boleh menyetujuinya; petugas lain harus memutuskan.",
        "The officer who entered this application's data, uploaded its documents, recorded its biometrics or made "
        "its field visit may not approve it; another officer must decide.",
        403,
    ),
    # No officer handles their own or their family's case (domain/duties.py own_case_refusal).
    "OFFICER_OWN_CASE": Entry(
        "Permohonan ini atas NIK Anda sendiri atau anggota Kartu Keluarga Anda; petugas lain harus menanganinya.",
        "This application is for your own NIK or a member of your family card (KK); another officer must handle "
        "it.",
        403,
    ),
    "SUBMISSION_LIMIT_REACHED": Entry(
        "Batas pengajuan ulang tercapai; silakan datang ke kantor Dukcapil untuk dibantu petugas.",
        "The resubmission limit is reached; please visit the Dukcapil office, where an officer will help.",
        429,
    ),
    "REGISTRATION_LIMIT_REACHED": Entry(
        "Batas jumlah permohonan untuk akun ini tercapai; silakan datang ke kantor Dukcapil.",
        "This account has reached its limit of applications; please visit the Dukcapil office.",
        429,
    ),
    # The public status lookup (domain/status_lookup.py): a number or a source past its failed attempts.
    "LIVENESS_CHALLENGE_LIMIT_REACHED": Entry(
        "Batas tantangan liveness untuk permohonan ini tercapai; silakan datang ke kantor Dukcapil untuk perekaman.",
        "The liveness challenge limit for this application is reached; please visit the Dukcapil office to record.",
        429,
    ),
    "UPLOAD_START_LIMIT_REACHED": Entry(
        "Terlalu banyak unggahan dimulai hari ini untuk permohonan ini; coba lagi besok.",
        "Too many uploads started today for this application; try again tomorrow.",
        429,
    ),
    "DATA_EXPORT_LIMIT_REACHED": Entry(
        "Data permohonan ini sudah terlalu sering diunduh hari ini; coba lagi besok.",
        "This application's data was exported too often today; try again tomorrow.",
        429,
    ),
    "CORRECTION_LIMIT_REACHED": Entry(
        "Data permohonan ini sudah terlalu sering diubah hari ini; coba lagi besok.",
        "This application's data was corrected too often today; try again tomorrow.",
        429,
    ),
    "BOOKING_CHANGE_LIMIT_REACHED": Entry(
        "Jadwal perekaman sudah terlalu sering diubah; hubungi kantor Dukcapil untuk mengubahnya lagi.",
        "The recording appointment was changed too often; contact the Dukcapil office to change it again.",
        429,
    ),
    "HELP_REQUEST_LIMIT_REACHED": Entry(
        "Anda sudah memiliki terlalu banyak permintaan bantuan terbuka; tunggu jawaban atau tutup salah satunya.",
        "You have too many open help requests; wait for an answer or close one of them.",
        429,
    ),
    "HELP_FOLLOW_UP_LIMIT_REACHED": Entry(
        "Terlalu banyak pesan pada permintaan ini hari ini; petugas layanan akan menjawab.",
        "Too many messages on this request today; the helpdesk will answer.",
        429,
    ),
    "HELP_DISTRICT_UNKNOWN": Entry(
        "Kecamatan ini tidak ada dalam data wilayah; pilih kecamatan domisili Anda dari daftar.",
        "This district is not in the region data; choose your district of residence from the list.",
        422,
    ),
    "STATUS_LOOKUP_LOCKED": Entry(
        "Terlalu banyak percobaan yang salah; coba lagi setelah satu jam, atau tanyakan ke kantor Dukcapil.",
        "Too many failed attempts; try again in an hour, or ask at the Dukcapil office.",
        429,
    ),
    # The registry answered about the NIK submitted; another NIK is another application (domain/limits.py).
    "NIK_CHANGE_AFTER_SUBMISSION": Entry(
        "NIK tidak dapat diubah setelah permohonan diajukan; buat permohonan baru untuk NIK lain.",
        "The NIK cannot be changed once the application was submitted; make a new application for another NIK.",
        409,
    ),
    "INTERNAL_ERROR": Entry(
        "Terjadi kesalahan pada sistem; data Anda aman, coba lagi nanti.",
        "Something went wrong on our side; your data is safe, please retry later.",
        500,
    ),
    # --- Help requests (issue 20 item 7) ----------------------------------------------------------
    "HELP_REQUEST_NOT_FOUND": Entry(
        "Permintaan bantuan tidak ditemukan.", "No such help request was found.", 404
    ),
    "HELP_REQUEST_CLOSED": Entry(
        "Permintaan bantuan ini sudah ditutup; buat permintaan baru bila masih perlu bantuan.",
        "This help request is closed; open a new one if you still need help.",
        409,
    ),
    "HELP_REQUEST_CHANGED": Entry(
        "Permintaan bantuan baru saja berubah; muat ulang lalu coba lagi.",
        "The help request changed meanwhile; reload it and retry.",
        409,
    ),
    "HELP_DISTRICT_REQUIRED": Entry(
        "Pilih kecamatan domisili Anda agar petugas layanan kecamatan itu dapat menjawab.",
        "Choose your district of residence so that its helpdesk can answer.",
        422,
    ),
    # --- Form fields: NIK, KK, region, person ------------------------------------------------------
    "NIK_FORMAT": Entry("NIK harus 16 digit angka.", "The NIK must be exactly 16 digits."),
    "NIK_REGION_UNKNOWN": Entry(
        "Kode wilayah pada NIK (digit 1-6) tidak dikenal.",
        "The region code in the NIK (digits 1-6) is not a known district.",
    ),
    "NIK_REGION_ARCHIVED": Entry(
        "Kode wilayah pada NIK hanya ada pada daftar kode lama (wilayah telah dimekarkan); akan diperiksa petugas.",
        "The NIK's region code is only in an older code list (the region was split); an officer will check it.",
    ),
    "NIK_DATE_INVALID": Entry(
        "Tanggal lahir pada NIK (digit 7-12) tidak sah.",
        "The birth date in the NIK (digits 7-12) is not a valid date.",
    ),
    "NIK_SERIAL_INVALID": Entry(
        "Nomor urut pada NIK (digit 13-16) tidak boleh 0000.",
        "The NIK's serial number (digits 13-16) cannot be 0000.",
    ),
    "NIK_SEX_MISMATCH": Entry(
        "Jenis kelamin tidak sesuai dengan NIK (tanggal lahir perempuan ditambah 40); akan diperiksa petugas.",
        "The sex does not match the NIK (women's birth day has 40 added); an officer will check it.",
    ),
    "NIK_DOB_MISMATCH": Entry(
        "Tanggal lahir tidak sama dengan yang tertera pada NIK; akan diperiksa petugas.",
        "The birth date differs from the one encoded in the NIK; an officer will check it.",
    ),
    "KK_NUMBER_FORMAT": Entry("Nomor KK harus 16 digit angka.", "The KK number must be exactly 16 digits."),
    "KK_REGION_UNKNOWN": Entry(
        "Kode wilayah pada nomor KK tidak dikenal.",
        "The region code in the KK number is not a known district.",
    ),
    "REGION_UNKNOWN": Entry("Kode wilayah tidak dikenal.", "The region code is not known."),
    "REGION_HIERARCHY": Entry(
        "Kode desa/kelurahan, kecamatan, kabupaten/kota, dan provinsi tidak saling sesuai.",
        "The village, district, regency and province codes do not belong together.",
    ),
    "POSTAL_CODE_MISMATCH": Entry(
        "Kode pos tidak sesuai dengan desa/kelurahan; periksa kembali.",
        "The postal code does not match the village; please check it.",
    ),
    "AGE_NOT_ELIGIBLE": Entry(
        "KTP-el hanya untuk penduduk berusia 17 tahun ke atas atau yang sudah/pernah kawin.",
        "The e-KTP is only for residents aged 17 or over, or who are or have been married.",
    ),
    "BIRTH_DATE_IN_FUTURE": Entry(
        "Tanggal lahir tidak boleh di masa depan.", "The birth date cannot be in the future."
    ),
    "NAME_INVALID": Entry(
        "Nama hanya boleh huruf Latin, spasi, tanda petik dan titik untuk gelar, paling banyak 60 karakter.",
        "The name may contain only Latin letters, spaces, apostrophes and title dots, at most 60 characters.",
    ),
    "PLACE_OF_BIRTH_INVALID": Entry(
        "Tempat lahir hanya boleh huruf Latin tanpa aksen, angka, spasi dan tanda . , ' - / ( ), "
        "seperti tertulis di KK.",
        "The place of birth may contain only unaccented Latin letters, digits, spaces and . , ' - / ( ), "
        "as written on the KK.",
    ),
    "OCCUPATION_INVALID": Entry(
        "Pekerjaan hanya boleh huruf Latin tanpa aksen, angka, spasi dan tanda . , ' - / ( ), seperti tertulis "
        "di KK.",
        "The occupation may contain only unaccented Latin letters, digits, spaces and . , ' - / ( ), as written "
        "on the KK.",
    ),
    "ADDRESS_INVALID": Entry(
        "Alamat hanya boleh huruf Latin tanpa aksen, angka, spasi dan tanda . , ' - / ( ) # : & \", seperti "
        "tertulis di KK.",
        "The address may contain only unaccented Latin letters, digits, spaces and . , ' - / ( ) # : & \", as "
        "written on the KK.",
    ),
    "NAME_TITLE_UNVERIFIED": Entry(
        "Gelar pada nama akan diperiksa petugas; siapkan ijazah atau bukti gelar.",
        "A title in the name will be checked by an officer; have the diploma or proof of the title ready.",
    ),
    "NAME_SINGLE_WORD": Entry(
        "Nama terdiri dari satu kata; akan diperiksa petugas (nama satu kata hanya sah untuk catatan sebelum 2022).",
        "The name is a single word; an officer will check it (single-word names are valid only for pre-2022 records).",
    ),
    "NAME_ABBREVIATED": Entry(
        "Nama memuat singkatan (mis. M. atau MOH. untuk Muhammad); akan diperiksa petugas "
        "(hanya sah untuk catatan sebelum 2022).",
        "The name contains an abbreviation (e.g. M. or MOH. for Muhammad); an officer will check it "
        "(valid only for pre-2022 records).",
    ),
    "PHONE_INVALID": Entry(
        "Nomor telepon tidak sah (gunakan format 08xx atau +628xx).",
        "The phone number is not valid (use 08xx or +628xx).",
    ),
    "EMAIL_INVALID": Entry("Alamat email tidak sah.", "The email address is not valid."),
    "ASSISTED_DOMICILE_OUTSIDE_DISTRICT": Entry(
        "Domisili penduduk di luar kecamatan Anda: permohonan dibantu petugas hanya untuk domisili di kecamatan "
        "petugas; penduduk dibantu oleh kecamatan domisilinya.",
        "The resident's domicile is outside your district: an officer enters applications only for their own "
        "district's domicile; the resident's own district helps them.",
        403,
    ),
    "NOTIFICATION_CHANNEL_REQUIRED": Entry(
        "Pilih setidaknya satu cara pemberitahuan (email, SMS, atau WhatsApp).",
        "Choose at least one way to be notified (e-mail, SMS or WhatsApp).",
    ),
    "NOTIFICATION_CHANNEL_UNREACHABLE": Entry(
        "Cara pemberitahuan yang dipilih tidak punya alamat: isi alamat email atau nomor telepon, atau pilih "
        "cara lain.",
        "A chosen notification channel has no address: fill in the e-mail address or phone number, or choose "
        "another channel.",
    ),
    # --- Uploads (intake) --------------------------------------------------------------------------
    "UPLOAD_EMPTY": Entry("Berkas kosong.", "The file is empty."),
    "UPLOAD_TOO_LARGE": Entry("Berkas melebihi batas ukuran.", "The file exceeds the size limit."),
    "UPLOAD_TYPE_MISMATCH": Entry(
        "Isi berkas tidak sesuai dengan format yang diizinkan untuk dokumen ini.",
        "The file's content is not a format allowed for this document.",
    ),
    "UPLOAD_UNEXPECTED": Entry(
        "Unggahan tidak dikenal untuk permohonan ini.",
        "This upload does not belong to a known application slot.",
    ),
    "UPLOAD_AFTER_SUBMIT": Entry(
        "Unggahan ditolak: permohonan sudah diajukan dan dokumennya tidak dapat diubah lagi.",
        "Upload refused: the application was submitted and its documents can no longer change.",
    ),
    "UPLOAD_OVERWRITE_REFUSED": Entry(
        "Unggahan ditolak: dokumen ini sudah diterima; minta tautan unggah baru untuk menggantinya.",
        "Upload refused: this document was already received; request a new upload link to replace it.",
    ),
    # Resumable (multipart) uploads, issue 20.
    "UPLOAD_NOT_FOUND": Entry(
        "Unggahan ini tidak ditemukan atau sudah selesai; minta tautan unggah baru.",
        "This upload was not found or is already finished; request a new upload link.",
        404,
    ),
    "UPLOAD_PARTS_INVALID": Entry(
        "Bagian-bagian unggahan tidak lengkap atau tidak berurutan; unggah ulang bagian yang hilang.",
        "The upload's parts are incomplete or out of order; upload the missing parts again.",
        409,
    ),
    "UPLOAD_ABANDONED": Entry(
        "Unggahan dibatalkan atau kedaluwarsa sebelum selesai; tidak dihitung dalam batas unggahan.",
        "The upload was cancelled or expired before it finished; it does not count against the upload limit.",
    ),
    # --- Photo and selfie checks (issue 3) ---------------------------------------------------------
    "IMAGE_UNREADABLE": Entry("Berkas bukan gambar yang dapat dibaca.", "The file is not a readable image."),
    "IMAGE_TOO_MANY_PIXELS": Entry(
        "Gambar terlalu besar (jumlah piksel melebihi batas).", "The image has too many pixels."
    ),
    "IMAGE_TOO_LONG": Entry(
        "Gambar terlalu panjang atau terlalu lebar untuk dibaca; unggah satu halaman dokumen atau satu foto saja.",
        "The image is too long or too wide to read; upload one page of the document or one photo.",
    ),
    "IMAGE_ANIMATED": Entry(
        "Gambar bergerak atau berhalaman banyak tidak diterima.",
        "Animated or multi-frame images are not accepted.",
    ),
    "PHOTO_RESOLUTION_LOW": Entry(
        "Resolusi foto terlalu rendah; gunakan kamera dengan resolusi lebih tinggi.",
        "The photo's resolution is too low; use a higher-resolution camera.",
    ),
    "PHOTO_ASPECT": Entry(
        "Perbandingan sisi foto tidak sesuai; gunakan foto tegak (portrait).",
        "The photo's aspect ratio is wrong; use a portrait photo.",
    ),
    "FACE_NOT_FOUND": Entry(
        "Wajah tidak terdeteksi; hadap lurus ke kamera dengan wajah terlihat jelas.",
        "No face was found; face the camera with your face clearly visible.",
    ),
    "MULTIPLE_FACES": Entry(
        "Terdeteksi lebih dari satu wajah; foto harus hanya berisi Anda.",
        "More than one face was found; the photo must show only you.",
    ),
    "SECOND_PERSON_IN_FRAME": Entry(
        "Ada orang lain di dalam bingkai foto; ambil swafoto hanya dengan wajah Anda.",
        "Someone else is in the frame; take the selfie with only your face in it.",
    ),
    "FACE_TOO_SMALL": Entry(
        "Wajah terlalu kecil; dekatkan kamera.", "The face is too small in the frame; move the camera closer."
    ),
    "FACE_TOO_LARGE": Entry(
        "Wajah terlalu dekat; jauhkan kamera sedikit.",
        "The face is too close; move the camera back a little.",
    ),
    "FACE_NOT_CENTERED": Entry("Wajah tidak di tengah foto.", "The face is not centred in the photo."),
    "HEAD_TILTED": Entry("Kepala miring; tegakkan kepala.", "The head is tilted; hold your head straight."),
    "PHOTO_BLURRY": Entry(
        "Foto buram; pegang kamera dengan stabil dan pastikan fokus.",
        "The photo is blurry; hold the camera steady and make sure it is in focus.",
    ),
    "PHOTO_UNDEREXPOSED": Entry(
        "Foto terlalu gelap; tambah pencahayaan.", "The photo is too dark; add more light."
    ),
    "PHOTO_OVEREXPOSED": Entry(
        "Foto terlalu terang; kurangi cahaya langsung.", "The photo is too bright; reduce direct light."
    ),
    "LIGHTING_UNEVEN": Entry(
        "Pencahayaan wajah tidak merata; hindari bayangan di satu sisi.",
        "The face is unevenly lit; avoid shadows on one side.",
    ),
    "BACKGROUND_NOT_UNIFORM": Entry(
        "Latar belakang harus polos satu warna.", "The background must be a single plain colour."
    ),
    "BACKGROUND_WRONG_COLOR": Entry(
        "Warna latar belakang salah: merah untuk tahun lahir ganjil, biru untuk tahun lahir genap.",
        "Wrong background colour: red for an odd birth year, blue for an even birth year.",
    ),
    # --- Document OCR (issue 4) --------------------------------------------------------------------
    "DOCUMENT_UNREADABLE": Entry(
        "Dokumen tidak dapat dibaca; foto ulang seluruh halaman dengan terang dan tajam.",
        "The document cannot be read; photograph the whole page again, well lit and sharp.",
    ),
    "DOCUMENT_BLANK": Entry("Halaman kosong.", "The page is blank."),
    "DOCUMENT_WRONG_TYPE": Entry(
        "Dokumen yang diunggah bukan jenis yang diminta.", "The uploaded document is not the requested type."
    ),
    "PDF_ENCRYPTED": Entry("PDF terkunci kata sandi.", "The PDF is password-protected."),
    "PDF_CORRUPT": Entry("PDF rusak.", "The PDF is damaged."),
    "PDF_TOO_MANY_PAGES": Entry("PDF terlalu banyak halaman.", "The PDF has too many pages."),
    "PDF_TOO_COMPLEX": Entry(
        "PDF terlalu rumit untuk dibaca; unggah hasil pindaian atau foto dokumen.",
        "The PDF is too complex to read; upload a scan or a photo of the document.",
    ),
    "DOCUMENT_NOT_RECOGNISED": Entry(
        "Jenis dokumen tidak dikenali; unggah KK, akta kelahiran, KTP, SKPWNI atau akta perkawinan.",
        "The document type was not recognised; upload a KK, birth certificate, KTP, SKPWNI or marriage certificate.",
    ),
    "DOCUMENT_FIELD_UNREADABLE": Entry(
        "Sebagian isian dokumen tidak terbaca; periksa dan lengkapi secara manual.",
        "Some fields of the document could not be read; check and complete them by hand.",
    ),
    "DOCUMENT_SCREEN_PHOTO": Entry(
        "Foto layar tidak diterima; unggah foto atau pindaian dokumen aslinya.",
        "A photo of a screen is not accepted; upload a photo or scan of the original document.",
    ),
    "DOCUMENT_IS_LETTER": Entry(
        "Halaman ini berupa surat, bukan dokumen yang diminta; unggah KK, akta kelahiran, KTP atau SKPWNI.",
        "This page is a letter, not the requested document; upload the KK, birth certificate, KTP or SKPWNI.",
    ),
    "DOCUMENT_LISTS_SEVERAL": Entry(
        "Halaman ini berupa daftar atau laporan beberapa surat pindah, bukan SKPWNI pemohon; unggah SKPWNI Anda.",
        "This page lists several moving certificates (a register or a report), not the applicant's own SKPWNI;"
        " upload your SKPWNI.",
    ),
    "DOCUMENT_SEVERAL_PEOPLE": Entry(
        "Halaman ini memuat data beberapa orang (kartu di atas KK, dua kartu, atau surat yang menyebut orang lain);"
        " unggah foto KTP Anda saja di atas permukaan polos.",
        "This page holds several people's data (a card lying on a KK, two cards, or a letter naming others);"
        " upload a photo of your KTP alone on a plain surface.",
    ),
    # --- Verification stages (issue 5) -------------------------------------------------------------
    "REGISTRY_NOT_FOUND": Entry(
        "NIK tidak ditemukan dalam database kependudukan.",
        "The NIK was not found in the population registry.",
    ),
    "EVIDENCE_MISSING": Entry(
        "Sebagian pemeriksaan belum selesai; petugas akan memeriksa permohonan Anda.",
        "Some checks did not complete; an officer will review your application.",
    ),
    "LIVENESS_MISSING": Entry(
        "Pemeriksaan wajah langsung (liveness) belum dilakukan.",
        "The live face check (liveness) was not done.",
    ),
    "REGISTRY_STATUS_BLOCKED": Entry(
        "Data kependudukan untuk NIK ini perlu diperiksa petugas.",
        "The population record for this NIK needs an officer's check.",
    ),
    "NIK_DOCUMENT_MISMATCH": Entry(
        "NIK pada dokumen tidak sama dengan NIK yang diajukan.",
        "The NIK printed on a document differs from the NIK applied for.",
    ),
    "NAME_MISMATCH": Entry(
        "Nama tidak sesuai dengan data kependudukan.", "The name does not match the registry."
    ),
    "BIRTH_DATA_MISMATCH": Entry(
        "Tempat/tanggal lahir tidak sesuai dengan data kependudukan.",
        "The place or date of birth does not match the registry.",
    ),
    "SEX_MISMATCH": Entry("Jenis kelamin tidak sesuai.", "The sex does not match the registry."),
    "PARENT_NAME_MISMATCH": Entry(
        "Nama orang tua tidak sesuai.", "The parents' names do not match the registry."
    ),
    "ADDRESS_MISMATCH": Entry(
        "Alamat tidak sesuai dengan Kartu Keluarga.", "The address does not match the Kartu Keluarga."
    ),
    "NOT_IN_KK": Entry(
        "NIK Anda tidak tercantum pada Kartu Keluarga yang diunggah.",
        "Your NIK is not listed on the uploaded Kartu Keluarga.",
    ),
    "KK_NUMBER_MISMATCH": Entry(
        "Nomor KK tidak sesuai dengan dokumen.", "The KK number does not match the document."
    ),
    "SKPWNI_MISMATCH": Entry(
        "Surat pindah (SKPWNI) tidak sesuai dengan NIK atau alamat tujuan.",
        "The move letter (SKPWNI) does not match the NIK or the destination address.",
    ),
    "DATA_DIFFERS_FROM_REGISTRY": Entry(
        "Data berbeda dengan data kependudukan (mis. agama atau status perkawinan); akan diperiksa petugas.",
        "The data differs from the population registry (e.g. religion or marital status); an officer will check it.",
    ),
    "POSSIBLE_DUPLICATE": Entry(
        "Ditemukan data yang mirip atas NIK lain; akan diperiksa petugas.",
        "A similar record exists under another NIK; an officer will check it.",
    ),
    # --- Biometrics (issue 6) ----------------------------------------------------------------------
    "FACE_MISMATCH": Entry("Swafoto tidak cocok dengan pas foto.", "The selfie does not match the ID photo."),
    "FACE_DUPLICATE": Entry(
        "Wajah sudah terdaftar pada NIK lain.", "This face is already enrolled under another NIK."
    ),
    "FACE_CANDIDATE": Entry(
        "Wajah perlu dibandingkan petugas dengan data terdaftar.",
        "An officer will compare the face with enrolled records.",
    ),
    "FINGERPRINT_MISMATCH": Entry(
        "Sidik jari tidak cocok dengan data terdaftar.", "The fingerprint does not match the enrolled record."
    ),
    "FINGERPRINT_QUALITY_LOW": Entry(
        "Kualitas sidik jari rendah; rekam ulang.", "The fingerprint quality is too low; capture it again."
    ),
    "LIVENESS_FAILED": Entry(
        "Pemeriksaan keaslian wajah gagal; ulangi gerakan kepala sesuai petunjuk.",
        "The liveness check failed; repeat the head movements as instructed.",
    ),
    # --- Identity integrity (issue 16, attacks 1 and 4): for an officer, never a registry value ------------
    "ENROLLED_FACE_MISMATCH": Entry(
        "Wajah tidak cocok dengan wajah yang tercatat untuk NIK ini; akan diperiksa petugas.",
        "The face does not match the face on record for this NIK; an officer will check it.",
    ),
    "ENROLLED_TEMPLATE_MISSING": Entry(
        "Data wajah terdaftar untuk NIK ini belum tersedia untuk dibandingkan; akan diperiksa petugas.",
        "No enrolled face is on file to compare with for this NIK; an officer will check it.",
    ),
    "NIK_ALREADY_HOLDS_CARD": Entry(
        "NIK ini sudah memiliki KTP-el; permohonan baru akan diperiksa petugas (untuk kartu hilang atau rusak, "
        "ajukan penggantian).",
        "A card was already issued for this NIK; a new application goes to an officer (for a lost or damaged "
        "card, apply for a replacement).",
    ),
    "CARD_HOLDER_ACCOUNT_DIFFERS": Entry(
        "Permohonan ini diajukan dari akun lain daripada akun pemegang KTP-el NIK ini; akan diperiksa petugas.",
        "This application comes from another account than the one that holds this NIK's card; an officer will "
        "check it.",
    ),
    "NIK_APPLICATION_IN_PROGRESS": Entry(
        "Ada permohonan lain untuk NIK ini yang sedang diproses; akan diperiksa petugas.",
        "Another application for this NIK is being processed; an officer will check it.",
    ),
    # --- Issuance (issue 7) ------------------------------------------------------------------------
    "CREDENTIAL_MALFORMED": Entry(
        "Kode IKD tidak berformat benar (bukan kredensial IKD yang sah).",
        "The digital ID code is malformed (not a valid IKD credential).",
    ),
    "CREDENTIAL_QR_UNREADABLE": Entry(
        "Kode QR tidak ditemukan atau tidak dapat dibaca pada gambar.",
        "No readable QR code was found in the image.",
    ),
    "CREDENTIAL_ALGORITHM_NOT_ALLOWED": Entry(
        "Algoritma tanda tangan kredensial tidak diizinkan.",
        "The credential's signature algorithm is not allowed.",
    ),
    "CREDENTIAL_UNKNOWN_KEY": Entry(
        "Kredensial ditandatangani dengan kunci yang tidak dikenal.",
        "The credential was signed with an unknown key.",
    ),
    "CREDENTIAL_SIGNATURE_INVALID": Entry(
        "Tanda tangan kredensial tidak sah; isinya mungkin telah diubah.",
        "The credential's signature is invalid; its content may have been altered.",
    ),
    "CREDENTIAL_EXPIRED": Entry(
        "Masa berlaku kredensial IKD telah habis; unduh ulang IKD Anda.",
        "The digital ID credential has expired; download your digital ID again.",
    ),
    "CREDENTIAL_NOT_YET_VALID": Entry(
        "Kredensial belum berlaku (waktu terbit di masa depan).",
        "The credential is not valid yet (issued in the future).",
    ),
    "CREDENTIAL_REVOKED": Entry(
        "Kredensial telah dicabut (kartu diganti atau dilaporkan hilang).",
        "The credential has been revoked (the card was replaced or reported lost).",
    ),
    "CARD_STATUS_TRANSITION": Entry(
        "Perubahan status kartu ini tidak diizinkan.", "This card status change is not allowed.", 409
    ),
    "CARD_NOT_FOUND": Entry("Kartu tidak ditemukan.", "No such card was found.", 404),
    "CREDENTIAL_PHOTO_MISMATCH": Entry(
        "Foto yang ditunjukkan bukan foto yang terikat pada kredensial ini.",
        "The photo shown is not the photo bound to this credential.",
    ),
    "CARD_HOLDER_EXISTS": Entry(
        "NIK ini sudah memiliki kartu; kartu baru hanya menggantinya melalui permohonan penggantian atau "
        "perubahan data, atau dengan keputusan petugas.",
        "This NIK already holds a card; a new card replaces it only through a replacement or data-change "
        "application, or by an officer's decision.",
        409,
    ),
    "CARD_REVOKED": Entry(
        "KTP-el ini dinonaktifkan (dilaporkan hilang atau diganti). Jika bukan Anda yang memintanya, segera "
        "hubungi kantor Dukcapil.",
        "This card was revoked (reported lost or replaced). If you did not ask for this, contact your Dukcapil "
        "office at once.",
        409,
    ),
    "CARD_CONCURRENT_UPDATE": Entry(
        "Kartu sedang diubah oleh proses lain; coba lagi.",
        "The card was changed by another request; retry.",
        409,
    ),
    "REVOCATION_LIST_UNAVAILABLE": Entry(
        "Daftar pencabutan belum tersedia; coba lagi nanti.",
        "The revocation list is not available yet; retry later.",
        404,
    ),
    # --- Biometric recording (perekaman): appointments and the officer's capture station -------------
    "BIOMETRIC_RECORDING_REQUIRED": Entry(
        "Perekaman sidik jari, wajah, dan tanda tangan oleh petugas diperlukan; pilih jadwal di kantor Dukcapil "
        "kecamatan Anda atau ajukan kunjungan rumah.",
        "Your fingerprints, face and signature must be recorded by an officer; book a time at a Dukcapil office "
        "of your district or ask for a home visit.",
    ),
    "BIOMETRIC_RECORDING_REMINDER": Entry(
        "Pengingat: perekaman biometrik Anda belum dilakukan; pilih atau datangi jadwal Anda.",
        "Reminder: your biometric recording has not been done yet; book a time or keep your appointment.",
    ),
    "BIOMETRIC_RECORDING_OVERDUE": Entry(
        "Perekaman belum dilakukan; petugas kecamatan akan menghubungi Anda.",
        "The recording has not been done; an officer of your district will contact you.",
    ),
    "BIOMETRIC_RECORDING_MISSED": Entry(
        "Perekaman biometrik tidak dilakukan dalam batas waktu; ajukan kembali permohonan Anda lalu pilih jadwal "
        "baru.",
        "The biometric recording was not done in time; submit your application again and book a new time.",
    ),
    "BIOMETRIC_APPOINTMENT_BOOKED": Entry(
        "Jadwal perekaman Anda tercatat; datang membawa nomor registrasi.",
        "Your recording appointment is booked; bring your registration number.",
    ),
    "HOME_VISIT_REQUESTED": Entry(
        "Permintaan kunjungan rumah tercatat; petugas akan menghubungi Anda untuk jadwalnya.",
        "Your home-visit request is recorded; an officer will contact you to arrange it.",
    ),
    "NOT_AWAITING_RECORDING": Entry(
        "Permohonan ini tidak sedang menunggu perekaman biometrik.",
        "This application is not waiting for a biometric recording.",
        409,
    ),
    "OFFICE_NOT_IN_DISTRICT": Entry(
        "Kantor ini tidak melayani kecamatan domisili Anda; pilih kantor di kecamatan Anda.",
        "This office does not serve your district; choose an office of your district.",
        422,
    ),
    "SLOT_NOT_OFFERED": Entry(
        "Jam ini bukan jadwal layanan kantor; pilih jadwal yang tersedia.",
        "The office offers no slot at this time; choose one of the times offered.",
        422,
    ),
    "SLOT_OUT_OF_RANGE": Entry(
        "Jadwal sudah lewat, terlalu dekat, atau terlalu jauh ke depan; pilih jadwal lain.",
        "The slot is past, too soon or too far ahead; choose another.",
        422,
    ),
    "SLOT_FULL": Entry(
        "Jadwal ini sudah penuh; pilih jadwal lain.", "This slot is fully booked; choose another.", 409
    ),
    "BOOKING_EXISTS": Entry(
        "Permohonan ini sudah memiliki jadwal aktif; ubah atau batalkan jadwal tersebut.",
        "This application already has an active booking; change or cancel it.",
        409,
    ),
    "BOOKING_NOT_FOUND": Entry(
        "Tidak ada jadwal aktif untuk permohonan ini.", "This application has no active booking.", 404
    ),
    "HOME_VISIT_REASON_REQUIRED": Entry(
        "Kunjungan rumah hanya untuk penduduk lanjut usia, penyandang disabilitas, atau yang sakit; pilih "
        "alasannya.",
        "A home visit is for residents who are elderly, have a disability or are ill; choose the reason.",
        422,
    ),
    "PERSON_NOT_CONFIRMED": Entry(
        "Petugas harus memastikan orang yang hadir sesuai dengan foto sebelum perekaman.",
        "The officer must confirm that the person present matches the photo before recording.",
        422,
    ),
    "CAPTURE_INVALID": Entry(
        "Berkas hasil perekaman tidak sah (jenis atau ukuran); ulangi perekaman.",
        "A captured file is not valid (type or size); capture it again.",
        422,
    ),
    "CAPTURE_DEVICE_REQUIRED": Entry(
        "Perekaman harus menyebut perangkat pemindai yang dipakai.",
        "A capture must name the scanner device used.",
        422,
    ),
    "CAPTURE_DEVICE_NOT_ENROLLED": Entry(
        "Perangkat pemindai ini tidak terdaftar untuk kantor di kecamatan Anda; gunakan perangkat yang terdaftar.",
        "This scanner is not enrolled for an office of your district; use an enrolled device.",
        403,
    ),
    # --- Field verification of domicile (verifikasi lapangan, domain/field_visits.py) -------------------
    "FIELD_VERIFICATION_REQUIRED": Entry(
        "Petugas Dukcapil kecamatan Anda akan berkunjung ke alamat domisili Anda untuk memastikannya.",
        "A Dukcapil officer of your district will visit your address to confirm your domicile.",
    ),
    "FIELD_VISIT_ADDRESS_NOT_FOUND": Entry(
        "Petugas tidak menemukan alamat yang Anda cantumkan; periksa alamat, RT/RW, dan kelurahan/desa, "
        "perbaiki, lalu ajukan kembali.",
        "The officer could not find the address you gave; check the address, RT/RW and village, correct them, "
        "then submit again.",
    ),
    "FIELD_VISIT_LIVES_ELSEWHERE": Entry(
        "Menurut kunjungan petugas Anda tidak tinggal di alamat tersebut; cantumkan alamat tempat tinggal Anda "
        "sekarang (dengan surat pindah bila Anda pindah), lalu ajukan kembali.",
        "The officer's visit found that you do not live at that address; give the address where you live now "
        "(with a move letter if you moved), then submit again.",
    ),
    "FIELD_VISIT_UNREACHABLE": Entry(
        "Petugas belum dapat menemui Anda di alamat tersebut; kunjungan akan dijadwalkan ulang.",
        "The officer could not meet you at the address; the visit will be rescheduled.",
    ),
    "FIELD_VISIT_OVERDUE": Entry(
        "Kunjungan lapangan belum dilakukan; kepala seksi kecamatan telah diingatkan.",
        "The field visit has not been made yet; the district's supervisor has been reminded.",
    ),
    "NOT_AWAITING_FIELD_VISIT": Entry(
        "Permohonan ini tidak sedang menunggu kunjungan lapangan.",
        "This application is not waiting for a field visit.",
        409,
    ),
    "FIELD_VISIT_ALREADY_RECORDED": Entry(
        "Hasil kunjungan ini sudah dicatat; hasil tidak dapat ditimpa.",
        "This visit's outcome is already recorded; it cannot be overwritten.",
        409,
    ),
    "FIELD_VISIT_OUTCOME_INVALID": Entry(
        "Hasil kunjungan tidak dikenal.", "The visit outcome is not one of the known outcomes.", 422
    ),
    "FIELD_VISIT_NOTE_REQUIRED": Entry(
        "Setiap hasil kunjungan memerlukan catatan petugas (10-500 karakter).",
        "Every visit outcome needs the officer's note (10-500 characters).",
        422,
    ),
    "FIELD_VISIT_PHOTO_REQUIRED": Entry(
        "Hasil ini memerlukan foto dari lokasi kunjungan.",
        "This outcome needs a photo taken at the visit.",
        422,
    ),
    "FIELD_VISIT_PHOTO_INVALID": Entry(
        "Foto kunjungan tidak sah: harus berkas JPEG atau PNG yang diunggah untuk kunjungan ini.",
        "The visit photo is not valid: it must be a JPEG or PNG file uploaded for this visit.",
        422,
    ),
    # --- Review and pipeline -----------------------------------------------------------------------
    "OFFICER_REJECTED": Entry("Ditolak oleh petugas.", "Rejected by an officer."),
    "REVIEW_TIMEOUT": Entry(
        "Pemeriksaan petugas melewati batas waktu; diteruskan ke atasan.",
        "The officer review timed out; it has been escalated.",
    ),
    "PROCESSING_FAILED": Entry(
        "Pemrosesan terhenti karena gangguan sistem; sistem akan memprosesnya ulang secara otomatis dalam "
        "beberapa menit. Anda tidak perlu melakukan apa pun.",
        "Processing stopped because of a system fault; the system will process it again automatically within "
        "minutes. You need not do anything.",
    ),
    "PROCESSING_NEEDS_OPERATOR": Entry(
        "Pemrosesan otomatis gagal beberapa kali; petugas telah diberi tahu dan akan melanjutkan permohonan "
        "Anda. Anda tidak perlu mengajukan ulang.",
        "Automatic processing failed several times; an operator has been alerted and will resume your "
        "application. You need not submit it again.",
    ),
}


class Reason(BaseModel):
    """One reason: what a resident reads and what a machine acts on."""

    model_config = ConfigDict(frozen=True)

    code: str
    message_id: str
    message_en: str
    severity: Severity = "error"
    field: str | None = None
    measured: float | int | str | None = None
    threshold: float | int | str | None = None


def reason(
    code: str,
    *,
    severity: Severity = "error",
    field: str | None = None,
    measured: float | int | str | None = None,
    threshold: float | int | str | None = None,
) -> Reason:
    """Build a Reason from the catalogue; an unknown code is a programming error."""
    entry = CATALOGUE[code]
    return Reason(
        code=code,
        message_id=entry.message_id,
        message_en=entry.message_en,
        severity=severity,
        field=field,
        measured=measured,
        threshold=threshold,
    )


def http_status(code: str) -> int:
    return CATALOGUE[code].http_status


# The codes an officer chooses from when rejecting a case (the web client's reject form, generated into it by
# tools/web_data.py): each names something the resident can act on. The API accepts any catalogue code.
OFFICER_REJECT_CODES: tuple[str, ...] = (
    "PHOTO_BLURRY",
    "BACKGROUND_WRONG_COLOR",
    "FACE_NOT_FOUND",
    "FACE_MISMATCH",
    "DOCUMENT_UNREADABLE",
    "DOCUMENT_WRONG_TYPE",
    "NAME_MISMATCH",
    "BIRTH_DATA_MISMATCH",
    "ADDRESS_MISMATCH",
    "NOT_IN_KK",
    "KK_NUMBER_MISMATCH",
    "REGISTRY_NOT_FOUND",
    "POSSIBLE_DUPLICATE",
    "OFFICER_REJECTED",
)
