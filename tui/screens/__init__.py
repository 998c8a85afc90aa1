"""One screen per file: picker, briefing, war room, facilitator, debrief and their modals."""
