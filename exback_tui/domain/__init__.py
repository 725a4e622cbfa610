"""Pure logic: no Textual, no TinyDB, no clock reads. "Today" is always passed in.

Modules here stay cheap to import: `exback today` loads `plan` and `checkin`
on a path budgeted at 2x a bare interpreter start, so they avoid
`dataclasses` (which pulls in `inspect`) and `re`.
"""
