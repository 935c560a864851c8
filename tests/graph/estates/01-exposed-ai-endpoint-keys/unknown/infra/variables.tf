variable "openai_public_network_access" {
  description = "Allow the OpenAI account to be reached from the internet (set per environment in the pipeline)."
  type        = bool
}
