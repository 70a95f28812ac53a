"""The public status lookup: the registration number and the date of birth give the status and the next step.

The rules (one answer for every failure, the limits, what the answer may say) are in ektp.domain.status_lookup.
Every attempt first takes a slot from the number's and the source's counters (an atomic conditional update), so
parallel guesses cannot run past a limit; a correct answer gives its slots back, so only failures stay counted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status_lookup import (
    MAX_FAILURES_PER_NUMBER,
    MAX_FAILURES_PER_SOURCE,
    WINDOW,
    PublicStatus,
    birth_date_matches,
    number_key,
    public_status,
    source_key,
)
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository, AttemptCounter
from ektp.services.clock import utcnow


class StatusLookupService:
    def __init__(
        self,
        applications: ApplicationRepository,
        counter: AttemptCounter,
        *,
        max_failures_per_number: int = MAX_FAILURES_PER_NUMBER,
        max_failures_per_source: int = MAX_FAILURES_PER_SOURCE,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._applications = applications
        self._counter = counter
        self._per_number = max_failures_per_number
        self._per_source = max_failures_per_source
        self._clock = clock

    def lookup(self, registration_number: str, birth_date: date, source_ip: str) -> PublicStatus:
        """The public status, or ServiceError: APPLICATION_NOT_FOUND for any failure, STATUS_LOOKUP_LOCKED."""
        canonical = parse_registration_number(registration_number)
        taken = self._take_slots(canonical, source_ip)
        record = self._applications.get(canonical) if canonical else None
        stored = record.applicant.birth_date if record is not None else None
        if record is None or not birth_date_matches(stored, birth_date):
            raise ServiceError("APPLICATION_NOT_FOUND")  # the slots stay taken: a failure counts
        for key in taken:
            self._counter.give_back(key)
        return public_status(record.application_id, record.status, record.updated_at)

    def _take_slots(self, canonical: str | None, source_ip: str) -> list[str]:
        now = self._clock()
        wanted = [(source_key(source_ip), self._per_source)]
        if canonical is not None:  # a malformed number counts against its source only: it names nothing
            wanted.append((number_key(canonical), self._per_number))
        taken: list[str] = []
        for key, limit in wanted:
            if not self._counter.take(key, limit, now, WINDOW):
                for done in taken:
                    self._counter.give_back(done)
                raise ServiceError("STATUS_LOOKUP_LOCKED")
            taken.append(key)
        return taken
