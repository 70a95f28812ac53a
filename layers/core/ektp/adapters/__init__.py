"""Adapters: the only code that reaches AWS, or a native engine (nbis.py: NIST's fingerprint software). Each sits
behind a small interface in ektp.ports, or beside its engine (nbis.py: ektp.biometrics.fingerprint.MinutiaeReader)."""
