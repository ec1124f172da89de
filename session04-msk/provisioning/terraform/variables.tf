variable "region" {
  description = "AWS region of the cluster (Seoul by default)"
  type        = string
  default     = "ap-northeast-2"
}

variable "name" {
  description = "Cluster name; also the prefix of every resource name"
  type        = string
  default     = "ad-stats"
}

variable "vpc_cidr" {
  description = "Address range of the VPC; the three private subnets are /24s inside it"
  type        = string
  default     = "10.40.0.0/16"
}

variable "kafka_version" {
  description = "MSK Kafka version (KRaft mode)"
  type        = string
  default     = "3.9.x"
}

variable "broker_instance_type" {
  description = "Broker size; kafka.t3.small is the cheapest (a study cluster), kafka.m7g.large a small production one"
  type        = string
  default     = "kafka.t3.small"
}

variable "client_auth" {
  description = "How clients authenticate: iam (port 9098) or scram (port 9096)"
  type        = string
  default     = "iam"
  validation {
    condition     = contains(["iam", "scram"], var.client_auth)
    error_message = "client_auth must be iam or scram."
  }
}

variable "dlq_topic" {
  description = "The dead-letter topic of the stats app"
  type        = string
  default     = "ad-events-dlq"
}

variable "stats_group" {
  description = "The consumer group of the stats app"
  type        = string
  default     = "ad-stats"
}
