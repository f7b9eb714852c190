"""`marsad spark --master local[2]` against `marsad analyze --workers 2` on the same articles.

    python bench/bench_spark.py [--shared ../shared] [--n 2000] [--partitions 4]

Half the articles are the first of SaudiNewsNet (2015-07-21, a development day), half the
first of ANT. Prints wall time, articles/s and peak memory (the process tree's resident
set: driver, JVM and Python workers for Spark; the main process and its workers for
analyze), Spark's own per-phase metrics (task time, CPU, shuffle volume, from its REST
API on a loopback port), the agreement of the two results, and the Parquet -> SQLite load
rate. Needs `pip install -e '.[spark]'` and a Java runtime.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

from marsad.records import Article, Dossier, Entity, Reuse, Story
from marsad.spark.agree import agreement
from marsad.spark.load import load, read_tables

ROOT = Path(__file__).resolve().parents[1]


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled every 0.2 s, and
    the CPU seconds they used (each process's last sample; a process living less than 0.2 s
    is missed)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._cpu: dict[int, float] = {}
        self._java: set[int] = set()
        self._base = self._cpu_of(pid) if pid == os.getpid() else 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values()) - self._base

    def split(self) -> str:
        """CPU seconds of the root process, of JVMs, and of the other processes."""
        root = self._cpu.get(self.pid, 0.0) - self._base
        jvm = sum(v for p, v in self._cpu.items() if p in self._java)
        return f"{root:.0f} s driver, {jvm:.0f} s JVM, {self.cpu - root - jvm:.0f} s workers"

    @staticmethod
    def _cpu_of(pid: int) -> float:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(0.2)

    def _tree_rss(self) -> int:
        children: dict[int, list[int]] = defaultdict(list)
        rss: dict[int, int] = {}
        ticks: dict[int, float] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    head, tail = fh.read().rsplit(")", 1)
                fields, comm = tail.split(), head.split("(", 1)[1]
                with open(f"/proc/{entry}/statm") as fh:
                    pages = int(fh.read().split()[1])
            except OSError:
                continue
            children[int(fields[1])].append(int(entry))
            if comm == "java":
                self._java.add(int(entry))
            rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
            ticks[int(entry)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        total, todo = 0, [self.pid]
        while todo:
            p = todo.pop()
            total += rss.get(p, 0)
            if p in ticks:
                self._cpu[p] = ticks[p]
            todo.extend(children.get(p, []))
        return total


def _sample(shared: Path, n: int, path: Path) -> None:
    news = shared / "corpora" / "news"
    with gzip.open(news / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as snn, \
            gzip.open(news / "ant-v2.1-multisource.jsonl.gz", "rt", encoding="utf-8") as ant:
        lines = list(itertools.islice(snn, n // 2)) + list(itertools.islice(ant, n - n // 2))
    path.write_text("".join(lines), encoding="utf-8")


def _dossier(path: Path) -> Dossier:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Dossier(articles=[Article.from_dict(a) for a in data["articles"]],
                   entities=[Entity(**e) for e in data["entities"]],
                   stories=[Story.from_dict(s) for s in data["stories"]],
                   reuse=[Reuse.from_dict(r) for r in data["reuse"]])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stage_metrics(port: int, app: str) -> dict[str, dict[str, float]]:
    url = f"http://127.0.0.1:{port}/api/v1/applications/{app}/stages"
    with urllib.request.urlopen(url, timeout=300) as resp:
        stages = json.load(resp)
    phases: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for s in stages:
        if s.get("status") != "COMPLETE":
            continue
        p = phases[s.get("description") or "other"]
        p["stages"] += 1
        p["tasks"] += s.get("numTasks", 0)
        p["task_s"] += s.get("executorRunTime", 0) / 1000
        p["cpu_s"] += s.get("executorCpuTime", 0) / 1e9
        p["shuffle_mb"] += (s.get("shuffleWriteBytes", 0)) / 2**20
        p["spill_mb"] += (s.get("diskBytesSpilled", 0)) / 2**20
    return {k: dict(v) for k, v in phases.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()
    if not (args.shared / "corpora" / "news").is_dir():
        print(f"bench: {args.shared}/corpora/news not found", file=sys.stderr)
        return 2
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample = tmp / "sample.jsonl"
        _sample(args.shared, args.n, sample)

        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "analyze", str(sample),
                                 "--workers", "2", "--out", str(tmp / "analyze")], env=env,
                                stderr=subprocess.DEVNULL)
        with TreeMemory(proc.pid) as mem:
            proc.wait()
        analyze_s, analyze_mem, analyze_cpu = time.perf_counter() - t0, mem.peak, mem.cpu
        reference = _dossier(tmp / "analyze" / "dossier.json")
        n = len(reference.articles)
        print(f"analyze --workers 2: {n} articles in {analyze_s:.1f} s = "
              f"{n / analyze_s:.1f} articles/s; peak memory {analyze_mem / 2**20:.0f} MiB; "
              f"CPU {analyze_cpu:.0f} s ({mem.split()})")

        from marsad.spark.job import run, session

        port = _free_port()
        t0 = time.perf_counter()
        with TreeMemory(os.getpid()) as mem:
            spark = session("local[2]", args.partitions, conf={
                "spark.ui.enabled": "true", "spark.ui.port": str(port),
                "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
                "spark.ui.showConsoleProgress": "false"})
            spark.sparkContext.setLogLevel("ERROR")
            started = time.perf_counter() - t0
            result = run(spark, [str(sample)], tmp / "tables")
            spark_s = time.perf_counter() - t0
            try:  # a loaded machine's JVM can be slow to answer: the run's figures stay
                metrics = _stage_metrics(port, spark.sparkContext.applicationId)
            except OSError as exc:
                print(f"  (no per-phase metrics: {exc})")
                metrics = {}
            spark.stop()
        print(f"spark local[2], {args.partitions} partitions: {result.articles} articles in "
              f"{spark_s:.1f} s (session start {started:.1f} s) = "
              f"{result.articles / spark_s:.1f} articles/s; "
              f"peak memory {mem.peak / 2**20:.0f} MiB; CPU {mem.cpu:.0f} s ({mem.split()})")
        print(f"  {result.candidates} candidate pairs from the band join, "
              f"{result.reuse} reuse links, {result.stories} stories, "
              f"{result.entities} entities")
        # task s: executors' run time (Python included); JVM cpu s: the JVM's share only.
        print("  phase       wall s  stages  tasks  task s JVM cpu s  shuffle MiB")
        for phase, wall in result.phases.items():
            m: dict[str, Any] = metrics.get(phase, {})
            print(f"  {phase:<10} {wall:7.1f} {m.get('stages', 0):7.0f} "
                  f"{m.get('tasks', 0):6.0f} {m.get('task_s', 0):7.1f} "
                  f"{m.get('cpu_s', 0):9.1f} {m.get('shuffle_mb', 0):12.1f}")
        agree = agreement(tmp / "tables", reference)
        print(f"agreement: stories B-cubed {agree.stories_bcubed}, reuse pair F1 "
              f"{agree.reuse_f1} ({agree.reuse[0]} vs {agree.reuse[1]}), same annotations "
              f"{agree.same_annotations}/{agree.articles}, same entity ids "
              f"{agree.same_entities}")

        rows = sum(len(v) for v in read_tables(tmp / "tables").values())
        t0 = time.perf_counter()
        counts = load(tmp / "tables", tmp / "loaded.db")
        load_s = time.perf_counter() - t0
        print(f"load into SQLite: {rows} rows ({counts['articles']} articles) in "
              f"{load_s:.1f} s = {rows / load_s:.0f} rows/s, "
              f"{counts['articles'] / load_s:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
