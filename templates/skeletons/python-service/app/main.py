import time

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.metrics import SERVICE, duration, registry, requests
from app.routes import router

app = FastAPI(title=SERVICE)

# Probes and scrapes are not users: they are neither counted nor timed.
UNMEASURED = {"/healthz", "/metrics"}


@app.middleware("http")
async def measure(request: Request, call_next):
    if request.url.path in UNMEASURED:
        return await call_next(request)
    started = time.perf_counter()
    code = 500
    try:
        response = await call_next(request)
        code = response.status_code
        return response
    finally:
        requests.labels(service=SERVICE, code=str(code)).inc()
        duration.labels(service=SERVICE).observe(time.perf_counter() - started)


@app.get("/healthz")
def healthz() -> dict:
    return {"service": SERVICE, "ok": True}


@app.get("/metrics")
def metrics() -> Response:
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


app.include_router(router)
