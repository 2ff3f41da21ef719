"""A real triple store: push graphs to any SPARQL 1.1 server and query them there.

`endpoints` works out a server's query, Graph Store and update URLs; requests go through
RegionKG's one HTTP layer, `regionkg.http` (retries, User-Agent, credentials; `transport`
keeps its old import path); `push` loads graphs (Graph Store HTTP Protocol, or SPARQL
Update); `sparql` is `RemoteStore`, what `regionkg query` and `regionkg view` read from a
server; `command` is the `regionkg push` sub-command.
"""
from __future__ import annotations
