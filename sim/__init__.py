"""stormdrill headless engine."""
