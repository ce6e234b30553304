"""Run ``pipeline`` with one function replaced by ``kill -9`` of this very process on its Nth call.

    python tests/fault_driver.py MODULE:FUNCTION N pipeline-arguments...

For the fault-injection suite (:mod:`tests.test_faults`): a run dies exactly
where a power cut or an OOM kill could take it - no exception, no cleanup.
Runs with ``--workers 1`` so the replaced function is the one the run calls.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

if __name__ == "__main__":
    target, nth, *args = sys.argv[1:]
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    real = getattr(module, name)
    calls = 0

    def dying(*a, **k):  # noqa: ANN002, ANN003, ANN202
        global calls
        calls += 1
        if calls >= int(nth):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*a, **k)

    setattr(module, name, dying)
    from pipeline.cli import main

    sys.exit(main(args))
