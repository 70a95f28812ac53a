"""NIST Biometric Image Software through nbis-py: mindtct's minutiae as an ISO 19794-2:2005 record and the
capture's NFIQ 2 quality. The fingerprint engine's reader (ektp.biometrics.fingerprint.MinutiaeReader); only the
biometrics image installs nbis-py, so it is imported on first use."""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from ektp.biometrics import config
from ektp.biometrics.fingerprint import FingerprintError, MccFingerprintEngine, Minutiae


class NbisMinutiaeReader:
    """One nbis-py extractor per process (created on first read, under a lock: its setup is not free)."""

    _lock = threading.Lock()
    _extractor: Any = None

    def __init__(self, ppi: float = config.FINGERPRINT_PPI) -> None:
        self.ppi = ppi

    @classmethod
    def _get(cls, ppi: float) -> Any:
        if cls._extractor is None:
            with cls._lock:
                if cls._extractor is None:
                    import nbis

                    settings = nbis.NbisExtractorSettings(
                        min_quality=0.0,
                        get_center=False,
                        check_fingerprint=False,
                        compute_nfiq2=True,
                        ppi=ppi,
                    )
                    cls._extractor = nbis.new_nbis_extractor(settings)
        return cls._extractor

    def read(self, grey_png: bytes) -> Minutiae:
        import nbis

        try:
            minutiae = self._get(self.ppi).extract_minutiae(grey_png)
        except nbis.NbisError as exc:
            # NFIQ 2 fails on captures with no ridge structure at all: that is a capture problem.
            code = "FINGERPRINT_QUALITY_LOW" if "Nfiq2" in type(exc).__name__ else "IMAGE_UNREADABLE"
            raise FingerprintError(code, type(exc).__name__) from exc
        nfiq = minutiae.quality()
        return Minutiae(
            iso_bytes=bytes(minutiae.to_iso_19794_2_2005()),
            count=len(minutiae.get()),
            quality=int(nfiq.score) if nfiq is not None else 0,
        )


@cache
def nbis_fingerprint_engine() -> MccFingerprintEngine:
    """One engine per process, like the face models."""
    return MccFingerprintEngine(NbisMinutiaeReader())
