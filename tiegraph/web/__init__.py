"""HTTP API and web UI over the store (``tiegraph serve``); see docs/web.md."""
