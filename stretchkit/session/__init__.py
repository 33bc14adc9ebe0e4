"""The session: running a timeline on a clock (``runner``), what a session log holds
(``log``: holds, events, flags and their guidance), the next session's hold targets from the
log (``targets``) and when the next session falls (``next_session``).

Pure core: may import ``catalog``, ``screening`` and ``planning``; time comes in as a clock.
The service that records a session in the store and applies the in-session safety rules is
``stretchkit.services.guided_session``.
"""
