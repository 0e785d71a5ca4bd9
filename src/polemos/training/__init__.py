"""Training code: run by `make train`, never imported at run time.

Each module rebuilds one shipped model under src/polemos/models/ from labelled data kept with its
provenance (labels/, the shared sets read in place), with a fixed seed, and writes its card.
"""
