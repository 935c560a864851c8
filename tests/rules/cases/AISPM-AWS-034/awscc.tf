resource "awscc_iam_role" "admin_role" {
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "sagemaker.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
}

resource "awscc_iam_role" "wildcard_role" {
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "sagemaker.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  policies = [
    {
      policy_name = "everything"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect = "Allow"
            Action = "*"
            Resource = "*"
          },
        ]
      })
    },
  ]
}

resource "awscc_iam_role" "scoped_role" {
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "sagemaker.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  policies = [
    {
      policy_name = "notebook-data"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect = "Allow"
            Action = [
              "s3:GetObject",
              "s3:PutObject",
            ]
            Resource = "arn:aws:s3:::acme-notebooks/*"
          },
        ]
      })
    },
  ]
}

resource "awscc_sagemaker_notebook_instance" "fail_admin" {
  notebook_instance_name = "fail-admin-notebook"
  instance_type = "ml.t3.medium"
  role_arn = awscc_iam_role.admin_role.arn
}

resource "awscc_sagemaker_notebook_instance" "fail_wildcard" {
  notebook_instance_name = "fail-wildcard-notebook"
  instance_type = "ml.t3.medium"
  role_arn = awscc_iam_role.wildcard_role.arn
}

resource "awscc_sagemaker_notebook_instance" "pass_scoped" {
  notebook_instance_name = "pass-scoped-notebook"
  instance_type = "ml.t3.medium"
  role_arn = awscc_iam_role.scoped_role.arn
}
