"""War-room widgets grouped by feature; each renders a frozen snapshot given to it."""
