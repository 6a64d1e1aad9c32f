"""HTTP and WebSocket routes: thin adapters over the services."""
