"""Analyse an untrusted upload in a child process with memory and time limits.

A parser that runs out of memory (Rust code such as calamine aborts the whole process: "memory allocation of …
failed"), loops or crashes takes only the child down; the server or the CLI gets a clear Finnish problem instead.
The child is a fresh interpreter (`python -m tutka.importers.isolate`), never a fork of the multi-threaded
Streamlit server; the arguments go in and the `Analysis` comes back pickled over its stdin/stdout.

    analysis = analyse_isolated(data, "file.xlsx", con, ImportOptions())
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutka.importers.pipeline import Analysis, ImportOptions, Reference, analyse
from tutka.importers.problems import Problem
from tutka.importers.safety import sha256

if TYPE_CHECKING:  # the child starts faster without it (it reads no database)
    import duckdb

_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the tutka package


@dataclass(frozen=True)
class Limits:
    memory_mb: int = int(os.environ.get("TUTKA_IMPORT_MEMORY_MB", "3000"))  # on top of the child's start size
    seconds: float = float(os.environ.get("TUTKA_IMPORT_SECONDS", "180"))


def analyse_isolated(
    data: bytes,
    file_name: str,
    con: duckdb.DuckDBPyConnection | Reference,
    options: ImportOptions | None = None,
    limits: Limits | None = None,
) -> Analysis:
    """Same answer as `analyse()`; a child that fails becomes one error problem (the database is not touched)."""
    options = options or ImportOptions()
    limits = limits or Limits()
    ref = con if isinstance(con, Reference) else Reference.load(con)
    failed = Analysis(file_name=Path(file_name).name, file_hash=sha256(data), data=data, options=options)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p))
    request = pickle.dumps((data, file_name, ref, options, limits), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tutka.importers.isolate"],
            input=request,
            capture_output=True,
            timeout=limits.seconds,
            env=env,
            cwd=_ROOT,  # `-m` puts the working folder first on sys.path: the child imports this checkout's tutka
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        failed.problems.append(Problem("upload.err_timeout", {"s": int(limits.seconds)}, file=failed.file_name))
        return failed
    outcome = None
    if done.returncode == 0 and done.stdout:
        try:
            outcome = pickle.loads(done.stdout)
        except Exception:  # a truncated answer: treated as a crash below
            outcome = None
    if outcome is None:
        if done.returncode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV) or b"memory" in done.stderr[-2000:]:
            # abort/kill: an allocation refused by the memory limit
            failed.problems.append(Problem("upload.err_memory", {"mb": limits.memory_mb}, file=failed.file_name))
        elif done.returncode == -signal.SIGXCPU:
            failed.problems.append(Problem("upload.err_timeout", {"s": int(limits.seconds)}, file=failed.file_name))
        else:
            detail = f"exit {done.returncode}"
            failed.problems.append(Problem("upload.err_crashed", {"detail": detail}, file=failed.file_name))
        return failed
    kind, payload = outcome
    if kind == "memory":
        failed.problems.append(Problem("upload.err_memory", {"mb": limits.memory_mb}, file=failed.file_name))
        return failed
    if kind == "error":
        failed.problems.append(Problem("upload.err_crashed", {"detail": payload}, file=failed.file_name))
        return failed
    result: Analysis = payload
    result.data = data
    # `analyse` records the ids it gave to new indicators in the caller's resolutions; keep that contract.
    options.resolutions.update(result.options.resolutions)
    result.options = options
    return result


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child() -> int:
    """Entry of the child: request on stdin, pickled ("ok" | "memory" | "error", payload) on stdout."""
    import resource

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the answer
    data, file_name, ref, options, limits = pickle.loads(sys.stdin.buffer.read())
    budget = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (_vm_bytes() + budget,) * 2)
    cpu = int(limits.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        result = analyse(data, file_name, ref, options)
        result.data = b""  # the parent has the bytes
        outcome: tuple = ("ok", result)
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # a bug must not become a traceback on the page: a short reason, details on stderr
        traceback.print_exc()
        outcome = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:  # streamed into the pipe: a 1 M-row answer (~180 MB pickled) is never a second copy in memory
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:  # a truncated answer + "memory" on stderr: the parent reports the memory limit
        print("memory limit while sending the answer", file=sys.stderr)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(_child())
