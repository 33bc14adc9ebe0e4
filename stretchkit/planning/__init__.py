"""Planning: a client's prescription per stretch, the session as a timeline of phases, the
routine and its codec, the planner and the weekly dose check.

Pure core: may import ``catalog`` and ``screening``.
"""
