"""plan.json: the no-contact plan, its attempts and the daily check-ins.

Nothing here may be imported by `__init__`: `exback today` imports `plan.snapshot`
and pays for every module this package loads.
"""
