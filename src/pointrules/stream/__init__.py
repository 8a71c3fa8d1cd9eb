"""Streams of events (JSON Lines): ``simulate`` runs them, ``summary`` counts their outcomes and
``rows`` writes their award rows (the one owner of that wire format)."""
