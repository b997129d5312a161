"""Watching the incoming folder (kiosk/core/incoming.py) while the kiosk runs.

The FOLDER is watched, not the files in it: a deployment tool replaces a file by renaming a new
one over it, and a watch on the file itself is lost with the old file. Qt's watcher uses the
system's file notifications (inotify on Linux); it opens no socket.

A burst of changes (a copy, then a rename) is looked at once, :attr:`IncomingWatch.quiet_ms`
after the last change. A file that has not settled yet (kiosk.core.incoming.SETTLE_S) is looked
at again when it will have. Files that arrived while the kiosk was off are taken at the start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from kiosk.core.incoming import Incoming, Outcome

log = logging.getLogger(__name__)

#: After the last change in the folder, wait this long before looking (milliseconds).
QUIET_MS = 500


class IncomingWatch(QObject):
    """Calls ``receive`` with each file's outcome, installed or refused."""

    def __init__(
        self,
        incoming: Incoming,
        receive: Callable[[Outcome], None],
        parent: QObject | None = None,
        *,
        quiet_ms: int = QUIET_MS,
    ) -> None:
        super().__init__(parent)
        self.incoming = incoming
        self.receive = receive
        self.quiet_ms = quiet_ms
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.look)

    def start(self) -> None:
        """Make the folder if need be, watch it, and take what waits there already."""
        if self._watch():
            self.look()

    def _watch(self) -> bool:
        folder = str(self.incoming.folder)
        if folder in self.watcher.directories():
            return True
        problem = self.incoming.make_folder()
        if problem:
            log.warning("incoming: %s; files dropped there are not taken", problem)
            return False
        if not self.watcher.addPath(folder):
            log.warning("incoming: the folder %s cannot be watched", folder)
            return False
        return True

    def _changed(self, _folder: str) -> None:
        self.timer.start(self.quiet_ms)  # restarted by each change: one look after a burst

    def look(self) -> None:
        """Take every settled file; look again when the others will have settled."""
        self._watch()  # the folder may have been removed and made again
        for outcome in self.incoming.take():
            self.receive(outcome)
        wait = self.incoming.next_look()
        if wait is not None:
            self.timer.start(max(self.quiet_ms, round(wait * 1000) + 20))
