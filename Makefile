# Shortcuts; each target is one regionkg command that the README explains.
SHARED ?= ../shared
OUT ?= build

.PHONY: examples chains corpus-page corpus test

chains:                        ## the chain model as Turtle, from the chain data files
	regionkg chains --format ttl > ontology/chains.ttl

examples: chains               ## the example graph and page from examples/reports
	regionkg build examples/reports -o examples/graph.ttl -q
	regionkg view --graph examples/graph.ttl -o examples/view.html --title "RegionKG 示例 · 通辽"

corpus:                        ## the graph of the shared corpus
	regionkg build $(SHARED)/corpus -o $(OUT)/corpus.ttl --store $(OUT)/corpus-store

corpus-page: corpus            ## the full page of the shared corpus, and the aluminium chain dashboards
	regionkg view --store $(OUT)/corpus-store -o $(OUT)/corpus.html --title "RegionKG · 语料全图"
	regionkg view --store $(OUT)/corpus-store -o $(OUT)/chain-aluminium.html --chain 铝
	regionkg view --store $(OUT)/corpus-store -o $(OUT)/chain-aluminium-tongliao.html --chain 铝 --region 通辽市

test:
	python3 -m pytest -q
