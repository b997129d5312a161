"""The visitor's session: which page, which language, which services. Plain Python, no widgets.

The views call the methods below when the visitor does something, and re-render when
:attr:`VisitorSession.changed` fires. The account answer is derived here from the content
pack's rules (each service's ``needs_account``), never in a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from kiosk.core.content import ContentPack

#: The pages in order. Welcome and the language picker are not steps.
PAGES = ("welcome", "language", "changes", "account", "setup", "unknowns", "done")
STEP_PAGES = PAGES[2:]
TOTAL_STEPS = len(STEP_PAGES)


class Outcome(StrEnum):
    """The overall account answer (the keys of ``[account.outcomes]`` in the content pack)."""

    NONE = "none"  # nothing chosen yet
    NEEDED = "needed"  # video calls or messaging chosen
    NOT_NEEDED = "not_needed"  # free phone calls only
    NOT_SURE = "not_sure"  # "I'm not sure": make one now


class Listeners:
    """A minimal callback list, so the core needs no Qt."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], None]] = []

    def connect(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def emit(self) -> None:
        for callback in list(self._callbacks):
            callback()


def account_outcome(pack: ContentPack, chosen: frozenset[str], not_sure: bool) -> Outcome:
    if not_sure:
        return Outcome.NOT_SURE
    if not chosen:
        return Outcome.NONE
    if any(pack.service(key).needs_account for key in chosen):
        return Outcome.NEEDED
    return Outcome.NOT_NEEDED


TEXT_SIZES = (100, 150, 200)


class VisitorSession:
    def __init__(
        self,
        pack: ContentPack,
        default_language: str = "en",
        default_text_size: int = 100,
        default_high_contrast: bool = False,
    ) -> None:
        self.pack = pack
        self.default_language = default_language
        self.default_text_size = default_text_size
        self.default_high_contrast = default_high_contrast
        self.changed = Listeners()
        self.page = PAGES[0]
        self.language = default_language
        self.chosen: frozenset[str] = frozenset()
        self.not_sure = False
        self.has_account = False
        self.text_size = default_text_size
        self.high_contrast = default_high_contrast

    # -- where the visitor is -----------------------------------------------------------------
    @property
    def page_index(self) -> int:
        return PAGES.index(self.page)

    @property
    def step_number(self) -> int | None:
        """1-5 on the steps, None on Welcome and the language picker."""
        return STEP_PAGES.index(self.page) + 1 if self.page in STEP_PAGES else None

    @property
    def can_go_back(self) -> bool:
        return self.page_index > 0

    @property
    def can_go_next(self) -> bool:
        return self.page_index < len(PAGES) - 1

    def go_next(self) -> None:
        if self.can_go_next:
            self._set_page(PAGES[self.page_index + 1])

    def go_back(self) -> None:
        if self.can_go_back:
            self._set_page(PAGES[self.page_index - 1])

    def go_to(self, page: str) -> None:
        if page not in PAGES:
            raise ValueError(f"no page {page!r}")
        self._set_page(page)

    def _set_page(self, page: str) -> None:
        if page != self.page:
            self.page = page
            self.changed.emit()

    # -- what the visitor chose ---------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.changed.emit()

    def toggle_service(self, key: str) -> None:
        self.pack.service(key)  # KeyError for an unknown service
        self.chosen = self.chosen ^ {key}
        self.not_sure = False
        self.changed.emit()

    def toggle_not_sure(self) -> None:
        self.not_sure = not self.not_sure
        if self.not_sure:
            self.chosen = frozenset()
        self.changed.emit()

    def set_has_account(self, has_account: bool) -> None:
        if has_account != self.has_account:
            self.has_account = has_account
            self.changed.emit()

    def next_text_size(self) -> None:
        """The visitor's text-size control: 100% -> 150% -> 200% -> 100%."""
        sizes = TEXT_SIZES
        index = sizes.index(self.text_size) if self.text_size in sizes else -1
        self.text_size = sizes[(index + 1) % len(sizes)]
        self.changed.emit()

    def toggle_high_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        self.changed.emit()

    @property
    def outcome(self) -> Outcome:
        return account_outcome(self.pack, self.chosen, self.not_sure)

    def remaining_steps(self) -> tuple[str, ...]:
        """The setup steps left for this visitor (S2 and S3 once they already have an account)."""
        keys = tuple(step.key for step in self.pack.setup.steps)
        return keys[1:] if self.has_account else keys

    def start_over(self) -> None:
        """Back to Welcome with nothing of this visitor left."""
        self.page = PAGES[0]
        self.language = self.default_language
        self.chosen = frozenset()
        self.not_sure = False
        self.has_account = False
        self.text_size = self.default_text_size
        self.high_contrast = self.default_high_contrast
        self.changed.emit()
