"""Step 1: what is changing (F1, F8, F9, F2), with the three services and their status here
(worded for the day: see kiosk/core/rollout.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.content import RolloutText, Service, Text
from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import Label, make_icon_label, make_label


class ServiceStatusCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.icon = make_icon_label()
        self.name = make_label("subheading")
        self.status = make_label("body")
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.status)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self.icon)
        self._layout.addLayout(text, 1)

    def render_service(self, ctx: ViewContext, service: Service) -> None:
        """One service and its status here, as visitors read it (also the staff screen's
        preview of Step 1)."""
        m = ctx.metrics
        self.setObjectName(f"status-{service.key}")
        self._layout.setContentsMargins(m.px(24), m.px(20), m.px(24), m.px(20))
        self._layout.setSpacing(m.px(20))
        self.icon.setPixmap(icon_pixmap(service.icon, ctx.palette.primary, m.icon_px(64)))
        self.name.setText(ctx.t(service.name))
        self.status.setText(ctx.service_status(service.key))


class ChangesPage(ScrollingPage):
    page_id = "changes"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paragraphs: list[Label] = []
        self.paragraph_box = QVBoxLayout()
        self.status_heading = make_label("subheading")
        self.cards = [ServiceStatusCard() for _ in range(3)]
        self.card_grid = QGridLayout()
        self.note = make_label("muted")
        self.content.addLayout(self.paragraph_box)
        self.content.addWidget(self.status_heading)
        self.content.addLayout(self.card_grid)
        self.content.addWidget(self.note)
        self.content.addStretch(1)
        self._columns = 0

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        m, c = ctx.metrics, ctx.pack.changes
        self.title.setText(ctx.t(c.title))
        paragraphs: list[Text | RolloutText] = [*c.paragraphs, c.services_intro]
        while len(self.paragraphs) < len(paragraphs):
            label = make_label("body")
            self.paragraphs.append(label)
            self.paragraph_box.addWidget(label)
        self.paragraph_box.setSpacing(m.px(16))
        for label, text in zip(self.paragraphs, paragraphs, strict=False):
            label.setText(ctx.t(text))
        self.status_heading.setText(ctx.t(c.status_heading))
        columns = 1 if self.width() < self.height() or m.text_size > 100 else 3
        if columns != self._columns:
            for i, card in enumerate(self.cards):
                self.card_grid.addWidget(card, i // columns, i % columns)
            for column in range(len(self.cards)):  # equal cards, whatever each status says
                self.card_grid.setColumnStretch(column, 1 if column < columns else 0)
            self._columns = columns
        self.card_grid.setSpacing(m.px(20))
        for card, service in zip(self.cards, ctx.pack.services, strict=True):
            card.render_service(ctx, service)
        self.note.setText(ctx.t(c.note))
