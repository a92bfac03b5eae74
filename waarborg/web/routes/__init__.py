"""Page routes, one module per area; each router checks CSRF on every unsafe request."""
