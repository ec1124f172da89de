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

variable "broker_count" {
  description = "Brokers in all; a multiple of the three availability zones (3, 6, 9, ...). New brokers get no partitions until they are reassigned (session 15)"
  type        = number
  default     = 3
  validation {
    condition     = var.broker_count % 3 == 0
    error_message = "broker_count must be a multiple of the three availability zones."
  }
}

variable "broker_volume_size" {
  description = "EBS storage per broker in GiB at creation; it can only grow (MSK cannot shrink a volume), and storage auto scaling grows it from there"
  type        = number
  default     = 100
}

variable "broker_volume_max_size" {
  description = "The most storage auto scaling may give a broker, in GiB (above broker_volume_size, at most 16384)"
  type        = number
  default     = 1000
}

variable "storage_utilization_target" {
  description = "Disk use in percent at which storage auto scaling grows the volumes (MSK accepts 10 to 80)"
  type        = number
  default     = 60
}
