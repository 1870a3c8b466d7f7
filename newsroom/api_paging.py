"""The API's pages (its own module: REST framework imports it while
loading, before the API's views exist)."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = None  # one size: one cache entry per page
