"""Staff only: the hidden gesture, the PIN pad and the admin screen (English, drawn for touch)."""
