"""A large export's validation and Excel workbook, done by a second process while this one
writes the PDF and the Word file.

One core does everything otherwise.  A 3,000-row department's workbook takes about as long as
its PDF; the Word file has to follow the PDF (its 目录 carries the PDF's page numbers); and the
full validation that decides whether the export may go ahead takes a good part of a PDF.  So the
second core validates and then writes the workbook, and this process starts on the PDF at once.

The process is started (``spawn``: the same here as on Windows, and safe beside the window's
threads) and handed the project and its profile; it sends the findings back as soon as it has
them, then waits for the workbook's path.  Nothing but the first format is written before the
findings are in hand, and a refused export (errors without ``force``) writes nothing: the stage
folder goes with everything in it.  The findings are the same list this process would have made
(:func:`disclosure_app.validation.all_findings` of the same data).

What the second process raises comes back and is raised here, so the export reports it as its
own; if it could not start or ends without a word, this process does the work itself.  If this
process ends first (the window's 取消 stops the export), the second one sees its pipe close and
stops at once.  Below :data:`MIN_VALUES` filled cells, or on one core, a second process costs
more than it saves, and everything is done here in turn, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from pathlib import Path

from ..model import Project
from ..rules.findings import Finding

MIN_VALUES = 4000          # filled cells (about 500 function-code rows: the workbook takes ~0.7 s)
JOIN_S = 10


def worth_it(project: Project, formats: list[str]) -> bool:
    """A second process pays: the workbook is wanted beside another format, the project is large,
    there is a second core, and this process may start one (a daemonic one may not)."""
    return ("xlsx" in formats and len(formats) > 1 and len(project.values) >= MIN_VALUES
            and (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon)


class WorkbookProcess:
    """``start(project)`` first; ``write(path, draft)`` once the stage folder exists (the workbook
    is written there even before the findings are checked: a refusal removes the stage);
    ``findings()`` when they are needed; ``wait()`` for the workbook; ``close()`` in every case (it
    stops the process if it is still running).  ``findings``, ``write`` and ``wait`` return ``None``/``False``
    when the process is gone: the caller then does that part itself."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        job_in, self._jobs = ctx.Pipe(duplex=False)        # this process → the second
        self._results, result_out = ctx.Pipe(duplex=False)  # the second → this process
        self._child_ends = (job_in, result_out)
        self._process = ctx.Process(target=_serve, args=self._child_ends, name="校验并写 Excel 文件")
        self._findings: list[Finding] | None = None
        self._sender: threading.Thread | None = None
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._gone = False
        self._closed = False

    def start(self, project: Project) -> None:
        """Start the process and hand it the project, from a thread: the pipe takes the project
        only as fast as the new process reads it, and this one goes on meanwhile."""
        try:
            self._process.start()
        except OSError:
            self._gone = True
            return
        finally:
            for end in self._child_ends:   # only the child holds them now: its death closes them
                end.close()
        self._sender = threading.Thread(target=self._send, args=((project.profile, project),), daemon=True)
        self._sender.start()
        threading.Thread(target=self._receive_all, daemon=True).start()

    def _send(self, message: tuple) -> bool:
        if self._gone:
            return False
        if self._sender is not None and threading.current_thread() is not self._sender:
            self._sender.join()
        try:
            self._jobs.send(message)
        except OSError:                    # it could not start in this program, or was killed
            self._gone = True
        return not self._gone

    def _receive_all(self) -> None:
        """Take every message as it comes (the pipe holds little: a sender would wait for us)."""
        while True:
            try:
                message = self._results.recv()
            except (EOFError, OSError):
                self._inbox.put(None)
                return
            self._inbox.put(message)
            if message[0] != "findings":
                return

    def _next(self) -> tuple[str, object] | None:
        if self._gone:
            return None
        message = self._inbox.get()
        if message is None:
            self._gone = True
            return None
        if message[0] == "failed":
            raise message[1]
        return message

    def findings(self, ready_only: bool = False) -> list[Finding] | None:
        """The project's findings; ``None`` when the process is gone or, with ``ready_only``, when
        they have not arrived yet."""
        if self._findings is None and not self._gone:
            if ready_only and self._inbox.empty():
                return None
            got = self._next()
            if got is not None:
                self._findings = got[1]
        return self._findings

    def write(self, path: Path, draft: bool) -> bool:
        """Hand over the workbook's path: ``False`` if the process is gone."""
        return self._send((Path(path), draft))

    def wait(self) -> bool:
        """``True`` once the workbook is written; ``False`` when the process ended without a word."""
        self.findings()
        return self._next() is not None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._jobs.close()                 # the second process stops if it was still working
        if self._process.pid is not None:
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=JOIN_S)
        self._results.close()


def _serve(jobs, results) -> None:
    """The second process: validate, send the findings, then write the workbook if asked to."""
    try:
        profile, project = jobs.recv()
        from ..forms.profiles import profile_ids, register
        from ..validation import all_findings
        if profile.id not in profile_ids():          # a profile registered at run time
            register(profile)
        findings = all_findings(project)
        results.send(("findings", findings))
        # the writer is imported while the first process writes its own files
        from ..layout.table import render_tables
        from .xlsx_writer import write_xlsx
        try:
            path, draft = jobs.recv()
        except (EOFError, OSError):                  # refused, or the export stopped
            return
        threading.Thread(target=_stop_with_parent, args=(jobs,), daemon=True).start()
        write_xlsx(project, path, findings, render_tables(project), draft=draft)
    except (EOFError, BrokenPipeError):              # the first process is gone: nobody to tell
        return
    except KeyboardInterrupt:          # Ctrl+C reaches both processes: the first one says so
        os._exit(1)
    except BaseException as exc:  # noqa: BLE001 — every failure goes back to be reported there
        try:
            results.send(("failed", _sendable(exc)))
        except OSError:                # the first process is gone meanwhile
            pass
    else:
        results.send(("done", None))
        # the workbook is closed and said to be written: the process ends now, without
        # freeing a large department's objects one by one (the first process waits for it)
        results.close()
        os._exit(0)


def _stop_with_parent(jobs) -> None:
    """Nothing more is ever sent: the pipe closes when the first process is done or gone."""
    try:
        jobs.recv()
    except (EOFError, OSError):
        pass
    os._exit(1)


def _sendable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 — an exception that cannot travel is sent as its text
        return RuntimeError(f"{type(exc).__name__}: {exc}")
