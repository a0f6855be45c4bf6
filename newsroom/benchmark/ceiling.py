"""A bare WSGI app answering a 6.4 KB HTML page: the ceiling of any Python
page on the same gunicorn settings (`gunicorn newsroom.benchmark.ceiling`)."""

BODY = (
    b"<!doctype html><html lang=id><head><title>ceiling</title></head><body>"
    + b"<p>"
    + b"x" * 6300
    + b"</p></body></html>"
)


def application(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(BODY))),
        ],
    )
    return [BODY]
