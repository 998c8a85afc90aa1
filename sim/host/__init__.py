"""Hosting: one exercise in one server process, a seat for each role, joined over a websocket.

The Session lives only in the server (`sim.host.server`); each seat receives the frozen views
its role may see (`sim.host.visibility`), as JSON (`sim.host.wire`), and sends commands its role
may give (`sim.host.seats`). `sim.host.client` is the seat's end of the connection."""
