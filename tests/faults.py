"""Fault injection for the tests of worker death: a worker process dies in the middle of a batch.

:func:`install` patches :func:`pipeline.batch.finish` in the process it runs in:
while the file ``marker`` exists, the first call claims it (deletes it) and the
process exits on the spot, as a worker killed by the kernel would - no
exception, no cleanup. It is a process-pool ``initializer``; imported with
``PIPELINE_TEST_KILL_MARKER`` set it installs itself, as a Dask worker
``--preload``.
"""

from __future__ import annotations

import os

from pipeline import batch


def install(marker: str) -> None:
    real = getattr(batch.finish, "_real", batch.finish)  # a preload may run twice

    def dying_finish(*args, **kwargs):
        try:
            os.unlink(marker)  # only one worker can claim it
        except FileNotFoundError:
            return real(*args, **kwargs)
        os._exit(17)

    dying_finish._real = real
    batch.finish = dying_finish


if os.environ.get("PIPELINE_TEST_KILL_MARKER"):
    install(os.environ["PIPELINE_TEST_KILL_MARKER"])
