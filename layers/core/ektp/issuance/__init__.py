"""Issuance (issue 7): the card record, the signed digital ID (IKD), its renderings, the offline verifier,
the registration receipt and the status-change notifications. Pure code; AWS clients are passed in."""

from ektp.issuance.card import (
    CARD_TRANSITIONS,
    CardRecord,
    CardStatus,
    InvalidCardTransition,
    advance,
    card_from_application,
    revoke,
)
from ektp.issuance.credential import CredentialClaims, IssuedCredential, issue_credential
from ektp.issuance.revocation import sign_revocation_list, verify_revocation_list
from ektp.issuance.signing import KmsSigner, LocalSigner
from ektp.issuance.verify import VerificationResult, verify_credential
from ektp.ports import Signer

__all__ = [
    "CARD_TRANSITIONS",
    "CardRecord",
    "CardStatus",
    "CredentialClaims",
    "InvalidCardTransition",
    "IssuedCredential",
    "KmsSigner",
    "LocalSigner",
    "Signer",
    "VerificationResult",
    "advance",
    "card_from_application",
    "issue_credential",
    "revoke",
    "sign_revocation_list",
    "verify_credential",
    "verify_revocation_list",
]
