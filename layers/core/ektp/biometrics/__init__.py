"""Biometric engines and the pure logic under the biometric stage: face 1:1 and 1:N (gallery shards),
fingerprints (ISO 19794-2 minutiae, Minutia Cylinder-Code matching), score fusion and an active head-pose liveness challenge.

Nothing here logs or serialises images or templates: they are specific personal data under UU PDP.
"""
