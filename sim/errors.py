"""Errors that reach a user as one clear sentence (file, field, fix), never a traceback."""


class UserError(Exception):
    """A mistake in what the user gave us. The message is the whole sentence to print."""

    exit_code = 2


class ScenarioError(UserError):
    """A scenario file is missing, unreadable or invalid."""


class ActionError(UserError):
    """An action cannot be queued (unknown strategy, time in the past, capacity exceeded)."""


class ProtocolError(UserError):
    """A protocol file is missing or invalid."""


class SessionFileError(UserError):
    """A saved session cannot be read."""
