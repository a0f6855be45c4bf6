"""`make bench`: the project's benchmark of record.

`python -m newsroom.benchmark` creates a PostgreSQL database of its own,
fills it with bulk inserts (seed), serves it with gunicorn under production
settings, runs wrk over every public page with the page cache on and off,
runs the Wagtail peer and a bare WSGI app (ceiling) on the same gunicorn
settings, counts queries, measures a worker's memory and the growth from
1,000 articles to the full size, and prints one table with the targets
(run). Nothing here is imported by the product.
"""
