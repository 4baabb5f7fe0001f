"""Tooling for the candidate scoring dbt project: demo data, run summary, checks."""

__version__ = "0.1.0"
