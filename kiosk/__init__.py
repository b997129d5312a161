"""The visitor-center kiosk: CDCR's calls, video calls and messaging move to Securus."""

__version__ = "0.1.0"
