"""One lock for modules first imported in worker threads.

The library's scan, the warm-up of the session screens and the resume offer each
import parts of coach in their own thread as the app starts. Two threads importing
one package that is still half-initialised can fail (``KeyError: 'coach.format'``),
so those first imports take turns.
"""

from __future__ import annotations

import threading

IMPORT_LOCK = threading.RLock()
