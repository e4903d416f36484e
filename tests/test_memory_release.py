"""After a big write the server hands freed memory back to the operating system once (tutka.app.common)."""

from __future__ import annotations

from tutka.app import common


def test_runs_once_after_a_write_and_not_otherwise():
    common.release_pending_memory()  # whatever an earlier test left pending
    assert common.release_pending_memory() is False
    common.release_memory_soon()
    common.release_memory_soon()  # two writes before the next run: one release
    assert common.release_pending_memory() is True
    assert common.release_pending_memory() is False


def test_collects_and_trims_the_heap(monkeypatch):
    calls: list[str] = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            calls.append(f"trim {pad}")
            return 1

    monkeypatch.setattr(common.ctypes, "CDLL", lambda name: calls.append(name) or Libc())
    monkeypatch.setattr(common.gc, "collect", lambda: calls.append("collect") or 0)
    common.release_memory_soon()
    assert common.release_pending_memory()
    assert calls == ["collect", "libc.so.6", "trim 0"]


def test_without_glibc_it_only_collects(monkeypatch):
    def no_libc(name: str):
        raise OSError(name)

    monkeypatch.setattr(common.ctypes, "CDLL", no_libc)
    common.release_memory_soon()
    assert common.release_pending_memory()  # no error on macOS or musl
