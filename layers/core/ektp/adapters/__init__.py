"""Adapters: the only code that reaches AWS. Each sits behind a small interface in ektp.ports."""
