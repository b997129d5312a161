"""Admin PINs for tests: one the PIN policy accepts, and a PIN file as it was written before the
policy (a 4-digit PIN, no policy mark), which the kiosk must still accept."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from kiosk.core import pin as pin_module

#: A PIN the policy accepts: 6 digits, no run, no repeat, not a common one.
GOOD_PIN = "350842"


def write_legacy_pin(path: Path, pin: str) -> None:
    """A PIN file as `kiosk set-pin` wrote it before the PIN policy (any 4 to 12 digits)."""
    salt = secrets.token_bytes(16)
    n, r, p = pin_module.SCRYPT_N, pin_module.SCRYPT_R, pin_module.SCRYPT_P
    record = {
        "format": 1,
        "algorithm": "scrypt",
        "n": n,
        "r": r,
        "p": p,
        "salt": salt.hex(),
        "hash": pin_module._scrypt(pin, salt, n, r, p, 32).hex(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="ascii")
