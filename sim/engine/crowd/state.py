"""The SEIZ+R states a user moves through (docs/model.md section 2), named in
`sim.vocabulary`."""

from sim.vocabulary import STATE_NAMES, State

__all__ = ["STATE_NAMES", "State"]
