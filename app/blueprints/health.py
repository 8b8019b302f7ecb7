"""GET /healthz for load balancers and monitors: no sign-in, status words and numbers only."""

from flask import Blueprint, jsonify

from app.extensions import csrf, limiter
from app.services.health import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
@csrf.exempt
def healthz():
    """200 when every check holds, 503 otherwise."""
    healthy, report = health()
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
