output "bootstrap_brokers" {
  description = "KAFKA_BOOTSTRAP_SERVERS for the chosen authentication"
  value       = var.client_auth == "iam" ? aws_msk_cluster.this.bootstrap_brokers_sasl_iam : aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "client_security_group_id" {
  description = "Attach this security group to the pipeline's applications"
  value       = aws_security_group.client.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "collector_policy_arn" {
  value = aws_iam_policy.collector.arn
}

output "stats_policy_arn" {
  value = aws_iam_policy.stats.arn
}
