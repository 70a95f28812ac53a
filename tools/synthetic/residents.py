"""Synthetic, internally consistent Indonesian families (Kartu Keluarga) for tests, documents and seeding.

`generate_families(n, seed)` is deterministic for a seed. Every family has real Kemendagri region codes and
the village's real postal code; every member's NIK encodes a real district (the family's, or another one
for a member who moved in), the member's birth date and sex (+40 for women) and a serial unique across the
whole batch; children are born while their mother is 18-43; father/mother names repeat the parents' rows
exactly; Batak, Chinese-Indonesian, Arabic-origin and eastern-Indonesian children carry the family name.
Values for religion, blood type, marital status and relationship come from the lists in DOMAIN.md.
Nothing here is a real person: names are drawn independently from common-name pools.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from ektp.domain.nik import make_nik
from ektp.domain.region import RegionIndex, regions

Sex = Literal["M", "F"]

# Fixed so that a seed always gives the same ages, dates and KK issue dates, whatever day the tests run.
REFERENCE_DATE = date(2026, 11, 1)
_KK_FORMAT_SINCE = date(2010, 1, 1)

RELIGIONS = ("ISLAM", "KRISTEN", "KATHOLIK", "HINDU", "BUDHA", "KHONGHUCU", "KEPERCAYAAN TERHADAP TUHAN YME")
BLOOD_TYPES = ("A", "B", "AB", "O", "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "TIDAK TAHU")
MARITAL_STATUSES = ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
RELATIONSHIPS = (
    "KEPALA KELUARGA",
    "SUAMI",
    "ISTRI",
    "ANAK",
    "MENANTU",
    "CUCU",
    "ORANGTUA",
    "MERTUA",
    "FAMILI LAIN",
    "PEMBANTU",
    "LAINNYA",
)
EDUCATION_LEVELS = (
    "TIDAK/BELUM SEKOLAH",
    "BELUM TAMAT SD/SEDERAJAT",
    "TAMAT SD/SEDERAJAT",
    "SLTP/SEDERAJAT",
    "SLTA/SEDERAJAT",
    "DIPLOMA I/II",
    "AKADEMI/DIPLOMA III/SARJANA MUDA",
    "DIPLOMA IV/STRATA I",
    "STRATA II",
    "STRATA III",
)
OCCUPATIONS_ADULT = (
    "WIRASWASTA",
    "KARYAWAN SWASTA",
    "PETANI/PEKEBUN",
    "PEDAGANG",
    "BURUH HARIAN LEPAS",
    "PEGAWAI NEGERI SIPIL",
    "NELAYAN/PERIKANAN",
    "SOPIR",
    "TUKANG BATU",
    "KARYAWAN BUMN",
    "TENTARA NASIONAL INDONESIA",
    "KEPOLISIAN RI",
    "PERANGKAT DESA",
    "BURUH TANI/PERKEBUNAN",
)


@dataclass(frozen=True, slots=True)
class Person:
    nik: str
    name: str  # as printed on the KK, upper case, titles included
    sex: Sex
    place_of_birth: str
    birth_date: date
    religion: str
    education: str
    occupation: str
    blood_type: str
    marital_status: str  # KTP vocabulary: BELUM KAWIN / KAWIN / CERAI HIDUP / CERAI MATI
    relationship: str
    citizenship: str
    father_name: str
    mother_name: str
    marriage_date: date | None = None
    marriage_registered: bool | None = None  # the KK splits KAWIN into KAWIN TERCATAT / BELUM TERCATAT

    @property
    def nik_district_code(self) -> str:
        """Dotted district encoded in the NIK (may differ from the family's: the member moved in)."""
        return f"{self.nik[0:2]}.{self.nik[2:4]}.{self.nik[4:6]}"

    @property
    def kk_marital_status(self) -> str:
        if self.marital_status != "KAWIN":
            return self.marital_status
        return "KAWIN TERCATAT" if self.marriage_registered else "KAWIN BELUM TERCATAT"

    def age_on(self, day: date) -> int:
        return (
            day.year
            - self.birth_date.year
            - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
        )


@dataclass(frozen=True, slots=True)
class Family:
    kk_number: str
    address: str
    rt: str
    rw: str
    village_code: str
    district_code: str
    regency_code: str
    province_code: str
    postal_code: str
    issue_date: date
    members: list[Person] = field(default_factory=list)

    @property
    def head(self) -> Person:
        return next(m for m in self.members if m.relationship == "KEPALA KELUARGA")


# --- name pools ---------------------------------------------------------------------------------------
# Each culture: male given names, female given names, second names (or family names when `family_name`),
# religions with weights. Pools are common names, upper case as on a KK.
@dataclass(frozen=True, slots=True)
class Culture:
    key: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    second: tuple[str, ...]
    religions: tuple[tuple[str, int], ...]
    family_name: bool = False  # children carry the father's family name (marga, Chinese surname, ...)
    old_spelling: bool = False  # pre-1972 names may use the Van Ophuijsen spelling (Soekarno, Djoko)
    single_word_old: bool = False  # older people often have a single name (Paijo, Poniyem)


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CULTURES: dict[str, Culture] = {
    "jawa": Culture(
        "jawa",
        _t(
            "BUDI JOKO AGUS BAMBANG SLAMET SUTRISNO WAHYU EKO DWI HADI SUGENG TEGUH RUDI HERU SUKARNO "
            "CAHYONO SURYADI PURWANTO SUYATNO GUNAWAN YULIANTO ARIS BAYU DANANG"
        ),
        _t(
            "SRI SITI DEWI ENDANG WULAN RINI LESTARI WAHYUNI RAHAYU NINGSIH SURYANI PUJI AYU TRI YULI "
            "SUMARNI SUKINAH KARTINI NANIK RETNO"
        ),
        _t(
            "SANTOSO PRASETYO WIBOWO SUSANTO HARTONO SETIAWAN NUGROHO KURNIAWAN PURNOMO SAPUTRA WIDODO "
            "SUSILO HANDAYANI LESTARI RAHAYU WULANDARI PRATIWI CAHYONO SURYANTO"
        ),
        (("ISLAM", 90), ("KRISTEN", 5), ("KATHOLIK", 4), ("KEPERCAYAAN TERHADAP TUHAN YME", 1)),
        old_spelling=True,
        single_word_old=True,
    ),
    "sunda": Culture(
        "sunda",
        _t("ASEP UJANG DEDE CECEP YAYAN IWAN DADANG ADE AGUS ENDANG JAJANG DENI RIDWAN YUSUF ENCEP"),
        _t("EUIS NENENG IIS YUYUN IMAS TATI CUCU LILIS NINING ENOK RINA NURUL SITI ELIS YANTI"),
        _t(
            "SUNARYA SUPRIATNA HIDAYAT PERMANA KUSNADI SUHENDAR RAHMAWATI NURHAYATI KOMALASARI SETIADI "
            "SOBARI MULYANA NURJANAH KURNIA"
        ),
        (("ISLAM", 98), ("KRISTEN", 2)),
        old_spelling=True,
        single_word_old=True,
    ),
    "batak": Culture(
        "batak",
        _t(
            "MARTIN JONATHAN ROBERT HOTMAN PARLINDUNGAN TOGAR SAUT BONAR JUNTAK RAJA DAVID HENDRA POLTAK "
            "MANGASI"
        ),
        _t("MARIA ROSMAWATI LAMRIA TIURMA DAMERIA RINA SORTA LAMSIHAR MASTIUR NURHAIDA DUMA ROMAULI"),
        _t(
            "SIMANJUNTAK SIREGAR NASUTION HARAHAP SITOMPUL HUTAPEA PANJAITAN SITUMORANG SINAGA PARDEDE "
            "HUTAGALUNG LUBIS SIMATUPANG TAMPUBOLON MANURUNG"
        ),
        (("KRISTEN", 70), ("KATHOLIK", 10), ("ISLAM", 20)),
        family_name=True,
    ),
    "minang": Culture(
        "minang",
        _t("RIZAL SYAHRIAL AFRIZAL ZULKIFLI YUSRIZAL NOVRI HENDRI ERWIN FIRDAUS YULIZAR DEDI ZULFAHMI"),
        _t("YULIARTI NURHASANAH ROSMANIAR FITRI YENI DESI ELMI MURNIATI YUSNIDAR RAHMI NOFRIDA"),
        _t("PUTRA SYAFRUDIN CHANIAGO ROSMAN ZAINAL EFENDI HASAN ARIFIN YUNUS WATI ANDRIANI"),
        (("ISLAM", 100),),
    ),
    "bugis": Culture(
        "bugis",
        _t("ANDI ARIFIN SYAMSUDDIN HASANUDDIN RAMLI BASRI ABDUL MUHAMMAD IRWAN SUDIRMAN JUFRI AMIRUDDIN"),
        _t("HASNAH HASMAWATI SITTI NURHAYATI BESSE ANDI MARLINA SUHARTINI NURMALA HAERANI"),
        _t("BASO TENRI MAPPA ALIMUDDIN SALEH RAHMAN YUSUF KADIR HAMZAH MAKMUR"),
        (("ISLAM", 99), ("KRISTEN", 1)),
    ),
    "tionghoa": Culture(
        "tionghoa",
        _t("HENDRA BUDI STEVEN KEVIN MICHAEL FELIX ANDY WILLIAM JOHAN SUGIANTO RUDY HARTANTO"),
        _t("LILY LINDA SUSANTI JESSICA MELINDA ANGELA CINDY YULIANA VERONICA MEILIANA LIANA"),
        _t(
            "TANOTO HALIM WIJAYA GUNAWAN SALIM TANUWIJAYA HARTONO SETIADI SUTANTO LIM TAN LIEM KUSUMA SANTOSO"
        ),
        (("BUDHA", 45), ("KRISTEN", 25), ("KATHOLIK", 20), ("KHONGHUCU", 10)),
        family_name=True,
    ),
    "arab": Culture(
        "arab",
        _t("MUHAMMAD AHMAD ALI HASAN HUSEIN UMAR ABDULLAH YUSUF SALIM FAHMI ZAKI MA'RUF SYAFI'I"),
        _t("FATIMAH AISYAH KHADIJAH ZAINAB NUR'AINI SYARIFAH SALMA RUQAYYAH SUMAYYAH NABILA"),
        _t("ALATAS ASSEGAF ALHABSYI BASWEDAN SHAHAB ALAYDRUS BAFADAL BAHASYIM ALKAFF BAZHER"),
        (("ISLAM", 100),),
        family_name=True,
    ),
    "bali": Culture(
        "bali",
        _t("SUDARSANA SUARTANA ADI SUASTIKA ARTAWAN WIRAWAN DARMAWAN SUKADANA PUTU SUDIARTA"),
        _t("ARTINI SUKERTI SUARNI PUSPAWATI SRIASIH DARMAYANTI ASTITI SURYANI WIDIANTARI"),
        _t("PUTRA PUTRI WIRAWAN ARIMBAWA MAHENDRA DEWI LESTARI ANTARI"),
        (("HINDU", 95), ("ISLAM", 3), ("KRISTEN", 2)),
    ),
    "timur": Culture(
        "timur",
        _t("YOHANES FRANSISKUS YOSEF PETRUS PAULUS AGUSTINUS MARKUS YAKOBUS ARNOLDUS STEFANUS FREDERIK"),
        _t("MARIA THERESIA YULIANA AGUSTINA VERONIKA ELISABETH MARGARETHA FLORENTINA ANASTASIA"),
        _t(
            "MANEK BRIA SERAN NAHAK LADO WONDA KOGOYA RUMBIAK MANDACAN TAPILATU PATTINAMA RONDONUWU "
            "WOWOR LUMENTA SUMAMPOUW"
        ),
        (("KATHOLIK", 55), ("KRISTEN", 45)),
        family_name=True,
    ),
    "umum": Culture(
        "umum",
        _t("AHMAD MUHAMMAD RIZKY FAJAR DIMAS ARIF DEDI HENDRA IRFAN FIRMAN YOGA ILHAM REZA ANDRI FAUZI"),
        _t("NUR SITI FITRI INDAH PUTRI RINA AISYAH NABILA ZAHRA DEWI NOVITA ANISA MAYA LINDA"),
        _t(
            "HIDAYAT RAMADHAN SAPUTRA PRATAMA MAULANA FIRMANSYAH NURHAYATI ANGGRAINI PERMATASARI "
            "RAHMAWATI HANDAYANI SETIAWAN KURNIAWAN SYAHPUTRA"
        ),
        (("ISLAM", 88), ("KRISTEN", 6), ("KATHOLIK", 3), ("HINDU", 1), ("BUDHA", 2)),
        # No old spellings: RIZKY or REZA were not given before 1972, so RIZKJ would be a fake artefact.
    ),
}

# Which naming cultures live where (by province code); anything not listed uses _DEFAULT_MIX.
_PROVINCE_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "12": (("batak", 60), ("umum", 15), ("tionghoa", 10), ("jawa", 15)),
    "13": (("minang", 90), ("umum", 10)),
    "19": (("umum", 55), ("tionghoa", 30), ("jawa", 15)),
    "31": (
        ("jawa", 30),
        ("sunda", 15),
        ("batak", 8),
        ("tionghoa", 14),
        ("arab", 8),
        ("umum", 20),
        ("minang", 5),
    ),
    "32": (("sunda", 80), ("jawa", 10), ("umum", 10)),
    "36": (("sunda", 60), ("jawa", 15), ("umum", 20), ("tionghoa", 5)),
    "33": (("jawa", 88), ("umum", 7), ("tionghoa", 3), ("arab", 2)),
    "34": (("jawa", 90), ("umum", 7), ("tionghoa", 3)),
    "35": (("jawa", 82), ("umum", 8), ("tionghoa", 4), ("arab", 6)),
    "51": (("bali", 85), ("jawa", 10), ("umum", 5)),
    "53": (("timur", 90), ("umum", 10)),
    "61": (("umum", 60), ("tionghoa", 25), ("jawa", 15)),
    "71": (("timur", 75), ("umum", 25)),
    "73": (("bugis", 85), ("umum", 15)),
    "74": (("bugis", 40), ("umum", 60)),
    "76": (("bugis", 50), ("umum", 50)),
    "81": (("timur", 60), ("umum", 40)),
    "82": (("umum", 60), ("timur", 40)),
}
for _papua in ("91", "92", "93", "94", "95", "96"):
    _PROVINCE_MIX[_papua] = (("timur", 80), ("jawa", 10), ("bugis", 10))
_DEFAULT_MIX: tuple[tuple[str, int], ...] = (("umum", 55), ("jawa", 35), ("bugis", 5), ("minang", 5))

_PREFIX_TITLES_MALE = ("H.", "DR.", "IR.", "DRS.", "PROF. DR.")
_DEGREE_BY_OCCUPATION = {
    "GURU": ("S.PD.", "DIPLOMA IV/STRATA I"),
    "DOSEN": ("M.SI.", "STRATA II"),
    "DOKTER": ("DR.", "DIPLOMA IV/STRATA I"),  # dr. before the name
    "PEGAWAI NEGERI SIPIL": ("S.SOS.", "DIPLOMA IV/STRATA I"),
    "KARYAWAN SWASTA": ("S.E.", "DIPLOMA IV/STRATA I"),
    "KARYAWAN BUMN": ("S.T.", "DIPLOMA IV/STRATA I"),
    "WIRASWASTA": ("S.KOM.", "DIPLOMA IV/STRATA I"),
    "PENGACARA": ("S.H.", "DIPLOMA IV/STRATA I"),
    "MANAJER": ("M.M.", "STRATA II"),
}
# Second names only women carry (a man is not called REZA RAHMAWATI).
_FEMININE_SECOND = frozenset(
    _t(
        "HANDAYANI LESTARI RAHAYU WULANDARI PRATIWI RAHMAWATI NURHAYATI KOMALASARI NURJANAH ANGGRAINI "
        "PERMATASARI WATI ANDRIANI PUTRI DEWI ANTARI"
    )
)
_BALI_ORDER = ("WAYAN", "MADE", "NYOMAN", "KETUT")

# Modern CH (CHANIAGO) was already CH: kept as a unit so its C does not become TJ.
_OLD_SPELLING = (
    ("CH", "CH"),
    ("NY", "NJ"),
    ("SY", "SJ"),
    ("KH", "CH"),
    ("C", "TJ"),
    ("J", "DJ"),
    ("Y", "J"),
    ("U", "OE"),
)


def old_spelling(name: str) -> str:
    """Spell a modern name the pre-1972 (Van Ophuijsen/Soewandi) way.

    SUKARNO -> SOEKARNO, CAHYONO -> TJAHJONO, JOKO -> DJOKO.
    """
    out: list[str] = []
    i = 0
    while i < len(name):
        for modern, old in _OLD_SPELLING:
            if name.startswith(modern, i):
                out.append(old)
                i += len(modern)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _random_date(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _place_name(regency_name: str) -> str:
    """`Kota Administrasi Jakarta Pusat` -> `JAKARTA`; `Kabupaten Bantul` -> `BANTUL` (as a KK prints it)."""
    upper = regency_name.upper()
    if upper.startswith("KOTA ADMINISTRASI JAKARTA"):
        return "JAKARTA"
    for prefix in ("KABUPATEN ADMINISTRASI ", "KABUPATEN ", "KOTA ADMINISTRASI ", "KOTA "):
        if upper.startswith(prefix):
            return upper[len(prefix) :]
    return upper


class _Generator:
    def __init__(self, seed: int, index: RegionIndex, today: date) -> None:
        self.rng = random.Random(seed)
        self.idx = index
        self.today = today
        self.villages: list[str] = index.codes("village")
        self.districts: list[str] = index.codes("district")
        self.regency_places = [_place_name(index.name(c) or c) for c in index.codes("regency")]
        self.next_serial: dict[str, int] = {}  # NIK's first 12 digits -> next free serial
        self.kk_serial: dict[str, int] = {}

    # --- identifiers --------------------------------------------------------------------------------
    def nik(self, district: str, born: date, sex: Sex) -> str:
        key = make_nik(district, born, sex, 1)[:12]
        serial = self.next_serial.get(key) or self.rng.randint(1, 40)  # real serials rarely start at 0001
        self.next_serial[key] = serial + 1
        nik: str = make_nik(district, born, sex, serial)
        return nik

    def kk_number(self, district: str, issued: date) -> str:
        # Region + issue date (no +40) + serial; digits 7-16 are not verified from a primary source.
        key = district.replace(".", "") + issued.strftime("%d%m%y")
        serial = self.kk_serial.get(key) or self.rng.randint(1, 60)
        self.kk_serial[key] = serial + 1
        return f"{key}{serial:04d}"

    # --- names ----------------------------------------------------------------------------------------
    def given(self, culture: Culture, sex: Sex, born: date, *, birth_order: int = 0) -> str:
        rng = self.rng
        pool = culture.male if sex == "M" else culture.female
        if culture.key == "bali":
            order = _BALI_ORDER[birth_order % 4]
            return f"{'I' if sex == 'M' else 'NI'} {order} {rng.choice(pool)}"
        if culture.key == "bugis" and rng.random() < 0.15:
            return f"ANDI {rng.choice(pool)}"
        if culture.key == "arab" and sex == "M" and rng.random() < 0.5:
            variant = rng.choice(("MUHAMMAD", "MOHAMMAD", "MUHAMAD", "MOCH.", "M.", "MOCHAMAD"))
            return f"{variant} {rng.choice(pool)}"
        if culture.single_word_old and born.year < 1965 and rng.random() < 0.5:
            name = rng.choice(pool)  # single-word names are common for older Javanese and Sundanese people
        else:
            first = rng.choice(pool)
            second = rng.choice(culture.second)
            while second == first or (sex == "M" and second in _FEMININE_SECOND):
                second = rng.choice(culture.second)
            name = f"{first} {second}"
            if rng.random() < 0.35:  # a middle name: AGUS DWI SANTOSO
                middle = rng.choice(pool)
                if middle not in (first, second):
                    name = f"{first} {middle} {second}"
        if culture.old_spelling and born.year < 1972 and rng.random() < 0.35:
            name = old_spelling(name)
        return name

    def full_name(
        self, culture: Culture, sex: Sex, born: date, family: str | None, *, birth_order: int = 0
    ) -> str:
        if culture.family_name and family is not None:
            pool = culture.male if sex == "M" else culture.female
            first = self.rng.choice(pool)
            if self.rng.random() < 0.35:  # two given names before the family name
                extra = self.rng.choice(pool)
                if extra != first:
                    first = f"{first} {extra}"
            if culture.key == "arab" and sex == "M" and self.rng.random() < 0.4:
                first = f"{self.rng.choice(('MUHAMMAD', 'MOH.', 'M.'))} {first}"
            if culture.key == "batak" and sex == "F":
                return f"{first} BR {family}"  # boru: a Batak woman's marga
            return f"{first} {family}"
        return self.given(culture, sex, born, birth_order=birth_order)

    def family_name(self, culture: Culture) -> str | None:
        return self.rng.choice(culture.second) if culture.family_name else None

    def titled(
        self, name: str, sex: Sex, born: date, religion: str, occupation: str
    ) -> tuple[str, str | None]:
        """Add titles the way a KK prints them; returns (name, education implied by a degree or None)."""
        rng = self.rng
        age = self.today.year - born.year
        education: str | None = None
        if occupation in _DEGREE_BY_OCCUPATION and age >= 23 and rng.random() < 0.6:
            degree, education = _DEGREE_BY_OCCUPATION[occupation]
            name = f"DR. {name}" if degree == "DR." else f"{name}, {degree}"
        elif sex == "M" and age >= 30 and rng.random() < 0.03:
            name = f"{rng.choice(_PREFIX_TITLES_MALE[1:])} {name}"
            education = "STRATA III" if "DR." in name else "DIPLOMA IV/STRATA I"
        if religion == "ISLAM" and age >= 40 and rng.random() < 0.15:
            name = f"{'H.' if sex == 'M' else 'HJ.'} {name}"  # returned from the hajj
        if len(name) > 60:
            name = name[:60].rsplit(" ", 1)[0]
        return name, education

    # --- attributes -----------------------------------------------------------------------------------
    def blood(self) -> str:
        return _weighted(
            self.rng,
            (
                ("TIDAK TAHU", 40),
                ("O", 20),
                ("A", 14),
                ("B", 16),
                ("AB", 4),
                ("O+", 2),
                ("A+", 1),
                ("B+", 1),
                ("AB+", 1),
                ("O-", 1),
            ),
        )

    def child_school(self, age: int) -> tuple[str, str]:
        if age < 5:
            return "TIDAK/BELUM SEKOLAH", "BELUM/TIDAK BEKERJA"
        if age < 13:
            return "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
        if age < 16:
            return "TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
        if age < 19:
            return "SLTP/SEDERAJAT", "PELAJAR/MAHASISWA"
        if age < 23 and self.rng.random() < 0.5:
            return "SLTA/SEDERAJAT", "PELAJAR/MAHASISWA"
        return self.adult_school()

    def adult_school(self, *, homemaker: bool = False) -> tuple[str, str]:
        education = _weighted(
            self.rng,
            (
                ("TAMAT SD/SEDERAJAT", 25),
                ("SLTP/SEDERAJAT", 18),
                ("SLTA/SEDERAJAT", 35),
                ("DIPLOMA I/II", 3),
                ("AKADEMI/DIPLOMA III/SARJANA MUDA", 5),
                ("DIPLOMA IV/STRATA I", 11),
                ("STRATA II", 2),
                ("TIDAK/BELUM SEKOLAH", 1),
            ),
        )
        if homemaker:
            return education, "MENGURUS RUMAH TANGGA"
        if education in ("DIPLOMA IV/STRATA I", "STRATA II") and self.rng.random() < 0.6:
            return education, self.rng.choice(
                (
                    "GURU",
                    "PEGAWAI NEGERI SIPIL",
                    "KARYAWAN SWASTA",
                    "KARYAWAN BUMN",
                    "DOSEN",
                    "DOKTER",
                    "MANAJER",
                    "PENGACARA",
                )
            )
        return education, self.rng.choice(OCCUPATIONS_ADULT)

    # --- one family -----------------------------------------------------------------------------------
    def person(self, **fields: object) -> Person:
        defaults: dict[str, object] = {"citizenship": "WNI", "blood_type": self.blood()}
        return Person(**{**defaults, **fields})  # type: ignore[arg-type]

    def parent_names(
        self, culture: Culture, born: date, own_family: str | None, mother_born: date | None = None
    ) -> tuple[str, str]:
        """(father, mother) names for someone whose parents are not on this KK."""
        father = self.full_name(culture, "M", born - timedelta(days=365 * 28), own_family)
        mother = self.wife_name(culture, mother_born or born - timedelta(days=365 * 25))
        return father, mother

    def wife_name(self, culture: Culture, born: date) -> str:
        """A married-in woman keeps her own name: a Batak wife her own marga (BR ...)."""
        if culture.key == "batak":
            return f"{self.rng.choice(culture.female)} BR {self.rng.choice(culture.second)}"
        if culture.family_name:
            return f"{self.rng.choice(culture.female)} {self.rng.choice(culture.second)}"
        return self.full_name(culture, "F", born, None)

    def family(self) -> Family:
        rng, idx, today = self.rng, self.idx, self.today
        village = rng.choice(self.villages)
        district, regency, province = village[:8], village[:5], village[:2]
        postal = (idx.postal_codes(village) or [""])[0]
        culture = CULTURES[_weighted(rng, _PROVINCE_MIX.get(province, _DEFAULT_MIX))]
        home_place = _place_name(idx.name(regency) or regency)
        religion = _weighted(rng, culture.religions)
        family_name = self.family_name(culture)

        def place() -> str:
            return home_place if rng.random() < 0.75 else rng.choice(self.regency_places)

        def nik_district() -> str:
            # Most adults were first registered here; some moved in with a NIK from elsewhere.
            return district if rng.random() < 0.8 else rng.choice(self.districts)

        # Shape: a married couple (most), a widow heading her family, or a single adult.
        shape = rng.random()
        married = shape < 0.82
        widow_head = 0.82 <= shape < 0.92
        head_sex: Sex = "F" if widow_head else "M"
        head_age = rng.randint(23 if married else 21, 82)
        head_born = _random_date(
            rng, _years_before(today, head_age + 1) + timedelta(days=1), _years_before(today, head_age)
        )

        # The head's mother's birth date is fixed now: her name depends on it, and she may live here.
        head_mother_born = _random_date(
            rng, head_born - timedelta(days=365 * 40), head_born - timedelta(days=365 * 19)
        )
        if head_sex == "M":
            head_plain = self.full_name(culture, "M", head_born, family_name)
            head_father, head_mother = self.parent_names(culture, head_born, family_name, head_mother_born)
            while head_father == head_plain:
                head_father, head_mother = self.parent_names(
                    culture, head_born, family_name, head_mother_born
                )
        else:
            head_plain = self.wife_name(culture, head_born)
            own = head_plain.rsplit(" ", 1)[-1] if culture.family_name else None
            head_father, head_mother = self.parent_names(culture, head_born, own)
        head_edu, head_job = self.adult_school(homemaker=head_sex == "F" and rng.random() < 0.4)
        if head_age >= 60 and rng.random() < 0.4:
            head_job = "PENSIUNAN" if rng.random() < 0.5 else "PETANI/PEKEBUN"
        head_name, degree_edu = self.titled(head_plain, head_sex, head_born, religion, head_job)

        marriage_date: date | None = None
        spouse: Person | None = None
        mother_born: date | None = None
        if married:
            # She is 19+ at the wedding, which is at least a month before the reference date.
            latest_born = min(head_born + timedelta(days=365 * 9), _years_before(today, 20))
            spouse_born = _random_date(rng, head_born - timedelta(days=365 * 2), latest_born)
            younger = max(head_born, spouse_born)
            marriage_date = _random_date(
                rng, _years_after(younger, 19), min(_years_after(younger, 30), today - timedelta(days=30))
            )
            sp_plain = self.wife_name(culture, spouse_born)
            sp_own = sp_plain.rsplit(" ", 1)[-1] if culture.family_name else None
            sp_father, sp_mother = self.parent_names(culture, spouse_born, sp_own)
            sp_edu, sp_job = self.adult_school(homemaker=rng.random() < 0.55)
            sp_name, sp_degree = self.titled(sp_plain, "F", spouse_born, religion, sp_job)
            spouse = self.person(
                nik=self.nik(nik_district(), spouse_born, "F"),
                name=sp_name,
                sex="F",
                place_of_birth=place(),
                birth_date=spouse_born,
                religion=religion,
                education=sp_degree or sp_edu,
                occupation=sp_job,
                marital_status="KAWIN",
                relationship="ISTRI",
                father_name=sp_father,
                mother_name=sp_mother,
                marriage_date=marriage_date,
                marriage_registered=rng.random() < 0.9,
            )
            mother_born = spouse_born
        elif widow_head:
            mother_born = head_born
            marriage_date = _random_date(
                rng,
                _years_after(head_born, 19),
                min(_years_after(head_born, 28), today - timedelta(days=400)),
            )

        head = self.person(
            nik=self.nik(nik_district(), head_born, head_sex),
            name=head_name,
            sex=head_sex,
            place_of_birth=place(),
            birth_date=head_born,
            religion=religion,
            education=degree_edu or head_edu,
            occupation=head_job,
            marital_status="KAWIN" if married else ("CERAI MATI" if widow_head else "BELUM KAWIN"),
            relationship="KEPALA KELUARGA",
            father_name=head_father,
            mother_name=head_mother,
            marriage_date=marriage_date if married else None,
            marriage_registered=spouse.marriage_registered if spouse else None,
        )
        members = [head] + ([spouse] if spouse else [])

        # Children: born after the marriage, while the mother is 18-43, before the reference date.
        if mother_born is not None and marriage_date is not None:
            if head_sex == "M":
                father_name, child_family = head.name, family_name
            else:  # the late husband: not on the KK, but his name is on the children's rows
                child_family = self.family_name(culture)
                father_name = self.full_name(culture, "M", head_born - timedelta(days=365 * 3), child_family)
            mother_name = spouse.name if spouse else head.name
            start = max(marriage_date + timedelta(days=300), _years_after(mother_born, 18))
            end = min(_years_after(mother_born, 43), today - timedelta(days=1))
            n_children = rng.choices((0, 1, 2, 3, 4, 5), weights=(10, 22, 33, 20, 10, 5))[0]
            cursor = start
            for order in range(n_children):
                born = _random_date(rng, cursor, cursor + timedelta(days=365 * 4))
                if born > end:
                    break
                cursor = born + timedelta(days=400)  # at least ~13 months between siblings
                sex: Sex = "M" if rng.random() < 0.51 else "F"
                edu, job = self.child_school(_age(born, today))
                members.append(
                    self.person(
                        nik=self.nik(district, born, sex),  # born here: the family's district
                        name=self.full_name(culture, sex, born, child_family, birth_order=order),
                        sex=sex,
                        place_of_birth=home_place if rng.random() < 0.9 else rng.choice(self.regency_places),
                        birth_date=born,
                        religion=religion,
                        education=edu,
                        occupation=job,
                        marital_status="BELUM KAWIN",
                        relationship="ANAK",
                        father_name=father_name,
                        mother_name=mother_name,
                    )
                )

        # Sometimes the head's widowed mother lives with them: her row carries the head's mother_name.
        if head_sex == "M" and head_age < 62 and rng.random() < 0.08:
            gm_born = head_mother_born
            gm_own = head_mother.rsplit(" ", 1)[-1] if culture.family_name else None
            gm_father, gm_mother = self.parent_names(culture, gm_born, gm_own)
            members.append(
                self.person(
                    nik=self.nik(rng.choice(self.districts), gm_born, "F"),  # moved in from elsewhere
                    name=head_mother,
                    sex="F",
                    place_of_birth=rng.choice(self.regency_places),
                    birth_date=gm_born,
                    religion=religion,
                    education=rng.choice(("TIDAK/BELUM SEKOLAH", "TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT")),
                    occupation="MENGURUS RUMAH TANGGA",
                    marital_status="CERAI MATI",
                    relationship="ORANGTUA",
                    father_name=gm_father,
                    mother_name=gm_mother,
                )
            )

        # The KK is (re)issued after its latest change: the last birth, the marriage, or coming of age.
        latest = max([m.birth_date for m in members[1:]] + [_years_after(head_born, 17)])
        if marriage_date is not None:
            latest = max(latest, marriage_date)
        # Paper KKs were replaced by the current computerised format from ~2010, so older families hold a
        # reissue from then on.
        low = min(max(latest + timedelta(days=7), _KK_FORMAT_SINCE), today)
        issue_date = _random_date(
            rng, low, min(max(_years_after(latest, 6), _years_after(_KK_FORMAT_SINCE, 8)), today)
        )
        return Family(
            kk_number=self.kk_number(district, issue_date),
            address=self.address(province),
            rt=f"{rng.randint(1, 15):03d}",
            rw=f"{rng.randint(1, 12):03d}",
            village_code=village,
            district_code=district,
            regency_code=regency,
            province_code=province,
            postal_code=postal,
            issue_date=issue_date,
            members=members,
        )

    def address(self, province: str) -> str:
        rng = self.rng
        street = rng.choice(
            (
                "MELATI",
                "MAWAR",
                "KENANGA",
                "MERDEKA",
                "SUDIRMAN",
                "DIPONEGORO",
                "PAHLAWAN",
                "CEMPAKA",
                "ANGGREK",
                "FLAMBOYAN",
                "KARTINI",
                "GAJAH MADA",
                "PEMUDA",
                "SILIWANGI",
                "HASANUDDIN",
            )
        )
        kind = rng.random()
        if kind < 0.5:
            return f"JL. {street} NO. {rng.randint(1, 150)}"
        if kind < 0.7:
            return f"GG. {street} {rng.choice(('I', 'II', 'III', 'IV'))} NO. {rng.randint(1, 60)}"
        if kind < 0.85 and province in ("32", "36"):
            return f"KP. {rng.choice(('CIBODAS', 'CIKUPA', 'SUKAMAJU', 'BABAKAN', 'CIMANGGU'))}"
        return (
            f"DUSUN {rng.choice(('KRAJAN', 'SUKAMAJU', 'MEKARSARI', 'TANJUNG', 'KARANGANYAR', 'SIDOREJO'))}"
        )


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


def _years_before(day: date, years: int) -> date:
    return _years_after(day, -years)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _family_of(father_name: str, culture: Culture) -> str | None:
    if not culture.family_name:
        return None
    return father_name.rsplit(" ", 1)[-1]


def generate_families(
    n_families: int, seed: int, *, today: date = REFERENCE_DATE, index: RegionIndex | None = None
) -> list[Family]:
    """`n_families` consistent families, the same for the same seed (and reference date)."""
    if n_families < 0:
        raise ValueError("n_families must be >= 0")
    gen = _Generator(seed, index or regions(), today)
    return [gen.family() for _ in range(n_families)]


def generate_residents(n_families: int, seed: int) -> list[Person]:
    """All members of `generate_families(n_families, seed)`, flattened (for the registry seeder)."""
    return [m for f in generate_families(n_families, seed) for m in f.members]


if __name__ == "__main__":
    import json
    import sys
    from dataclasses import asdict

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    print(
        json.dumps(
            [asdict(f) for f in generate_families(count, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1)],
            indent=2,
            default=str,
            ensure_ascii=False,
        )
    )
