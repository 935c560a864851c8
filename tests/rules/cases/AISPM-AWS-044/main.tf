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
  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
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
