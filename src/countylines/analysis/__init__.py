"""Analysis: pure functions over evidence tables (SQL steps, Arrow in, results out)."""
