resource "aws_msk_configuration" "this" {
  name           = "${var.name}-config"
  kafka_versions = [var.kafka_version]
  # No topic appears by accident; three copies, two of which must acknowledge an acks=all write.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=6
  PROPERTIES
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = aws_subnet.private[*].id
    security_groups = [aws_security_group.broker.id]
    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_size
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS" # TLS only: no plaintext listener at all
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = false
    sasl {
      iam   = var.client_auth == "iam"
      scram = var.client_auth == "scram"
    }
  }

  tags = { Name = var.name }

  # Storage auto scaling changes the volume size behind Terraform's back: without this, the next apply would try to
  # set it back to var.broker_volume_size, a shrink MSK refuses.
  lifecycle {
    ignore_changes = [broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size]
  }
}

# Storage auto scaling: Application Auto Scaling grows every broker's volume when disk use passes the target (by
# 10 GiB or 10 %, at most once every six hours, never beyond max_capacity) and never shrinks it.
resource "aws_appautoscaling_target" "storage" {
  service_namespace  = "kafka"
  scalable_dimension = "kafka:broker-storage:VolumeSize"
  resource_id        = aws_msk_cluster.this.arn
  min_capacity       = 1
  max_capacity       = var.broker_volume_max_size
}

resource "aws_appautoscaling_policy" "storage" {
  name               = "${var.name}-broker-storage"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.storage.service_namespace
  scalable_dimension = aws_appautoscaling_target.storage.scalable_dimension
  resource_id        = aws_appautoscaling_target.storage.resource_id

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "KafkaBrokerStorageUtilization"
    }
    target_value     = var.storage_utilization_target
    disable_scale_in = true
  }
}

# SASL/SCRAM users live in Secrets Manager, in secrets named AmazonMSK_... and encrypted with a customer managed key
# (MSK refuses the default aws/secretsmanager key). The password is set outside Terraform, never in code:
#   aws secretsmanager put-secret-value --secret-id AmazonMSK_ad-stats-collector \
#     --secret-string '{"username":"collector","password":"..."}'
resource "aws_kms_key" "scram" {
  count               = var.client_auth == "scram" ? 1 : 0
  description         = "SCRAM secrets of ${var.name}"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "collector" {
  count      = var.client_auth == "scram" ? 1 : 0
  name       = "AmazonMSK_${var.name}-collector"
  kms_key_id = aws_kms_key.scram[0].key_id
}

resource "aws_msk_scram_secret_association" "this" {
  count           = var.client_auth == "scram" ? 1 : 0
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [aws_secretsmanager_secret.collector[0].arn]
}
