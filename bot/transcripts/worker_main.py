"""The transcript worker process (started by bot.transcripts.worker.ProcessRenderer).

``python -m bot.transcripts.worker_main <catalog root> strict|lenient``: gets ready first (the
imports and the bot's own Fluent messages, while the bot still reads the history), then reads
one pickled RenderJob on standard input and writes its RenderedTranscript on standard output.
It imports what rendering needs and nothing else (no asyncio, no discord).
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from bot.i18n import Catalog
from bot.transcripts import render  # noqa: F401 - imported while getting ready, not with the job
from bot.transcripts.job import render_job

NICENESS = 10  # the bot's answers first (measured: at 2, its start and render cost them)


def main() -> None:
    os.nice(NICENESS)
    root, strictness = sys.argv[1:3]
    translate = Catalog.load(Path(root), strict=strictness == "strict").translate
    # From the bot that started this process: its own data, not an untrusted input.
    job = pickle.load(sys.stdin.buffer)  # noqa: S301
    pickle.dump(render_job(job, translate), sys.stdout.buffer, pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
