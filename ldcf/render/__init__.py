"""Renderers: turn query results into text for people or for machines. No business logic here."""
