"""The four steps (`s`): the overview, and a module of tools per step.

screen.py      StepsScreen: the overview and the step pages (screens/paged.py)
tools.py       what every step's tools share
no_contact.py  step 1: no contact      focus.py      step 2: focus on you
respect.py     step 3: respect         reconnect.py  step 4: reconnect
"""

from exback_tui.screens.steps.screen import StepsScreen

__all__ = ["StepsScreen"]
