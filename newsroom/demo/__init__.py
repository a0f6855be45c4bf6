"""The demo newsroom: its content (data.py) and what writes it (loader.py),
for `manage.py load_demo` (`make run`)."""
