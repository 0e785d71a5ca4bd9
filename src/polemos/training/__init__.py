"""Training code for polemos' learned steps (`make train`); never imported at run time."""
