"""journal.json, the journal entries, and draft.json, the entry being written."""
