"""Exit codes of the kiosk, for the service manager that restarts it.

The kiosk is meant to run under a supervisor that restarts it whenever it ends (systemd
``Restart=always``, Windows Shell Launcher). Staff leaving through the admin screen must not be
thrown straight back into the kiosk, so that exit has a code of its own:

- systemd: ``RestartPreventExitStatus=64`` in the unit's ``[Service]`` section;
- Windows Shell Launcher: map return code 64 to the action "do nothing" (3).

64 is not used by Python (1: an uncaught error, 2: a command-line error) nor by Qt.

An unexpected error before the kiosk's first frame ends it with :data:`START_FAILED` (70, as
BSD's EX_SOFTWARE), after one sentence on stderr (the journal, under systemd) and the traceback in
the log. systemd restarts it, up to the unit's start limit: a cause outside the kiosk (a display
not ready yet) may have gone by then.

When the PC lacks the libraries Qt needs to open a window, the kiosk says which packages to
install and ends with :data:`MISSING_LIBRARIES` (3) before Qt starts (Qt itself would abort:
"Could not load the Qt platform plugin"). Restarting does not help until they are installed.
"""

from __future__ import annotations

#: Everything went as planned (also: a check found nothing wrong).
OK = 0
#: Something is wrong: a check found a problem, a command failed, the kiosk could not start.
PROBLEM = 1
#: The command line was wrong (argparse's own code): an unknown option, a missing argument, or
#: an output path the kiosk will not write to (kiosk.core.storage.output_file_problem).
USAGE_ERROR = 2
#: Staff closed the kiosk from the admin screen: do not restart it.
ADMIN_EXIT_CODE = 64
#: This PC lacks shared libraries Qt needs to open a window (X11's xcb or Wayland). The kiosk
#: printed, before Qt started, the Debian/Ubuntu packages to install
#: (kiosk.ui.platform_check); install them and start it again.
MISSING_LIBRARIES = 3
#: An unexpected error before the first frame: the kiosk could not start. It said so in one
#: sentence on stderr and wrote the traceback to the log.
START_FAILED = 70
