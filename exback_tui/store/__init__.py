"""Everything that touches the data files. Only this package reads or writes them.

Laid out per file, each in a package of its own:

- `plan/` (plan.json): `records` (the layout), `snapshot` (the lock-free,
  TinyDB-free reader `exback today` uses) and `store` (PlanStore);
- `program/` (program.json): `records` and `store` (ProgramStore);
- `journal/` (journal.json and draft.json): `records`, `store`
  (JournalStore) and `draft`.

Shared by all three: `names` (every file's name), `fields` (strict field
readers), `reading` (strict JSON reading without `json` or `pathlib`),
`files` (private folders, atomic writes, damaged copies), `storage` (the
TinyDB storages), `lock` and `errors`; `export` reads and writes the whole
folder as one JSON document.

Nothing outside `service.py` imports this package, except the lean `exback
today` path (`cli/today.py`, through `plan.snapshot`); tests/test_layers.py
holds that. Importing it is cheap: TinyDB is loaded by the stores alone.
"""
