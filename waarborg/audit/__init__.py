"""The append-only, hash-chained audit log: recording, verifying, and who counts as actor."""
