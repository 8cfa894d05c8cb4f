"""Integrations: the REST API (api/), xAPI statements to a learning record store, single sign-on (OIDC)."""
