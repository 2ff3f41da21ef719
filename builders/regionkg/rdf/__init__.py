"""RDF: namespaces, IRIs, turning documents into triples, writing files."""
