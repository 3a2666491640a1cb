"""One module per feature: HTML pages and their JSON twins under /api/."""
