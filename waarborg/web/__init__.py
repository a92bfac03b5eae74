"""Server-rendered pages: thin adapters over the services, Dutch first, WCAG 2.1 AA."""
