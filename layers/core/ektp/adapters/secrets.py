"""Secrets Manager: the values of a secret a function checks requests against (the edge secret), cached."""

from __future__ import annotations

import time
from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError

from ektp.adapters.aws import client

# While a new value propagates (CloudFront takes minutes to deploy a changed origin header), requests carry
# either: both the current and the previous version are accepted.
_STAGES = ("AWSCURRENT", "AWSPREVIOUS")
_RETRY_AFTER_ERROR_SECONDS = 30


class CachedSecretVersions:
    def __init__(
        self, secret_id: str, max_age_seconds: float = 300, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._secret_id = secret_id
        self._max_age = max_age_seconds
        self._clock = clock
        self._values: tuple[str, ...] = ()
        self._fetched_at: float | None = None

    def values(self) -> tuple[str, ...]:
        now = self._clock()
        if self._fetched_at is None or now - self._fetched_at >= self._max_age:
            try:
                self._values = tuple(v for v in (self._fetch(stage) for stage in _STAGES) if v)
            except (BotoCoreError, ClientError):
                # Secrets Manager throttled or out of reach: keep the values already read (they were valid a
                # few minutes ago) and ask again after a short pause, rather than refuse every resident.
                # Nothing read yet: fail (a function error, which the API function's error alarm counts).
                if self._fetched_at is None:
                    raise
                self._fetched_at = now - self._max_age + _RETRY_AFTER_ERROR_SECONDS
                return self._values
            self._fetched_at = now
        return self._values

    def _fetch(self, stage: str) -> str | None:
        secrets = client("secretsmanager")
        try:
            return str(secrets.get_secret_value(SecretId=self._secret_id, VersionStage=stage)["SecretString"])
        except secrets.exceptions.ResourceNotFoundException:
            return None  # no previous version before the first rotation
