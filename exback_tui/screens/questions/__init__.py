"""The four big questions (`b`): the overview, and a module of tools per question.

screen.py          QuestionsScreen: the overview and the question pages (screens/paged.py)
decide.py          1: should you get back together (and the safety gate)
chances.py         2: can you get them back
mistakes.py        3: the most common mistakes
steps_overview.py  4: the steps
"""

from exback_tui.screens.questions.screen import QuestionsScreen

__all__ = ["QuestionsScreen"]
