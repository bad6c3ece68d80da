"""Traceable figures from public aid reports on Mali."""
