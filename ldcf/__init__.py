"""The Liaison and Diversion Career and Competence Framework as data, with a command-line tool."""

__version__ = "0.1.0"
