"""Slow salted password hashes (scrypt, stdlib) and the password rules."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# OWASP's scrypt floor: N=2^17, r=8, p=1 (~128 MiB, ~0.1-0.3 s). The test suite lowers N
# through ECMANUAL_SCRYPT_N to stay fast; stored hashes carry their own N.
_N = int(os.environ.get("ECMANUAL_SCRYPT_N", 2**17))
_R, _P = 8, 1
_MAXMEM = 256 * 1024 * 1024
MIN_LENGTH = 10


def hash_password(password: str, *, n: int = _N) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, maxmem=_MAXMEM, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${n}${_R}${_P}${b64(salt)}${b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        calc = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                              p=int(p), maxmem=_MAXMEM, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(calc, base64.b64decode(digest))


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password (empty list: acceptable)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"at least {MIN_LENGTH} characters")
    classes = sum(bool(any(f(c) for c in password)) for f in (str.islower, str.isupper, str.isdigit,
                                                             lambda c: not c.isalnum()))
    if classes < 2:
        problems.append("mix at least two of: lower case, upper case, digits, symbols")
    if username and username.lower() in password.lower():
        problems.append("must not contain the user name")
    return problems
