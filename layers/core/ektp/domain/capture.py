"""Who captured a biometric sample, and so whether it counts as evidence.

A fingerprint image uploaded by the resident is whatever the resident chose to send: any finger, anyone's.
It can add suspicion (a mismatch goes to an officer) but must never clear anything nor become the NIK's
enrolled finger. Only a capture made by an officer at a Dukcapil station (the officer and the scanner both
named) or by a registered device (a kiosk that signs its captures: issue 20) is trusted. The record says who
captured it; the server writes it, no resident-facing request can set it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

CaptureKind = Literal["resident", "officer", "device"]


class CaptureSource(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: CaptureKind
    officer_id: str | None = None  # the officer's identity-provider subject, for an officer capture
    device_id: str | None = None  # the registered scanner or kiosk

    @property
    def trusted(self) -> bool:
        if self.source == "officer":
            return bool(self.officer_id and self.device_id)
        if self.source == "device":
            return bool(self.device_id)
        return False


RESIDENT_UPLOAD = CaptureSource(source="resident")


def capture_of(captured_by: CaptureSource | None) -> CaptureSource:
    """A document without a capture source is the resident's own upload."""
    return captured_by or RESIDENT_UPLOAD
