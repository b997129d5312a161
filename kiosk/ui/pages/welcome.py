"""Welcome, the attract screen: "Touch to start". A tap anywhere starts; it is not a step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import Page
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import make_icon_label, make_label
from kiosk.ui.widgets.touch_button import TouchButton


class WelcomePage(Page):
    page_id = "welcome"
    start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facility = make_label("subheading")
        self.headline = make_label("title")
        self.headline.setObjectName("WelcomeHeadline")
        self.subline = make_label("body")
        self.icon = make_icon_label()
        self.button = TouchButton("primary")
        self.button.setObjectName("StartButton")
        self.button.clicked.connect(self.start)
        # In a scroll area so that large text or a small screen never clips it or grows the window.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().installEventFilter(self)
        body = QWidget()
        body.setObjectName("PageBody")
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.addStretch(2)
        for widget in (self.facility, self.headline, self.subline):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._layout = layout

    def render(self, ctx: ViewContext, session: VisitorSession) -> None:
        m, c = ctx.metrics, ctx.pack.welcome
        self._layout.setContentsMargins(m.px(96), m.px(48), m.px(96), m.px(48))
        self._layout.setSpacing(m.px(32))
        facility = ctx.settings["facility_name"]
        self.facility.setText(facility)
        self.facility.setVisible(bool(facility))
        self.headline.setText(ctx.t(c.headline))
        self.subline.setText(ctx.t(c.subline))
        self.icon.setPixmap(icon_pixmap("touch.svg", ctx.palette.primary, m.px(140)))
        self.button.set_text(ctx.t(c.touch))
        self.button.apply_style(m, ctx.palette, centered=True)
        self.button.setMinimumWidth(m.px(560))
        self.button.setMinimumHeight(m.px(120))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A tap anywhere on the attract screen starts, on release, so it presses nothing else.
        if event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                self.start.emit()
                return True
        return super().eventFilter(watched, event)
