"""`python -m exback_tui` runs the same command as `exback`."""

import sys

from exback_tui.cli import main

sys.exit(main())
