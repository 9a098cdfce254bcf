"""HTTP conventions shared by every Bsale resource: errors, JSON, query parsing, list envelopes."""
