from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator

app = FastAPI(title="${{ values.name }}")

# Exposes http_requests_total and http_request_duration_seconds, the metrics the
# queries of slo/${{ values.name }}.yaml read.
Instrumentator().instrument(app).expose(app)


@app.get("/healthz")
def healthz() -> dict:
    return {"service": "${{ values.name }}", "ok": True}
