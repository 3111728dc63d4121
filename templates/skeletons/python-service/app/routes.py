"""The service's endpoints: add yours here."""
from fastapi import APIRouter

router = APIRouter()


@router.get("/")
def index() -> dict:
    return {"service": "${{ values.name }}", "ok": True}
