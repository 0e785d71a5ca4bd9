"""The same text gives the same analysis in every process: nothing may hang on the order in which a
set of strings happens to iterate, which Python varies between runs (PYTHONHASHSEED)."""

from __future__ import annotations

import os
import subprocess
import sys

TEXT = (
    "Unidentified gunmen attacked a police post in the north on Tuesday, killing three officers, "
    "a local official said. The gunmen fled on motorcycles, and the alleged gunmen were later "
    "pursued by soldiers, the army said in a statement."
)
SCRIPT = (
    "import json, sys\n"
    "from datetime import date\n"
    "from polemos.coder import Coder\n"
    "a = Coder(published=date(2025, 3, 4)).code_text(sys.stdin.read(), id='t')\n"
    "print(json.dumps(a.to_dict(), sort_keys=True, default=str))\n"
)


def analyse(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=TEXT, capture_output=True, text=True, env=env,
                          check=True)
    return done.stdout


def test_two_processes_with_different_hash_seeds_agree():
    assert analyse("1") == analyse("2") == analyse("3")
