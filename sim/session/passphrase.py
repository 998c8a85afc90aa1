"""The facilitator's passphrase as a session keeps it: a salted scrypt hash, never the words.

It travels in the session file, so a resumed exercise asks for the passphrase chosen when it
started instead of letting whoever presses `f` first choose a new one; and a copy of the file
does not give the passphrase away. Checking compares digests in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SALT_BYTES = 16
DIGEST_BYTES = 32
COST = 2**14
"""scrypt's CPU and memory cost n (16 MiB with r = 8): about 50 ms per check, which is nothing
for a facilitator and slows a guesser with a copy of the file down by the same factor."""
BLOCK_SIZE = 8
PARALLELISM = 1


class PassphraseHash(BaseModel):
    """A passphrase's scrypt digest with the salt and costs it was made with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scheme: Literal["scrypt"] = "scrypt"
    n: int = Field(COST, ge=2**10, le=2**17, description="scrypt's cost, a power of 2.")
    r: int = Field(BLOCK_SIZE, ge=1, le=8, description="scrypt's block size.")
    p: int = Field(PARALLELISM, ge=1, le=4, description="scrypt's parallelism.")
    salt: str = Field(pattern=r"^[0-9a-f]{32}$", description="Random salt, hex.")
    digest: str = Field(pattern=r"^[0-9a-f]{64}$", description="scrypt digest, hex.")

    @field_validator("n")
    @classmethod
    def _power_of_two(cls, n: int) -> int:
        if n & (n - 1):
            raise ValueError("scrypt's cost n is a power of 2")
        return n

    @classmethod
    def of(cls, passphrase: str) -> PassphraseHash:
        """The hash of a new passphrase, with a fresh random salt."""
        if not passphrase:
            raise ValueError("an empty passphrase protects nothing")
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _scrypt(passphrase, salt, COST, BLOCK_SIZE, PARALLELISM)
        return cls(salt=salt.hex(), digest=digest.hex())

    def matches(self, passphrase: str) -> bool:
        """Whether `passphrase` is the one this hash was made from (constant-time compare)."""
        digest = _scrypt(passphrase, bytes.fromhex(self.salt), self.n, self.r, self.p)
        return hmac.compare_digest(digest, bytes.fromhex(self.digest))


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=129 * n * r + 2**20,
        dklen=DIGEST_BYTES,
    )
