"""Turns what happens in a visitor's session into the day's usage counts.

Only what the counts need: that a session started, which languages were chosen, how far it got,
whether it finished or was ended by the idle timer. Never which services or answers.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.core.session import PAGES, VisitorSession


class Counts(Protocol):
    def session_started(self) -> None: ...
    def language_chosen(self, code: str) -> None: ...
    def page_reached(self, page_id: str) -> None: ...
    def finished(self) -> None: ...
    def ended_by_idle(self) -> None: ...
    def flush(self) -> None: ...


class SessionRecorder:
    def __init__(self, session: VisitorSession, counts: Counts) -> None:
        self.session, self.counts = session, counts
        self._page = session.page
        self._languages: set[str] = set()
        self._active = False
        self._finished = False
        session.changed.connect(self._on_change)

    def _on_change(self) -> None:
        s, previous = self.session, self._page
        self._page = s.page
        if s.page == PAGES[0]:  # back on Welcome: the session is over
            if self._active:
                self._end()
            return
        if not self._active:
            self._active, self._finished = True, False
            self.counts.session_started()
        if s.page != previous:
            self.counts.page_reached(s.page)
            if s.page == PAGES[-1] and not self._finished:
                self._finished = True
                self.counts.finished()
        # A language counts once the visitor has left the picker with it, or switched to it.
        if s.page != "language" and s.language not in self._languages:
            self._languages.add(s.language)
            self.counts.language_chosen(s.language)

    def ended_by_idle(self) -> None:
        """Called just before the idle reset starts the session over."""
        if self._active:
            self.counts.ended_by_idle()

    def _end(self) -> None:
        self._active = False
        self._languages.clear()
        self.counts.flush()
