"""Code shared by several test folders: builders, fixtures and the timing plugin."""
