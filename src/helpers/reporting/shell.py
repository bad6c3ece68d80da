"""What a kernel does for the in-process engine: an IPython shell whose outputs become cells' outputs.

The shell is the one a kernel runs (``InteractiveShell`` with the inline matplotlib backend);
what the kernel would send over ZeroMQ (streams, display data, execute results, errors) is
built the same way here: ipykernel's message content, through jupyter_client's JSON
encoding, into nbformat's ``output_from_msg``. Streams are buffered and flushed where the
kernel flushes them (before a display, before a result, at the end of a cell). ``warm_up``
builds the shell once in the parent; forked children each get a clean copy."""
from __future__ import annotations

import json
import sys

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.jsonutil import json_default
from traitlets.config import Config

# What an IPython kernel reports in kernel_info (ipykernel's IPythonKernel.language_info).
LANGUAGE_INFO = {
    "name": "python", "version": sys.version.split()[0], "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]}, "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python", "file_extension": ".py",
}
INLINE = "module://matplotlib_inline.backend_inline"


class Sink:
    """The outputs of the running cell, in the order a kernel would have published them."""

    def __init__(self):
        self.outputs: list = []
        self.streams: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self.clear_on_next = False
        self.display_ids: dict[str, list] = {}

    def add(self, msg_type: str, content: dict):
        if self.clear_on_next:
            self.outputs.clear()
            self.clear_on_next = False
        content = json.loads(json.dumps(content, default=json_default, ensure_ascii=False))
        out = nbformat.v4.output_from_msg({"header": {"msg_type": msg_type}, "content": content})
        self.outputs.append(out)
        return out

    def flush(self, *names: str) -> None:
        for name in names or ("stdout", "stderr"):
            text = "".join(self.streams[name])
            self.streams[name].clear()
            if text:
                self.add("stream", {"name": name, "text": text})


class Stream:
    """sys.stdout / sys.stderr during a cell: buffered like the kernel's OutStream."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, sink: Sink, name: str):
        self.sink, self.name = sink, name

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.sink.streams[self.name].append(text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.sink.flush(self.name)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class Publisher(DisplayPublisher):
    """display(): a display_data message, or an update of an earlier one with the same display_id."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        self._validate_data(data, metadata)
        sink = self.shell.sink
        sink.flush()
        content = {"data": data, "metadata": metadata or {}, "transient": transient or {}}
        display_id = (transient or {}).get("display_id")
        if update:
            for out in sink.display_ids.get(display_id, []):
                fresh = json.loads(json.dumps(content, default=json_default, ensure_ascii=False))
                out.data, out.metadata = fresh["data"], fresh["metadata"]
            return
        out = sink.add("display_data", content)
        if display_id:
            sink.display_ids.setdefault(display_id, []).append(out)

    def clear_output(self, wait=False):
        sink = self.shell.sink
        sink.flush()
        if wait:
            sink.clear_on_next = True
        else:
            sink.outputs.clear()


class ResultHook(DisplayHook):
    """The value of a cell's last expression: an execute_result, after the streams so far."""

    def start_displayhook(self):
        self.pending = {"data": {}, "metadata": {}}

    def write_output_prompt(self):
        self.pending["execution_count"] = self.prompt_count

    def write_format_data(self, format_dict, md_dict=None):
        self.pending["data"], self.pending["metadata"] = format_dict, md_dict or {}

    def finish_displayhook(self):
        sink = self.shell.sink
        sink.flush()
        if self.pending["data"]:
            sink.add("execute_result", self.pending)


class Shell(InteractiveShell):
    """The kernel's shell minus the kernel: no GUI loop, tracebacks become error outputs."""

    displayhook_class = ResultHook
    display_pub_class = Publisher

    def enable_gui(self, gui=None):
        pass

    def _showtraceback(self, etype, evalue, stb):
        self.sink.flush()
        self.sink.add("error", {"ename": str(etype.__name__), "evalue": str(evalue), "traceback": stb})


def warm_up() -> Shell:
    """The shell with inline matplotlib, built once; forked children each get a clean copy."""
    from IPython.core.pylabtools import activate_matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    config = Config()
    config.HistoryManager.enabled = False  # a kernel's history database serves nobody here
    shell = Shell.instance(config=config)
    shell.sink = Sink()
    activate_matplotlib(INLINE)
    configure_inline_support(shell, INLINE)
    return shell


def run_cell(shell: Shell, cell) -> bool:
    """Execute one code cell, its outputs in ``cell.outputs``; False if it raised."""
    shell.sink = sink = Sink()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Stream(sink, "stdout"), Stream(sink, "stderr")
    try:
        result = shell.run_cell(cell.source, store_history=True)
    finally:
        sys.stdout, sys.stderr = saved
        sink.flush()  # the kernel flushes stdout, then stderr, when a cell ends
    cell.execution_count = result.execution_count
    cell.outputs = sink.outputs
    return result.success
