"""Scale benchmark: the real CLI on N generated documents, with the whole process tree measured.

    .venv/bin/python benchmarks/scale.py --sizes 1000 10000 100000
    .venv/bin/python benchmarks/scale.py --sizes 10000 --compare      # 1 worker vs 2 vs a 2-worker Dask cluster
    .venv/bin/python benchmarks/scale.py --sizes 10000 --crawl-files 4  # the same pages as 4 JSON-lines crawl files
    .venv/bin/python benchmarks/scale.py --sizes 10000 --crawl-files 4 --crawl-format warc  # ... as 4 .warc.gz
    .venv/bin/python benchmarks/scale.py --sizes 10000 --crawl-files 4 --crawl-format jsonl.gz

For every size it builds (once, cached under ``--work``) a raw directory of N
documents with :mod:`corpus_gen` (30 % real-size HTML of 150 KB or more read
from ``../shared/corpus`` by path, the rest smaller pages, text scrapes, near
copies and bad inputs), runs ``pipeline run`` on it into a fresh output
directory and prints wall time, documents/s, MB/s, CPU seconds and the peak RSS
of the whole process tree: the CLI, its worker processes, the Prefect server it
starts and, for ``dask``, the scheduler and workers this script starts on
loopback (``dask scheduler`` / ``dask worker``). RSS is sampled every 0.2 s
(psutil); CPU seconds are the rusage of every process that ended plus the CPU
the cluster processes used during the run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import DEFAULT_CORPUS, Generator  # noqa: E402

BIN = Path(sys.executable).parent


def raw_for(work: Path, n: int, seed: int, corpus: Path) -> tuple[Path, dict]:
    """The generated raw directory of ``n`` documents (built once, then reused)."""
    raw = work / f"raw-{n}-s{seed}"
    meta = raw.with_suffix(".json")
    if meta.is_file() and raw.is_dir():
        return raw, json.loads(meta.read_text())
    shutil.rmtree(raw, ignore_errors=True)
    t = time.monotonic()
    info = Generator(seed, corpus).write(raw, n)
    info["seconds"] = round(time.monotonic() - t, 1)
    meta.write_text(json.dumps(info))
    return raw, info


def crawl_raw_for(work: Path, raw: Path, files: int, fmt: str = "jsonl") -> tuple[Path, dict]:
    """The same documents packed into ``files`` crawl files, round robin: JSON lines (records ``{url,
    html|text, fetched_at}``) or gzipped WARC (an HTTP response record each); the generated binary
    inputs, which no JSON string holds, are left out of both. Built once, then reused."""
    if fmt == "jsonl.gz":  # the JSON-lines files, each gzipped
        plain, info = crawl_raw_for(work, raw, files, "jsonl")
        out = work / f"{raw.name}-gz{files}"
        if not (out.with_suffix(".json")).is_file():
            import gzip

            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            for src in sorted(plain.iterdir()):
                with src.open("rb") as fi, gzip.open(out / f"{src.name}.gz", "wb", compresslevel=6) as fo:
                    shutil.copyfileobj(fi, fo, 1 << 22)
            out.with_suffix(".json").write_text(json.dumps(
                info | {"total_bytes": sum(p.stat().st_size for p in out.iterdir())}))
        return out, json.loads(out.with_suffix(".json").read_text())
    out = work / f"{raw.name}-{'warc' if fmt == 'warc' else 'crawl'}{files}"
    meta = out.with_suffix(".json")
    if meta.is_file() and out.is_dir():
        return out, json.loads(meta.read_text())
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sinks = [(out / f"crawl-{k:02d}.{'warc.gz' if fmt == 'warc' else 'jsonl'}").open("wb") for k in range(files)]
    write = _warc_writer(sinks) if fmt == "warc" else _jsonl_writer(sinks)
    n = 0
    for path in sorted(p for p in raw.rglob("*") if p.is_file()):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        write(n % files, f"https://crawl.example/{path.relative_to(raw).as_posix()}", path.suffix == ".html", data)
        n += 1
    for sink in sinks:
        sink.close()
    info = {"records": n, "total_bytes": sum(p.stat().st_size for p in out.iterdir()), "counts": {}, "bytes": {}}
    meta.write_text(json.dumps(info))
    return out, info


def _jsonl_writer(sinks: list):
    def write(k: int, url: str, html: bool, data: bytes) -> None:
        record = {"url": url, "html" if html else "text": data.decode("utf-8"), "fetched_at": "2026-12-01T00:00:00Z"}
        sinks[k].write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))

    return write


def _warc_writer(sinks: list):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    writers = [WARCWriter(fh, gzip=True) for fh in sinks]

    def write(k: int, url: str, html: bool, data: bytes) -> None:
        ctype = "text/html; charset=utf-8" if html else "text/plain; charset=utf-8"
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w = writers[k]
        w.write_record(w.create_warc_record(url, "response", payload=BytesIO(data), http_headers=http))

    return write


class TreeSampler:
    """Peak of the summed RSS of some process trees, sampled in a thread."""

    def __init__(self, roots: list[psutil.Process], every: float = 0.2) -> None:
        self.roots, self.every = roots, every
        self.peak = 0
        self.peak_parts: dict[str, int] = {}
        self.nprocs = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total, parts, n = 0, {}, 0
            for root in self.roots:
                try:
                    procs = [root, *root.children(recursive=True)]
                except psutil.Error:
                    continue
                for p in procs:
                    try:
                        rss = p.memory_info().rss
                        cmd = " ".join(p.cmdline())
                    except psutil.Error:
                        continue
                    total += rss
                    n += 1
                    role = ("prefect-server" if "prefect.server" in cmd else "dask" if "dask" in cmd or "distributed"
                            in cmd else "worker" if "multiprocessing" in cmd else "pipeline")
                    parts[role] = parts.get(role, 0) + rss
            if total > self.peak:
                self.peak, self.peak_parts, self.nprocs = total, parts, n
            self._stop.wait(self.every)

    def __enter__(self) -> TreeSampler:
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackCluster:
    """``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, as an operator would start them."""

    def __init__(self, workers: int, env: dict) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        dask = str(BIN / "dask")
        self.procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                        "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        time.sleep(2)
        for _ in range(workers):
            self.procs.append(subprocess.Popen([dask, "worker", self.address, "--nthreads", "1", "--no-dashboard",
                                                "--memory-limit", "0"], env=env, cwd=REPO,
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(self.address, timeout=60) as c:
            c.wait_for_workers(workers, timeout=120)

    def cpu(self) -> float:
        total = 0.0
        for p in self.procs:
            try:
                proc = psutil.Process(p.pid)
                for q in [proc, *proc.children(recursive=True)]:
                    t = q.cpu_times()
                    total += t.user + t.system
            except psutil.Error:
                pass
        return total

    def close(self) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def run_once(raw: Path, out: Path, mode: str, workers: int, env: dict, cluster: LoopbackCluster | None,
             config: Path | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(BIN / "pipeline"), "run", "--raw", str(raw), "--out", str(out), "--workers", str(workers)]
    if config is not None:
        cmd += ["--config", str(config)]
    if cluster is not None:
        cmd += ["--dask-address", cluster.address]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cluster_cpu = cluster.cpu() if cluster else 0.0
    roots = [psutil.Process(os.getpid())]
    t = time.monotonic()
    with TreeSampler(roots) as sampler:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if cluster:
        cpu += cluster.cpu() - cluster_cpu
    if proc.returncode != 0:
        raise SystemExit(f"pipeline run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    summary = json.loads(sorted((out / "runs").glob("*/run.json"))[-1].read_text())
    return {"mode": mode, "workers": workers, "wall": wall, "cpu": cpu, "peak_rss": sampler.peak,
            "peak_parts": sampler.peak_parts, "processes": sampler.nprocs, "totals": summary["totals"],
            "flow_wall": summary.get("wall", {}), "stage_cpu": summary.get("timings", {}),
            "report_bytes": sum(p.stat().st_size for p in (out / "reports").glob("*/index.html")
                                if p.parent.name != "latest")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--workers", type=int, default=2, help="workers of the main runs (default 2)")
    ap.add_argument("--compare", action="store_true",
                    help="also run every size with 1 worker and on a 2-worker loopback Dask cluster")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "scale")
    ap.add_argument("--keep-output", action="store_true", help="keep each run's output directory")
    ap.add_argument("--crawl-files", type=int, default=0, metavar="K",
                    help="run on the same documents packed into K JSON-lines crawl files instead of one file each")
    ap.add_argument("--crawl-format", choices=("jsonl", "jsonl.gz", "warc"), default="jsonl",
                    help="with --crawl-files: JSON lines, gzipped JSON lines or gzipped WARC")
    ap.add_argument("--config", type=Path, help="settings file passed to pipeline run")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"note: {args.corpus} not found; real-size pages are generated instead", file=sys.stderr)
    args.work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_HOME=str(args.work / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    results = []
    for n in args.sizes:
        raw, info = raw_for(args.work, n, args.seed, args.corpus)
        if args.crawl_files:
            raw, crawl = crawl_raw_for(args.work, raw, args.crawl_files, args.crawl_format)
            print(f"\n== as {args.crawl_files} {args.crawl_format} crawl files of {crawl['records']} records in all "
                  f"({crawl['total_bytes'] / 1e6:,.0f} MB)", flush=True)
        mb = info["total_bytes"] / 1e6
        real = info["counts"].get("real", 0)
        print(f"\n== {n} documents, {mb:,.0f} MB ({real} real-size HTML pages, "
              f"{info['bytes'].get('real', 0) / max(real, 1) / 1e3:.0f} KB each)", flush=True)
        plans = [("local", args.workers, False)]
        if args.compare:
            plans = [("local", 1, False), ("local", 2, False), ("dask", 2, True)]
        for mode, w, dask in plans:
            cluster = LoopbackCluster(w, env) if dask else None
            try:
                r = run_once(raw, args.work / f"out-{n}", mode, w, env, cluster, args.config)
            finally:
                if cluster:
                    cluster.close()
            r |= {"docs": n, "mb": mb}
            results.append(r)
            print(f"  {mode:5} {w} worker(s): {r['wall']:8.1f} s wall, {n / r['wall']:7.1f} docs/s, "
                  f"{mb / r['wall']:6.2f} MB/s, {r['cpu']:8.1f} CPU s, peak RSS {r['peak_rss'] / 2**20:7.0f} MB "
                  f"({', '.join(f'{k} {v / 2**20:.0f}' for k, v in sorted(r['peak_parts'].items()))}), "
                  f"report {r['report_bytes'] / 1e6:.1f} MB", flush=True)
            if not args.keep_output:
                shutil.rmtree(args.work / f"out-{n}", ignore_errors=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print("\n| documents | runner | wall s | docs/s | MB/s | CPU s | peak RSS (tree) |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        runner = f"{r['mode']}, {r['workers']} worker{'s' if r['workers'] > 1 else ''}"
        print(f"| {r['docs']:,} | {runner} | {r['wall']:,.0f} | {r['docs'] / r['wall']:,.1f} | "
              f"{r['mb'] / r['wall']:.2f} | {r['cpu']:,.0f} | {r['peak_rss'] / 2**20:,.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
