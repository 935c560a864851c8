data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "admin" {
  name               = "notebook-admin"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "wildcard" {
  name               = "notebook-wildcard"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy" "wildcard" {
  name   = "everything"
  role   = aws_iam_role.wildcard.id
  policy = data.aws_iam_policy_document.everything.json
}

resource "aws_iam_role" "scoped" {
  name               = "notebook-scoped"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "notebook-data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::acme-notebooks/*" }]
    })
  }
}

resource "aws_sagemaker_notebook_instance" "fail_admin" {
  name          = "fail-admin-notebook"
  role_arn      = aws_iam_role.admin.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "fail_wildcard" {
  name          = "fail-wildcard-notebook"
  role_arn      = aws_iam_role.wildcard.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "pass_scoped" {
  name          = "pass-scoped-notebook"
  role_arn      = aws_iam_role.scoped.arn
  instance_type = "ml.t3.medium"
}
