"""The staff screen's live preview of Step 1: the services' status cards as visitors will read
them, drawn by the Step 1 page's own card (kiosk/ui/pages/changes.py) from the settings on the
staff screen, saved or not."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.pages.changes import ServiceStatusCard
from kiosk.ui.widgets.labels import make_label


class StepOnePreview(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepOnePreview")
        self.caption = make_label("small")
        self.caption.setObjectName("PreviewCaption")
        self.heading = make_label("subheading")
        self.cards = [ServiceStatusCard() for _ in range(3)]
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.caption)
        self._layout.addWidget(self.heading)
        for card in self.cards:
            self._layout.addWidget(card)
        self._layout.addStretch(1)

    def render_state(self, ctx: ViewContext, unsaved: bool) -> None:
        """``ctx``: Step 1's view, in English, with the settings as they would be saved."""
        self._layout.setSpacing(ctx.metrics.px(12))
        self.caption.setText(
            "Step 1 as visitors will see it once you save:"
            if unsaved
            else "Step 1 as visitors see it:"
        )
        self.heading.setText(ctx.t(ctx.pack.changes.status_heading))
        for card, service in zip(self.cards, ctx.pack.services, strict=True):
            card.render_service(ctx, service)
