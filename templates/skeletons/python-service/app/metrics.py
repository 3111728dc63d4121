"""The series the SLOs in slo/${{ values.name }}.yaml count.

Requests by `code` (the numeric status) and their duration in a histogram whose
buckets include every latency threshold the golden path's tiers use (0.3 s, 0.5 s,
1 s), so a `le` selector always matches a bucket.
"""
from prometheus_client import CollectorRegistry, Counter, Histogram

SERVICE = "${{ values.name }}"
BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0)

registry = CollectorRegistry()
# Exported as http_requests_total.
requests = Counter(
    "http_requests",
    "HTTP requests answered, by status code",
    ["service", "code"],
    registry=registry,
)
duration = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["service"],
    buckets=BUCKETS,
    registry=registry,
)
