"""The MSEL (Master Scenario Events List) as a spreadsheet: scenario injects to and from CSV
with the HSEEP column names, so facilitators can edit the timeline where they are used to."""
