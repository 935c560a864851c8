"""AWS facts: one deriver per CloudFormation type (`derive.py`), grouped by service family."""
