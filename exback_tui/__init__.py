"""exback: a terminal coach for the no-contact program."""

__version__ = "0.1.0"
