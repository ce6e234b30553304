"""The cleaning flow on Dask, for when one machine (or one core) is not enough.

Same flow, same tasks; only the task runner changes: prefect-dask's
``DaskTaskRunner`` either connects to an existing cluster (``run.dask_address``
or ``PIPELINE_DASK_ADDRESS``, e.g. ``tcp://scheduler:8786``) or starts a
LocalCluster of ``run.dask_workers`` single-threaded worker processes (the
stages are CPU-bound Python, so processes, not threads, give parallelism).
Batches already amortise the per-task overhead (0.2-0.4 s on Dask), so a
batch should hold hundreds of documents.
"""

from __future__ import annotations

import os

from prefect_dask import DaskTaskRunner

from pipeline.config import Settings, load_settings
from pipeline.flows import clean_articles


def task_runner(settings: Settings) -> DaskTaskRunner:
    address = os.environ.get("PIPELINE_DASK_ADDRESS") or settings.run.dask_address
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": settings.run.dask_workers, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None}
    )


def dask_flow(settings: Settings):  # noqa: ANN201 - a Prefect Flow
    """``clean_articles`` bound to a Dask task runner built from ``settings``."""
    return clean_articles.with_options(name="clean-articles-dask", task_runner=task_runner(settings))


# Entry point for prefect.yaml: the defaults (or PIPELINE_CONFIG) decide the cluster.
clean_articles_dask = dask_flow(load_settings(os.environ.get("PIPELINE_CONFIG") or None))
