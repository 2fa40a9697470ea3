"""Test-only helpers shipped with newsdesk: the hostile ingestion corpus (:mod:`.hostile`)."""
