"""Cognito pre-token-generation trigger: no token for an officer or operator account without MFA, and the
district claim only from the administrators' groups.

Officers see residents' documents and decide on their cards, so a stolen password alone must not be enough.
Cognito's MFA setting is per pool; residents keep it optional, staff are refused here until they set up an
authenticator app (the message tells them), and once they have, Cognito asks for it at every sign-in.

The API reads an officer's district from the ID token's `custom:district` claim. Whatever the account wrote
into its own attributes, that claim is set here from the one `district-<code>` group an administrator put
the officer in, and removed for everyone else (ektp.domain.staff). So is the staff member's own NIK
(`custom:staff_nik`, an administrator's record): no officer handles their own or their family's case.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.domain.access import token_allowed
from ektp.domain.staff import staff_claims
from ektp.wiring import staff_directory

logger = Logger(service="ektp-token-guard")


class MfaRequired(Exception):
    """Cognito shows this message to the client that tried to sign in."""


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    groups = list((event.get("request", {}).get("groupConfiguration") or {}).get("groupsToOverride") or [])
    directory = staff_directory(event["userPoolId"])  # the pool that fired the trigger
    if not token_allowed(groups, lambda: directory.mfa_enabled(event["userName"])):
        logger.warning("staff sign-in without MFA refused", extra={"groups": sorted(groups)})  # no user name
        raise MfaRequired(
            "Petugas wajib mengaktifkan MFA (aplikasi autentikator) sebelum masuk. / "
            "Officers and operators must set up MFA (an authenticator app) before signing in."
        )
    attributes = event.get("request", {}).get("userAttributes") or {}
    event.setdefault("response", {})["claimsOverrideDetails"] = staff_claims(groups, attributes)
    return event
