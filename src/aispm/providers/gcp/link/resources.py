def link(r): return None
