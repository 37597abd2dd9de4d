"""The store's read API in parts; `tiegraph.store.queries` is its public face (import from
there: the names and signatures there are the contract)."""
