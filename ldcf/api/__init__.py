"""The work of every command, as functions: the command line (`ldcf.cli`) parses arguments, calls one of these
and shows what it returns; scripts call the same functions (`ldcf.load`, `ldcf.gap`, `ldcf.validate`, ...,
listed in `ldcf.__all__`). Each returns a result object, whose `to_dict()` is what `--format json` prints, or
writes files through `ldcf.outputs.writing`, the one safe-write helper.

Modules: `data` (finding, opening and checking data folders and records), `views` (levels, roles,
competences, search, gaps, routes), `documents`, `team`, `changes` (diff), `publish` (site, exports,
schemas), `drafting` (suggest, starter overlays, record templates). Each imports what it needs inside its
functions, so that importing one costs little.
"""
