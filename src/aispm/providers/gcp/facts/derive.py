def derive(a): return None
