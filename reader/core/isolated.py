"""Run the entity extractor in a child process.

Extraction is pure Python and takes seconds on a book; in a thread it would
hold the interpreter lock and make the reader's interface stutter. A child
interpreter runs it on the machine's other core: the document goes in on its
stdin and the entities come back on its stdout, both pickled.

(A plain subprocess rather than `multiprocessing`: under Textual, stderr is
captured and has no file descriptor, which multiprocessing's spawn needs.)
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from reader.core.model import Document, Entity


def extract_in_child(doc: Document, backend: str) -> list[Entity]:
    """`extract_entities(doc, backend)`, computed in a child interpreter."""
    # -P: don't put the working directory on the child's path (it may hold another `reader`)
    command = [sys.executable, "-P", "-m", "reader.core.isolated", backend]
    done = subprocess.run(
        command,
        input=pickle.dumps(doc, pickle.HIGHEST_PROTOCOL),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0 or not done.stdout:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"the entity extractor exited with {done.returncode}")
    ok, payload = pickle.loads(done.stdout)
    if not ok:
        raise payload
    return payload


def main() -> None:
    """The child: a pickled `Document` on stdin, `(ok, entities or error)` on stdout."""
    from reader.core.entities import extract_entities

    doc = pickle.load(sys.stdin.buffer)
    try:
        result = (True, extract_entities(doc, sys.argv[1]))
    except Exception as error:  # sent back and raised in the parent
        result = (False, error)
    sys.stdout.buffer.write(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
