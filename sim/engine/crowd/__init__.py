"""The crowd's rules (pure functions of arrays, parameters and coupled draws) and the step's
crowd phases (docs/model.md sections 2-4)."""
