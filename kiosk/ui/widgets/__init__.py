"""Small reusable widgets for touch."""
