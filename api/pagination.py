"""Cursor pagination for every list: stable under inserts, no COUNT over a large table."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
    # Newest first with the id as tie-breaker, so a cursor never skips or repeats a row.
    ordering = ("-id",)
