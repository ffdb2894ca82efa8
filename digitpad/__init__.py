"""digitpad: a drawing pad that reads handwritten digits."""

__version__ = "0.1.0"
