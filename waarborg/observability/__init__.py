"""Health checks, Prometheus metrics and privacy-safe request logging."""
