"""Keys, certificates, keychain storage and signatures (PDF and detached).

Private keys live only in the OS keychain (see :mod:`.keychain`); everything else in
this package works on in-memory objects and bytes, never on files.
"""
