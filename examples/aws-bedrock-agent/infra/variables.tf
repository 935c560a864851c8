variable "region" {
  description = "AWS region of the support assistant"
  type        = string
  default     = "eu-west-1"
}
