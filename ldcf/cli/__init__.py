"""The `ldcf` command. `fast` is the entry point: it serves the everyday views without click and hands anything
else to `app`, the click application, whose commands are grouped by what they work on (`views`, `documents`,
`team`, `data`, `site`). A command parses its arguments, calls one function of `ldcf.api` and shows or writes
what it returns; `shared` holds what commands have in common (options, messages, exit codes), and `output`
what the fast path needs too. Nothing here is imported by the rest of ldcf.
"""
