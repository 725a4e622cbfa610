"""Progress (`p`): how far the person has come.

screen.py   ProgressScreen: the summary, the attempts, the calendar, the trends, the triggers
charts.py   the three pictures, drawn line by line
"""

from exback_tui.screens.progress.screen import ProgressScreen

__all__ = ["ProgressScreen"]
