"""The scenario: its schema (frozen pydantic models) and how it is read from TOML."""
