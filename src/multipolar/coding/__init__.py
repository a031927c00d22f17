"""Event coding: the coder (coder.py), its stages, the learned detector and the training command."""

# the coder's modes (coding/coder.py); here so that the command line can list them without loading spaCy
CODER_MODES = ("combined", "rules", "model")
