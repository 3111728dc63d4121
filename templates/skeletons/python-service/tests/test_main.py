from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_healthz_answers_ok():
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"service": "${{ values.name }}", "ok": True}


def test_requests_are_counted_by_status_code_and_probes_are_not():
    client.get("/")
    client.get("/no-such-page")
    client.get("/healthz")
    metrics = client.get("/metrics").text
    assert 'http_requests_total{code="200",service="${{ values.name }}"} 1.0' in metrics
    assert 'http_requests_total{code="404",service="${{ values.name }}"} 1.0' in metrics
    assert 'http_request_duration_seconds_bucket{le="0.3",service="${{ values.name }}"} 2.0' in metrics
