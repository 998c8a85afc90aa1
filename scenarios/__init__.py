"""Scenario files shipped with stormdrill (TOML), and bundled response protocols."""
