resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_comprehend_entity_recognizer" "pass" {
  name                 = "pass-recognizer"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend-data-access"
  language_code        = "en"
  input_data_config {
    entity_types {
      type = "ORDER_ID"
    }
    documents {
      s3_uri = "s3://comprehend-cases/documents.txt"
    }
    entity_list {
      s3_uri = "s3://comprehend-cases/entities.csv"
    }
  }
  volume_kms_key_id = aws_kms_key.cases.key_id
}

resource "aws_comprehend_entity_recognizer" "fail" {
  name                 = "fail-recognizer"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend-data-access"
  language_code        = "en"
  input_data_config {
    entity_types {
      type = "ORDER_ID"
    }
    documents {
      s3_uri = "s3://comprehend-cases/documents.txt"
    }
    entity_list {
      s3_uri = "s3://comprehend-cases/entities.csv"
    }
  }
}
