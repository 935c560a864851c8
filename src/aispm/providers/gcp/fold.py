def fold(assets):
    return None
