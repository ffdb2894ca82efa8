"""The exception types a user sees: something they can fix, and a message that says what."""


class DigitpadError(Exception):
    """Bad data, a bad model file, or nothing to read; the message names the file and the fault."""


class ModelFileError(DigitpadError):
    """A model file is missing, unreadable, or not a digit model; the message says which."""
