"""Exit codes of the kiosk, for the service manager that restarts it.

The kiosk is meant to run under a supervisor that restarts it whenever it ends (systemd
``Restart=always``, Windows Shell Launcher). Staff leaving through the admin screen must not be
thrown straight back into the kiosk, so that exit has a code of its own:

- systemd: ``RestartPreventExitStatus=64`` in the unit's ``[Service]`` section;
- Windows Shell Launcher: map return code 64 to the action "do nothing" (3).

64 is not used by Python (1: an uncaught error, 2: a command-line error) nor by Qt.
"""

from __future__ import annotations

#: Everything went as planned (also: a check found nothing wrong).
OK = 0
#: Something is wrong: a check found a problem, a command failed, the kiosk could not start.
PROBLEM = 1
#: Staff closed the kiosk from the admin screen: do not restart it.
ADMIN_EXIT_CODE = 64
