from django.urls import path

from search.api import search_api, suggest_api
from search.openapi import openapi_json
from search.views import search_view

urlpatterns = [
    path("search/", search_view, name="search"),
    path("api/v1/search", search_api, name="api-search"),
    path("api/v1/suggest", suggest_api, name="api-suggest"),
    path("api/v1/openapi.json", openapi_json, name="api-openapi"),
]
