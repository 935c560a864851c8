prefix = "contoso-rag"
