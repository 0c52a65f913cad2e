"""The Liaison and Diversion Career and Competence Framework as data, with a command-line tool and this API.

    import ldcf
    framework = ldcf.load()                      # the shipped data; ldcf.load("our-service") adds an overlay
    gap = ldcf.gap(framework, "support-worker", "practitioner")
    gap.to_dict()                                # what `ldcf gap ... --format json` prints

The API is imported on first use, so that the command line starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["InvalidData", "__version__", "gap", "load", "profile", "record_gap", "route"]

if TYPE_CHECKING:
    from ldcf.api import InvalidData, gap, load, profile, record_gap, route


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ldcf import api

        return getattr(api, name)
    raise AttributeError(f"module 'ldcf' has no attribute {name!r}")
