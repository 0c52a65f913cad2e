"""Writing the command's output, for the click application and for the fast path, which must not import click."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import NoReturn


def under_github_actions(environment: Mapping[str, str] = os.environ) -> bool:
    return environment.get("GITHUB_ACTIONS") == "true"


def exit_after_output_error(error: OSError) -> NoReturn:
    """The output could not be written: a reader that went away (`ldcf roles | head -1`) needs nothing more;
    anything else is one line on stderr. Exit 1 either way."""
    if isinstance(error, BrokenPipeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        sys.stderr.write(f"ldcf: cannot write the output: {error.strerror}\n")
    sys.exit(1)
