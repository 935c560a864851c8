resource "awscc_kms_key" "cases_key" {
  description = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "awscc_sagemaker_data_quality_job_definition" "pass" {
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  data_quality_app_specification = {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input = {
    endpoint_input = {
      endpoint_name = "orders"
      local_path = "/opt/ml/processing/input"
    }
  }
  data_quality_job_output_config = {
    kms_key_id = awscc_kms_key.cases_key.arn
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri = "s3://model-cases/monitoring"
          local_path = "/opt/ml/processing/output"
        }
      },
    ]
  }
  job_resources = {
    cluster_config = {
      instance_count = 1
      instance_type = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = awscc_kms_key.cases_key.arn
    }
  }
  network_config = {
    enable_inter_container_traffic_encryption = true
  }
}

resource "awscc_sagemaker_data_quality_job_definition" "fail_off" {
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  data_quality_app_specification = {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input = {
    endpoint_input = {
      endpoint_name = "orders"
      local_path = "/opt/ml/processing/input"
    }
  }
  data_quality_job_output_config = {
    kms_key_id = awscc_kms_key.cases_key.arn
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri = "s3://model-cases/monitoring"
          local_path = "/opt/ml/processing/output"
        }
      },
    ]
  }
  job_resources = {
    cluster_config = {
      instance_count = 1
      instance_type = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = awscc_kms_key.cases_key.arn
    }
  }
  network_config = {
    enable_inter_container_traffic_encryption = false
  }
}

resource "awscc_sagemaker_data_quality_job_definition" "fail_missing" {
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  data_quality_app_specification = {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input = {
    endpoint_input = {
      endpoint_name = "orders"
      local_path = "/opt/ml/processing/input"
    }
  }
  data_quality_job_output_config = {
    kms_key_id = awscc_kms_key.cases_key.arn
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri = "s3://model-cases/monitoring"
          local_path = "/opt/ml/processing/output"
        }
      },
    ]
  }
  job_resources = {
    cluster_config = {
      instance_count = 1
      instance_type = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = awscc_kms_key.cases_key.arn
    }
  }
}
