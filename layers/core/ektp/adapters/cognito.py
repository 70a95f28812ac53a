"""The user directory (Cognito): only what the token guard needs to know about an account."""

from __future__ import annotations

from ektp.adapters.aws import client


class CognitoDirectory:
    def __init__(self, user_pool_id: str) -> None:
        self._pool = user_pool_id
        self._idp = client("cognito-idp")

    def mfa_enabled(self, username: str) -> bool:
        """An authenticator app (TOTP) or SMS set up: Cognito then asks for it at every sign-in."""
        user = self._idp.admin_get_user(UserPoolId=self._pool, Username=username)
        return bool(user.get("UserMFASettingList") or user.get("PreferredMfaSetting"))
