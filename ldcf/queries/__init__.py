"""Queries: what the framework says in answer to a question (a profile, a gap, a route, a search, a diff, a
team's report, suggestions for a job description), as results only. A query never prints, touches files or
builds render blocks: `ldcf.render` lays its results out and `ldcf.outputs` turns them into files.

Results are NamedTuples, as the entities are, not dataclasses: ten dataclasses cost about 19 ms to define at
import against about 3 ms for ten named tuples, and the command line's start-up time is benchmarked. A result
that JSON can show has its own `to_dict()` (a named tuple would be written as a list).
"""
