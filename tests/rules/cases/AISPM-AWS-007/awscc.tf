resource "awscc_bedrock_knowledge_base" "pass" {
  name = "pass-kb"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_cases"
  knowledge_base_configuration = {
    type = "VECTOR"
    vector_knowledge_base_configuration = {
      embedding_model_arn = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration = {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration = {
      collection_arn = "arn:aws:aoss:eu-west-1:111122223333:collection/kbcases"
      vector_index_name = "bedrock-knowledge-base-default-index"
      field_mapping = {
        vector_field = "bedrock-knowledge-base-default-vector"
        text_field = "AMAZON_BEDROCK_TEXT_CHUNK"
        metadata_field = "AMAZON_BEDROCK_METADATA"
      }
    }
  }
}

resource "awscc_bedrock_knowledge_base" "fail" {
  name = "fail-kb"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_cases"
  knowledge_base_configuration = {
    type = "VECTOR"
    vector_knowledge_base_configuration = {
      embedding_model_arn = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration = {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration = {
      collection_arn = "arn:aws:aoss:eu-west-1:111122223333:collection/kbcases"
      vector_index_name = "bedrock-knowledge-base-default-index"
      field_mapping = {
        vector_field = "bedrock-knowledge-base-default-vector"
        text_field = "AMAZON_BEDROCK_TEXT_CHUNK"
      }
    }
  }
}
