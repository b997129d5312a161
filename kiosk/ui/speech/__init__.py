"""Read aloud (Section 508 402.2): the page spoken in the visitor's language.

``page_text`` finds what a page shows, in reading order; ``controller.ReadAloud`` speaks it and
handles Pause, Repeat, Stop and the volume; ``engine`` is the seam to the speech engine
(QtTextToSpeech on the kiosk, a fake in tests); ``voices`` picks each language's voice.
"""
