"""The REST API (django-ninja): /api/v1/..., the OpenAPI schema at /api/openapi.json, the docs at /api/docs."""
