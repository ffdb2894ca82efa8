"""The window: Qt widgets, and the worker objects that keep model work off the GUI thread.

Nothing here knows how a model is trained or read; it asks ``digitpad``'s core through the workers.
"""
