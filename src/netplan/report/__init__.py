"""Reporters: pure functions from a `Plan` to text. Writing it out is the CLI's job."""
