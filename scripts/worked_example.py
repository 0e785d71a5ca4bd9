"""Run the worked example of a document (README.md, docs/worked-example.md) and check, or rewrite, what
it says each command prints: the document cannot drift from the program.

A ```console block holds shell commands, each on a line starting with "$ ", followed by what it
prints (standard output and error together). A ```pycon block holds Python examples in doctest form
(">>> ", "... "). Blocks run in document order in a fresh folder holding a copy of docs/example/, with
`polemos` and `python` of this install first on PATH and a 100-column terminal; Python examples
share one namespace per document. In an expected output "..." stands for any text (doctest's
ELLIPSIS), and timings are written "in ... s".

    python scripts/worked_example.py            # check README.md and docs/worked-example.md
    python scripts/worked_example.py --update   # run them and write what each command printed
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = (REPO / "README.md", REPO / "docs" / "worked-example.md")
COLUMNS = 100
_BLOCK = re.compile(r"^```(console|pycon)\n(.*?)^```$", re.S | re.M)
_TIMING = re.compile(r"\bin \d+(?:\.\d+)? s\b")


@dataclass
class Step:
    kind: str  # "shell" or "python"
    source: str  # the command, or the Python source (with its "... " lines joined)
    expected: str  # what the document says it prints
    actual: str = ""


@dataclass
class Block:
    kind: str
    start: int  # offsets of the block's body in the document
    end: int
    steps: list[Step] = field(default_factory=list)


def parse(text: str) -> list[Block]:
    blocks = []
    for match in _BLOCK.finditer(text):
        kind, body = match.group(1), match.group(2)
        block = Block(kind, match.start(2), match.end(2))
        if kind == "console":
            for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
                if chunk.startswith("$ "):
                    command, _, output = chunk[2:].partition("\n")
                    block.steps.append(Step("shell", command, output))
        else:
            for example in doctest.DocTestParser().get_examples(body):
                block.steps.append(Step("python", example.source, example.want))
        blocks.append(block)
    return blocks


def normalise(output: str) -> str:
    lines = [line.rstrip() for line in _TIMING.sub("in ... s", output).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + ("\n" if lines else "")


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLEMOS_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update({"COLUMNS": str(COLUMNS), "LINES": "50", "TERM": "dumb", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return env


def _run_python(source: str, namespace: dict[str, object]) -> str:
    """Run one example as doctest does: an expression's value is printed (its repr), errors as a traceback's last line."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "<example>", "single"), namespace)  # noqa: S102 - the document's own examples
        except Exception as err:  # noqa: BLE001 - shown like doctest shows it
            out.write("Traceback (most recent call last):\n    ...\n")
            out.write("".join(traceback.format_exception_only(type(err), err)))
    return out.getvalue()


def run(document: Path) -> tuple[str, list[Block]]:
    """Every step of the document, run; returns its text and its blocks with `actual` filled."""
    text = document.read_text("utf-8")
    blocks = parse(text)
    with tempfile.TemporaryDirectory(prefix="polemos-example-") as folder:
        shutil.copytree(REPO / "docs" / "example", Path(folder) / "docs" / "example")
        namespace: dict[str, object] = {"__name__": "__example__"}
        env = _environment()
        here = os.getcwd()
        os.chdir(folder)
        try:
            for block in blocks:
                for step in block.steps:
                    if step.kind == "shell":
                        done = subprocess.run(["bash", "-c", step.source], cwd=folder, env=env, text=True,
                                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
                        step.actual = done.stdout
                    else:
                        step.actual = _run_python(step.source, namespace)
        finally:
            os.chdir(here)
    return text, blocks


def differences(blocks: list[Block]) -> list[str]:
    checker = doctest.OutputChecker()
    found = []
    for block in blocks:
        for step in block.steps:
            want, got = normalise(step.expected), normalise(step.actual)
            if not checker.check_output(want, got, doctest.ELLIPSIS):
                found.append(f"$ {step.source}\n--- the document says:\n{want}--- the program printed:\n{got}")
    return found


def rewrite(text: str, blocks: list[Block]) -> str:
    """The document with every step's output replaced by what it printed."""
    pieces, last = [], 0
    for block in blocks:
        pieces.append(text[last:block.start])
        body = []
        for step in block.steps:
            if step.kind == "shell":
                body.append(f"$ {step.source}\n{normalise(step.actual)}")
            else:
                lines = step.source.rstrip("\n").split("\n")
                body.append(">>> " + "\n... ".join(lines) + "\n" + normalise(step.actual))
        pieces.append("".join(body))
        last = block.end
    pieces.append(text[last:])
    return "".join(pieces)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write what each command printed into the documents")
    parser.add_argument("documents", nargs="*", type=lambda p: Path(p).resolve(), default=list(DOCUMENTS))
    args = parser.parse_args()
    failed = 0
    for document in args.documents:
        text, blocks = run(document)
        if args.update:
            document.write_text(rewrite(text, blocks), "utf-8")
            print(f"{document.relative_to(REPO)}: {sum(len(b.steps) for b in blocks)} steps written")
            continue
        found = differences(blocks)
        for difference in found:
            print(f"{document.relative_to(REPO)}:\n{difference}")
        failed += len(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
