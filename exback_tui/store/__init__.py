"""Everything that touches the data files. Only this package reads or writes them.

Importing the package is cheap: TinyDB is loaded by `plan_store` alone, so
`exback today` can read a snapshot through `files` and `records` without it.
"""
