"""The Qt views: they render the core's state and report what the visitor did."""
