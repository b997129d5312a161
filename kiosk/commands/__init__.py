"""One module per `kiosk` subcommand. Each has NAME, HELP, configure(parser) and run(args).

`run` gets the parsed arguments with `args.settings_obj` (the loaded Settings) and returns the
exit code. Register a new command in COMMANDS below.
"""

from __future__ import annotations

from kiosk.commands import (
    audit,
    check,
    handout,
    pin_hash,
    review_packet,
    review_signoff,
    screens,
    set_pin,
    stats,
)

COMMANDS = [
    screens, check, stats, set_pin, pin_hash, audit, handout, review_packet, review_signoff,
]  # fmt: skip
