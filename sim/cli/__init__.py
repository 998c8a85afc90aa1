"""The `stormdrill` command line: one module per subcommand, registered in `sim.cli.main`."""
