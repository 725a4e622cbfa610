"""The name of every file exback keeps in the data folder, in one place.

Nothing else spells these names: the stores, the lock, the draft, the
damaged-file screen and the tests all take them from here. Importing this
module costs nothing (`exback today` does).
"""

PLAN_FILE = "plan.json"  # the plan, its attempts and the check-ins (what `exback today` reads)
PROGRAM_FILE = "program.json"  # answers, ticks, quiz results, lists, logs, the theme
JOURNAL_FILE = "journal.json"  # the journal entries, deleted ones included
DRAFT_FILE = "draft.json"  # the entry being written, until it is saved or discarded
URGE_DRAFT_FILE = "urge-draft.json"  # the message being written in the urge box, until kept
LOCK_FILE = "exback.lock"  # held by the one exback that may change the files

# The files that hold the user's data, each read and written whole.
DATA_FILES = (PLAN_FILE, PROGRAM_FILE, JOURNAL_FILE)

# A write goes to ".<name>.<pid>.<8 hex>.tmp" beside the file, then is renamed over it.
TEMP_SUFFIX = ".tmp"

# A file exback can't read is copied (or, to start fresh, moved) to "<name>.<label>-<hash>".
DAMAGED_LABEL = "damaged"
NEWER_LABEL = "newer-version"
