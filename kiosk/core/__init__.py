"""The plain-Python core: content, settings, the visitor's session and i18n. No widgets here."""
