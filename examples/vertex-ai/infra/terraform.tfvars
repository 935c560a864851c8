project_id = "acme-claims-prod"
