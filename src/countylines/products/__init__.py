"""Products: NIM intelligence products (problem profile, line profile) and their maps and charts."""
