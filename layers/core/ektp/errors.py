"""The error a use case raises when a request cannot be honoured: a code from the reason catalogue."""

from __future__ import annotations

from ektp.domain.reasons import Reason, http_status, reason


class ServiceError(Exception):
    def __init__(self, code: str, reasons: list[Reason] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.reason = reason(code)
        self.reasons = reasons or []

    @property
    def http_status(self) -> int:
        return http_status(self.code)
