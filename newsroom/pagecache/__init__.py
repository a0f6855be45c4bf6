"""The page cache: anonymous readers' public pages, shared and never stale.

`middleware` serves and stores pages; `invalidation` bumps the versions of
what a write changes (newsroom/cachetags.py holds the versions); `purge` tells
a CDN in front which tags changed.
"""
