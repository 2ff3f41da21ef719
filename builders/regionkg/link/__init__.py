"""Links from RegionKG's nodes to external SPARQL endpoints (Wikidata by default).

`endpoint` is a polite, cached SPARQL client; `regions` links regions by division code,
`labels` enterprises and industries by Chinese name, `enrich` reads coordinates and
population of linked regions; `command` is the `regionkg link` sub-command.
"""
