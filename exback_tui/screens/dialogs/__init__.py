"""Every modal of exback, in one place: each a ModalScreen that returns its answer
through dismiss() (frogmouth's dialogs are the model). The damaged-file screen
stays beside the app start-up it belongs to (screens/damaged.py)."""
