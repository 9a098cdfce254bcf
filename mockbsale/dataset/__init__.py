"""Data sets in the fixtures format: their JSON Schema, their validation on load, importing one from a
live Bsale API, and the state file that keeps a server's data across restarts."""
