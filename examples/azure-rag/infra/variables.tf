variable "prefix" {
  description = "Short name used in every resource name."
  type        = string
  default     = "contoso-rag"
}

variable "location" {
  type    = string
  default = "swedencentral"
}

variable "chat_model_version" {
  type    = string
  default = "2024-08-06"
}
