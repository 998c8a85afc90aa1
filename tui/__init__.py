"""The war room: the Textual app a team plays a crisis drill in, in a terminal or a browser.

It owns one `sim.session.Session` and nothing else of the game; screens and widgets render
frozen snapshots built from it (`tui.snapshot`) and send the team's decisions back as messages.
"""
