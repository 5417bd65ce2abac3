"""Use cases. Each takes plain values and a unit of work; no terminal output here."""
