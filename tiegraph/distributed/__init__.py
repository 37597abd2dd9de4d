"""Scale-out on Dask: the same pipeline, mapped over chunks of the input on a cluster.

`run(paths, out_dir, ...)` plans chunks (`manifest`), maps `process_chunk` over them with
dask.distributed and writes one Parquet (and/or JSONL) output per chunk; `load_outputs`
loads a run's outputs into a store. See docs/distributed.md.
"""

from __future__ import annotations

from tiegraph.distributed.chunk import process_chunk
from tiegraph.distributed.load import iter_outputs, load_outputs, output_files, stale_outputs
from tiegraph.distributed.manifest import DEFAULT_CHUNK_SIZE, plan
from tiegraph.distributed.records import read_records, record_from_dict
from tiegraph.distributed.runner import RunReport, connect, run

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "RunReport",
    "connect",
    "iter_outputs",
    "load_outputs",
    "output_files",
    "plan",
    "process_chunk",
    "read_records",
    "record_from_dict",
    "run",
    "stale_outputs",
]
