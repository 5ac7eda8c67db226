"""/docs (Swagger UI) and /redoc: the OpenAPI document drawn by the browser packages that
web/package.json pins (swagger-ui-dist, redoc), served from web/node_modules like YASGUI. The
pages name no other host: no CDN, no Google Fonts, no favicon from elsewhere, no validator badge."""
from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from kg.paths import Paths

router = APIRouter(include_in_schema=False)

NODE_MODULES = Paths().root / "web" / "node_modules"
SWAGGER_UI = NODE_MODULES / "swagger-ui-dist"
REDOC = NODE_MODULES / "redoc" / "bundles"
SWAGGER_URL = "/static/vendor/swagger-ui"
FAVICON = "/static/ui/favicon.svg"
# The one address of another host ReDoc's bundle would load: the logo of its side menu's
# "API docs by Redocly" link. The bundle is served with it pointing at the project's icon.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
REDOC_BUNDLE_URL = "/docs/redoc.standalone.js"
# The browser loads nothing from another host: ReDoc's side menu names an image on
# cdn.redoc.ly that no option turns off; this policy stops the request before it is made.
# The pages' own script and the packages' styles are inline, ReDoc's search runs in a blob worker.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
                           "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
                           "worker-src 'self' blob:; connect-src 'self'")
OPENAPI_URL = "/openapi.json"
# Swagger UI would fetch validator.swagger.io for a badge; None turns the badge off
SWAGGER_PARAMETERS = {"validatorUrl": None, "tryItOutEnabled": False,
                      "displayRequestDuration": True,
                      "docExpansion": "list", "defaultModelsExpandDepth": 0}


def missing_files() -> list[str]:
    """The package files the pages need that the npm install lacks (run `make install`)."""
    wanted = [SWAGGER_UI / "swagger-ui-bundle.js", SWAGGER_UI / "swagger-ui.css",
              REDOC / "redoc.standalone.js"]
    return [str(path.relative_to(NODE_MODULES.parent)) for path in wanted if not path.is_file()]


def _missing_page() -> HTMLResponse | None:
    missing = missing_files()
    if not missing:
        return None
    return HTMLResponse(status_code=503, content=(
        "<!doctype html><meta charset=utf-8><title>docs unavailable</title>"
        f"<p>Missing {', '.join(missing)}: run <code>make install</code> "
        "(npm ci in web/). The OpenAPI document is at <a href=/openapi.json>/openapi.json</a>."))


def _local_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return page


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui() -> HTMLResponse:
    return _missing_page() or _local_only(get_swagger_ui_html(
        openapi_url=OPENAPI_URL, title="plankg API · Swagger UI",
        swagger_js_url=f"{SWAGGER_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_URL}/swagger-ui.css", swagger_favicon_url=FAVICON,
        swagger_ui_parameters=SWAGGER_PARAMETERS))


@router.get("/redoc", response_class=HTMLResponse)
async def redoc() -> HTMLResponse:
    return _missing_page() or _local_only(get_redoc_html(
        openapi_url=OPENAPI_URL, title="plankg API · ReDoc",
        redoc_js_url=REDOC_BUNDLE_URL, redoc_favicon_url=FAVICON,
        with_google_fonts=False))


@lru_cache(maxsize=1)
def _redoc_bundle() -> bytes:
    return (REDOC / "redoc.standalone.js").read_bytes().replace(REDOC_LOGO, FAVICON.encode())


@router.get(REDOC_BUNDLE_URL)
async def redoc_bundle() -> Response:
    return Response(_redoc_bundle(), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600"})


def mount_static(app: FastAPI) -> None:
    """Swagger UI's files (ReDoc's one bundle is the route above); mounted before /static,
    which would answer their paths 404."""
    app.mount(SWAGGER_URL, StaticFiles(directory=SWAGGER_UI, check_dir=False), name="swagger-ui")
