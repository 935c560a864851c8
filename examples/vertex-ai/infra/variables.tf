variable "project_id" {
  type        = string
  description = "The project that hosts the claims assistant."
}

variable "region" {
  type    = string
  default = "europe-west4"
}
