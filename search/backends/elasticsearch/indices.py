"""The index versions behind the alias and full rebuilds of the Elasticsearch backend.

Documents live in a versioned index (``<INDEX>-v1``, ``-v2``, ...) behind the
alias ``<INDEX>``; every read and write goes through the alias, so a full
rebuild can fill a new version and swap the alias without downtime.  The
settings and mapping are in :mod:`search.index_settings`.

:class:`IndexManagement` is a part of
:class:`~search.backends.elasticsearch.ElasticsearchBackend`, not a backend
of its own: it uses the backend's ``client``, ``alias``, ``_ready``,
``_errors`` and ``_safe_url``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Iterable

from elasticsearch import ApiError, NotFoundError

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.documents import BULK_CHUNK_SIZE, _chunks, _index_actions
from search.documents import SearchDocument
from search.index_settings import index_settings

logger = logging.getLogger(__name__)


class IndexManagement:
    """Create, list, rebuild and switch the versions of the index (methods of the backend)."""

    # --- the index and its versions ------------------------------------

    def index_name(self, version: int) -> str:
        """Name of a concrete index version: ``portal-v3``."""
        return f"{self.alias}-v{version}"

    def index_versions(self) -> list[int]:
        """Versions of the concrete indices that exist, ascending."""
        pattern = re.compile(rf"^{re.escape(self.alias)}-v(\d+)$")
        with self._errors("list the indices"):
            names = self.client.indices.get(index=f"{self.alias}-v*", expand_wildcards="all")
        return sorted(int(match.group(1)) for name in names if (match := pattern.match(name)))

    def create_index(self, version: int, with_alias: bool) -> str:
        """Create index version ``version`` (optionally already behind the alias)."""
        name = self.index_name(version)
        body = index_settings()
        aliases = {self.alias: {}} if with_alias else None
        with self._errors(f"create the index {name}"):
            self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"],
                                       aliases=aliases)
        return name

    def setup(self) -> None:
        """Create ``<INDEX>-v<next>`` behind the alias ``<INDEX>`` unless the alias exists."""
        with self._errors("check the index alias"):
            if self.client.indices.exists_alias(name=self.alias):
                self._add_new_fields()
                self._ready = True
                return
            if self.client.indices.exists(index=self.alias):
                raise SearchUnavailable(
                    f"Elasticsearch at {self._safe_url} has an index named {self.alias!r} where the portal "
                    f"expects an alias. It was probably created by writing to it before setup; delete it "
                    f"and reindex."
                )
        version = max(self.index_versions(), default=0) + 1
        try:
            self.create_index(version, with_alias=True)
        except SearchUnavailable:
            # Another process may have won the race; then the alias exists now.
            with self._errors("check the index alias"):
                if not self.client.indices.exists_alias(name=self.alias):
                    raise
        self._ready = True

    def _add_new_fields(self) -> None:
        """Give the live index the fields added to the mapping since it was created.

        Adding fields is allowed on an existing index, so a deployment that
        adds a facet keeps searching; the entries get the new values as
        reconciliation rewrites them (their fingerprints changed).  A change
        to an existing field is refused by Elasticsearch: then a reindex is
        needed, and the error says so.
        """
        properties = index_settings()["mappings"]["properties"]
        try:
            self.client.indices.put_mapping(index=self.alias, properties=properties)
            return
        except ApiError as exc:
            refused = exc
        # An existing field changed in a way Elasticsearch cannot apply in place (``pages.text`` became
        # stored): the old layout still answers every query, so add the new fields only and say that a
        # reindex brings the rest.
        try:
            with self._errors("read the index mapping"):
                current = self.client.indices.get_mapping(index=self.alias)
            existing = set().union(*(body["mappings"].get("properties", {}) for body in current.values()))
            added = {name: field for name, field in properties.items() if name not in existing}
            if added:
                self.client.indices.put_mapping(index=self.alias, properties=added)
        except ApiError as exc:
            raise SearchUnavailable(
                f"The mapping of the index {self.alias!r} at {self._safe_url} differs from this version's in an "
                f"incompatible way ({exc}); run `manage.py reindex` to build a new index version."
            ) from exc
        logger.warning(
            "The index %r keeps an older layout (%s); searches work, but `manage.py reindex` builds the current "
            "one (faster page hits).", self.alias, refused.message if hasattr(refused, "message") else refused)

    def _ensure_ready(self) -> None:
        if not self._ready:
            self.setup()

    # --- full rebuilds (search.rebuild) ----------------------------------
    #
    # The new version is a concrete index outside the alias; live writes keep
    # going through the alias to the old one until finish_rebuild swaps the
    # alias in one _aliases request (remove + add: no moment without an index).

    def live_version(self) -> str:
        """The concrete index behind the alias (``portal-v3``)."""
        self._ensure_ready()
        return ",".join(self._alias_holders())

    def stored_versions(self) -> list[str]:
        return [self.index_name(version) for version in self.index_versions()]

    def begin_rebuild(self) -> str:
        """Create ``<INDEX>-v<next>`` without the alias, refreshing only when finished."""
        self.setup()  # live writes need the alias while we build
        name = self.create_index(max(self.index_versions(), default=0) + 1, with_alias=False)
        with self._errors(f"prepare {name} for the rebuild"):
            # No refreshes while filling it: nobody searches it yet.
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
        return name

    def index_into(self, target: str, documents: Iterable[SearchDocument]) -> None:
        self._check_rebuild_target(target)
        what = f"index documents into {target}"
        for chunk in _chunks((action for document in documents for action in _index_actions(document)),
                             2 * BULK_CHUNK_SIZE):
            with self._errors(what):
                response = self.client.bulk(index=target, operations=chunk, refresh=False)
            for item in response["items"] if response.get("errors") else ():
                (_action, result), = item.items()
                if "error" in result:
                    error = result["error"]
                    raise SearchUnavailable(
                        f"Elasticsearch at {self._safe_url} refused to {what} (id {result.get('_id')!r}): "
                        f"{error.get('type')}: {error.get('reason')}"
                    )

    def finish_rebuild(self, target: str) -> list[str]:
        self._check_rebuild_target(target)
        with self._errors(f"make {target} searchable"):
            self.client.indices.put_settings(index=target, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=target)
        previous = [name for name in self._alias_holders() if name != target]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in previous]
        actions.append({"add": {"index": target, "alias": self.alias}})
        # One request: searches and writes see the old index or the new one, never none.
        # If another rebuild switched meanwhile, "remove" fails and nothing changes.
        with self._errors(f"switch the alias to {target}"):
            self.client.indices.update_aliases(actions=actions)
        self._ready = True
        for name in previous:
            try:
                with self._errors(f"delete the previous version {name}"):
                    self.client.indices.delete(index=name)
            except SearchUnavailable as exc:
                logger.warning("%s The new version %s is live; delete %s by hand: curl -X DELETE %s/%s",
                               exc, target, name, self._safe_url, name)
        return previous

    def abort_rebuild(self, target: str) -> None:
        self._check_rebuild_target(target)
        if target in self._alias_holders():
            raise SearchUnavailable(f"{target} is live behind the alias {self.alias!r}; it is not deleted.")
        with self._errors(f"delete the unfinished {target}"):
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete(index=target)

    def _alias_holders(self) -> list[str]:
        """The concrete indices the alias points to (one, unless something went wrong)."""
        with self._errors("find the index behind the alias"):
            try:
                return sorted(self.client.indices.get_alias(name=self.alias))
            except NotFoundError:
                return []

    def _check_rebuild_target(self, target: str) -> None:
        if not re.fullmatch(rf"{re.escape(self.alias)}-v\d+", target):
            raise ValueError(f"{target!r} is not a version of the index {self.alias!r}")
