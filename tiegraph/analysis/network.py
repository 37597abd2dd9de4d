"""The actor network as a graph: who acted on whom, how often, how cooperatively.

Nodes are countries (or actor codes), directed edges carry the number of
asserted events (`weight`), their mean Goldstein score and QuadClass counts;
events of documents marked `duplicate_of` are not counted.
Built from `tiegraph.store.queries.actor_network`, written as GraphML for Gephi,
Cytoscape or networkx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiegraph.store.protocol import Store
from tiegraph.store.queries import actor_network


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML has no null: drop missing attributes instead of writing 'None'."""
    return {k: v for k, v in attrs.items() if v is not None}


def build_graph(network: dict[str, Any]) -> Any:
    """`actor_network` output -> a networkx DiGraph (edge `weight` = event count)."""
    import networkx as nx

    g = nx.DiGraph()
    for n in network["nodes"]:
        g.add_node(
            n["id"], **_clean({"label": n["id"], **{k: v for k, v in n.items() if k != "id"}})
        )
    for e in network["edges"]:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        g.add_edge(e["source"], e["target"], weight=e["events"], **_clean(attrs))
    return g


def store_graph(store: Store, min_events: int = 1, level: str = "country") -> Any:
    return build_graph(actor_network(store, min_events=min_events, level=level))


def write_graphml(
    store: Store, path: str | Path, min_events: int = 1, level: str = "country"
) -> dict:
    """Write the actor network to `path`; returns node and edge counts."""
    import networkx as nx

    g = store_graph(store, min_events=min_events, level=level)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, str(path))
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
